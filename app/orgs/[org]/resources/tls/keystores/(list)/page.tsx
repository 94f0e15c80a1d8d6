import type { Metadata } from "next";
import { may, OPERATIONS } from "@/lib/auth/operations";
import type { ListPageProps } from "@/lib/tls/list-page";
import { KeystoresTable } from "@/components/tls/keystores-table";
import { listKeystores } from "@/lib/server/stores/keystores";
import { pageOrg } from "@/lib/server/faces/page";
import { queryFromSearchParams } from "@/lib/tls/list-query";
import { ZStoreListQuery } from "@/lib/tls/store-schema";

export const metadata: Metadata = { title: "Keystores" };

export default async function KeystoresPage({ params, searchParams }: ListPageProps) {
  const ctx = await pageOrg((await params).org, OPERATIONS.viewKeystores);
  const { query, params: initialQuery } = queryFromSearchParams(ZStoreListQuery, await searchParams);
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · Resources · TLS</p>
        <h1>Keystores</h1>
      </header>
      <KeystoresTable
        org={ctx.org.name}
        canManage={may(ctx.role.permissions, "createKeystore")}
        initial={await listKeystores(ctx, query)}
        initialQuery={initialQuery}
        now={new Date().toISOString()}
      />
    </div>
  );
}
