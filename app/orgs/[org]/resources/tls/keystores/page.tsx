import type { Metadata } from "next";
import { KeystoresTable } from "@/components/tls/keystores-table";
import { hasPermission } from "@/lib/auth/permissions";
import { listKeystores } from "@/lib/server/keystores";
import { pageOrg } from "@/lib/server/page-context";
import { ZStoreListQuery } from "@/lib/tls/store-schema";

export const metadata: Metadata = { title: "Keystores" };

export default async function KeystoresPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await pageOrg((await params).org, "settings:view");
  const query = ZStoreListQuery.parse({});
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · Resources · TLS</p>
        <h1>Keystores</h1>
      </header>
      <KeystoresTable
        org={ctx.org.name}
        canManage={hasPermission(ctx.role.permissions, "settings:manage")}
        initial={await listKeystores(ctx, query)}
        initialQuery={{ q: "", sort: "title", limit: query.limit, offset: 0 }}
        now={new Date().toISOString()}
      />
    </div>
  );
}
