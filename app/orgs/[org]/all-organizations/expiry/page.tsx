import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { mayViewAllOrgs } from "@/lib/auth/all-orgs";
import { OPERATIONS } from "@/lib/auth/operations";
import type { ListPageProps } from "@/lib/tls/list-page";
import { expiryQueryFromSearchParams } from "@/lib/tls/expiry-query";
import { ExpiryOverview } from "@/components/lifecycle/expiry-overview";
import { pageOrg } from "@/lib/server/faces/page";
import { expiryOverview } from "@/lib/server/lifecycle/expiry";

export const metadata: Metadata = { title: "Certificate expiry: every organization" };

export default async function AllOrganizationsExpiryPage({ params, searchParams }: ListPageProps) {
  const ctx = await pageOrg((await params).org, OPERATIONS.viewExpiry);
  // Layout and page render concurrently: the page refuses on its own too, before asking the data layer (which checks
  // again), so a refused request ends in the 403 page rather than a logged error.
  // Only the admin organization has this view: elsewhere it does not exist (a 403 would blame the role).
  if (ctx.org.type !== "admin") notFound();
  if (!mayViewAllOrgs(ctx)) forbidden();
  const { scope: _scope, ...filters } = expiryQueryFromSearchParams(await searchParams);
  const data = await expiryOverview(ctx, { ...filters, scope: "all" });
  const base = `/orgs/${ctx.org.name}`;
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · every organization</p>
        <h1>Certificate expiry: every organization</h1>
      </header>
      <ExpiryOverview
        org={ctx.org.name}
        data={data}
        filters={filters}
        path={`${base}/all-organizations/expiry`}
        otherView={{ path: `${base}/resources/tls/expiry`, label: `Show ${ctx.org.title} only` }}
      />
    </div>
  );
}
