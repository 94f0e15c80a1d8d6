import type { Metadata } from "next";
import type { ListPageProps } from "@/lib/tls/list-page";
import { ClientProfilesTable } from "@/components/tls/client-profiles-table";
import { hasPermission } from "@/lib/auth/permissions";
import { pageOrg } from "@/lib/server/faces/page";
import { listClientProfiles } from "@/lib/server/profiles/client-profiles";
import { queryFromSearchParams, ZListQuery } from "@/lib/tls/list-query";

export const metadata: Metadata = { title: "TLS client profiles" };

export default async function TlsPage({ params, searchParams }: ListPageProps) {
  const ctx = await pageOrg((await params).org, "settings:view");
  const { query, params: initialQuery } = queryFromSearchParams(ZListQuery, await searchParams);
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · Resources · TLS</p>
        <h1>TLS client profiles</h1>
      </header>
      <ClientProfilesTable
        org={ctx.org.name}
        canManage={hasPermission(ctx.role.permissions, "settings:manage")}
        initial={await listClientProfiles(ctx, query)}
        initialQuery={initialQuery}
      />
    </div>
  );
}
