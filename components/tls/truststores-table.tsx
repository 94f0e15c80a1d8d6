"use client";

import { deleteTruststoresAction } from "@/app/actions/truststores";
import { queryKeys } from "@/lib/query-keys";
import type { TruststoreDto } from "@/lib/tls/store-dto";
import { ExpiryCell, TitleCell, When } from "./cells";
import { FindingsBadge } from "./findings";
import { ResourceTable } from "./resource-table";
import type { ListParams, Page } from "./use-resource-list";

interface Props {
  org: string;
  canManage: boolean;
  initial: Page<TruststoreDto>;
  initialQuery: ListParams;
  now: string;
}

export function TruststoresTable({ org, now, ...props }: Props) {
  const base = `/orgs/${org}/resources/tls/truststores`;
  const href = (t: TruststoreDto) => `${base}/${t.name}`;
  const at = new Date(now);
  return (
    <ResourceTable<TruststoreDto>
      {...props}
      org={org}
      resource="truststores"
      noun="truststore"
      title="Truststores"
      description="CA certificates that peer certificates must chain to."
      searchPlaceholder="Search by title, name or summary"
      emptyText="A truststore holds the CA certificates a profile trusts. Upload a PEM bundle or a certificate-only PKCS#12."
      columns={[
        {
          key: "title",
          header: "Title",
          render: (t) => <TitleCell href={href(t)} title={t.title} isDefault={t.is_default} />,
        },
        {
          key: "name",
          header: "Name",
          render: (t) => `${t.name} · ${t.certificate_count} certificate${t.certificate_count === 1 ? "" : "s"}`,
        },
        { key: "not_after", header: "First expiry", render: (t) => <ExpiryCell notAfter={t.not_after} now={at} /> },
        {
          key: "findings",
          header: "Findings",
          sortable: false,
          render: (t) => <FindingsBadge findings={t.findings} />,
        },
        { key: "updated_at", header: "Updated", render: (t) => <When iso={t.updated_at} /> },
      ]}
      rowKey={(t) => t.name}
      rowLabel={(t) => t.title}
      rowHref={href}
      createHref={`${base}/new`}
      invalidate={queryKeys.truststores(org)}
      isProtected={(t) => t.is_default}
      deletion={{
        consequence: "This cannot be undone. Truststores that profiles use cannot be deleted.",
        detail: (t) => `${t.name} · ${t.certificate_count} certificate${t.certificate_count === 1 ? "" : "s"}`,
        remove: (rows) =>
          deleteTruststoresAction(
            org,
            rows.map((t) => t.name),
          ),
      }}
    />
  );
}
