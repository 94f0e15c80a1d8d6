import type { Metadata } from "next";
import { TruststoresTable } from "@/components/tls/truststores-table";
import { hasPermission } from "@/lib/auth/permissions";
import { listTruststores } from "@/lib/server/truststores";
import { pageOrg } from "@/lib/server/page-context";
import { ZStoreListQuery } from "@/lib/tls/store-schema";

export const metadata: Metadata = { title: "Truststores" };

export default async function TruststoresPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await pageOrg((await params).org, "settings:view");
  const query = ZStoreListQuery.parse({});
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · Resources · TLS</p>
        <h1>Truststores</h1>
      </header>
      <TruststoresTable
        org={ctx.org.name}
        canManage={hasPermission(ctx.role.permissions, "settings:manage")}
        initial={await listTruststores(ctx, query)}
        initialQuery={{ q: "", sort: "title", limit: query.limit, offset: 0 }}
        now={new Date().toISOString()}
      />
    </div>
  );
}
