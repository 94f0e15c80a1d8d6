import type { Metadata } from "next";
import { mayViewAllOrgs } from "@/lib/auth/all-orgs";
import { OPERATIONS } from "@/lib/auth/operations";
import type { ListPageProps } from "@/lib/tls/list-page";
import { expiryQueryFromSearchParams } from "@/lib/tls/expiry-query";
import { ExpiryOverview } from "@/components/lifecycle/expiry-overview";
import { pageOrg } from "@/lib/server/faces/page";
import { expiryOverview } from "@/lib/server/lifecycle/expiry";

export const metadata: Metadata = { title: "Certificate expiry" };

export default async function ExpiryPage({ params, searchParams }: ListPageProps) {
  const ctx = await pageOrg((await params).org, OPERATIONS.viewExpiry);
  // This page is one organization's; every organization's is its own route, checked above its loading boundary.
  const { scope: _scope, ...filters } = expiryQueryFromSearchParams(await searchParams);
  const data = await expiryOverview(ctx, { ...filters, scope: "org" });
  const base = `/orgs/${ctx.org.name}`;
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · Resources · TLS</p>
        <h1>Certificate expiry</h1>
      </header>
      <ExpiryOverview
        org={ctx.org.name}
        data={data}
        filters={filters}
        path={`${base}/resources/tls/expiry`}
        otherView={
          mayViewAllOrgs(ctx)
            ? { path: `${base}/all-organizations/expiry`, label: "Show every organization's certificates" }
            : undefined
        }
      />
    </div>
  );
}
