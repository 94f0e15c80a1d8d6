import type { Metadata } from "next";
import { may, OPERATIONS } from "@/lib/auth/operations";
import type { ListPageProps } from "@/lib/tls/list-page";
import { TruststoresTable } from "@/components/tls/truststores-table";
import { listTruststores } from "@/lib/server/stores/truststores";
import { pageOrg } from "@/lib/server/faces/page";
import { queryFromSearchParams } from "@/lib/tls/list-query";
import { ZStoreListQuery } from "@/lib/tls/store-schema";

export const metadata: Metadata = { title: "Truststores" };

export default async function TruststoresPage({ params, searchParams }: ListPageProps) {
  const ctx = await pageOrg((await params).org, OPERATIONS.viewTruststores);
  const { query, params: initialQuery } = queryFromSearchParams(ZStoreListQuery, await searchParams);
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · Resources · TLS</p>
        <h1>Truststores</h1>
      </header>
      <TruststoresTable
        org={ctx.org.name}
        canManage={may(ctx.role.permissions, "createTruststore")}
        initial={await listTruststores(ctx, query)}
        initialQuery={initialQuery}
        now={new Date().toISOString()}
      />
    </div>
  );
}
