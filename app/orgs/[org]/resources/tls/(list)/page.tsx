import type { Metadata } from "next";
import { may, OPERATIONS } from "@/lib/auth/operations";
import type { ListPageProps } from "@/lib/tls/list-page";
import { ClientProfilesTable } from "@/components/tls/client-profiles-table";
import { pageOrg } from "@/lib/server/faces/page";
import { listClientProfiles } from "@/lib/server/profiles/client-profiles";
import { queryFromSearchParams, ZListQuery } from "@/lib/tls/list-query";

export const metadata: Metadata = { title: "TLS client profiles" };

export default async function TlsPage({ params, searchParams }: ListPageProps) {
  const ctx = await pageOrg((await params).org, OPERATIONS.viewClientProfiles);
  const { query, params: initialQuery } = queryFromSearchParams(ZListQuery, await searchParams);
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · Resources · TLS</p>
        <h1>TLS client profiles</h1>
      </header>
      <ClientProfilesTable
        org={ctx.org.name}
        canManage={may(ctx.role.permissions, "createClientProfile")}
        initial={await listClientProfiles(ctx, query)}
        initialQuery={initialQuery}
      />
    </div>
  );
}
