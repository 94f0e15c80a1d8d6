import type { Metadata } from "next";
import { may, OPERATIONS } from "@/lib/auth/operations";
import type { ListPageProps } from "@/lib/tls/list-page";
import { ServerProfilesTable } from "@/components/tls/server-profiles-table";
import { pageOrg } from "@/lib/server/faces/page";
import { listServerProfiles } from "@/lib/server/profiles/server-profiles";
import { queryFromSearchParams, ZListQuery } from "@/lib/tls/list-query";

export const metadata: Metadata = { title: "TLS server profiles" };

export default async function ServerProfilesPage({ params, searchParams }: ListPageProps) {
  const ctx = await pageOrg((await params).org, OPERATIONS.viewServerProfiles);
  const { query, params: initialQuery } = queryFromSearchParams(ZListQuery, await searchParams);
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · Resources · TLS</p>
        <h1>TLS server profiles</h1>
      </header>
      <ServerProfilesTable
        org={ctx.org.name}
        canManage={may(ctx.role.permissions, "createServerProfile")}
        initial={await listServerProfiles(ctx, query)}
        initialQuery={initialQuery}
      />
    </div>
  );
}
