"use client";

import { deleteKeystoresAction } from "@/app/actions/keystores";
import { Tag } from "@/components/carbon";
import { queryKeys } from "@/lib/query-keys";
import type { KeystoreDto } from "@/lib/tls/store-dto";
import { ExpiryCell, TitleCell, When } from "./cells";
import { FindingsBadge } from "./findings";
import { ResourceTable } from "./resource-table";
import type { ListParams, Page } from "./use-resource-list";

interface Props {
  org: string;
  canManage: boolean;
  initial: Page<KeystoreDto>;
  initialQuery: ListParams;
  now: string;
}

export function KeystoresTable({ org, now, ...props }: Props) {
  const base = `/orgs/${org}/resources/tls/keystores`;
  const href = (k: KeystoreDto) => `${base}/${k.name}`;
  const at = new Date(now);
  return (
    <ResourceTable<KeystoreDto>
      {...props}
      org={org}
      resource="keystores"
      noun="keystore"
      title="Keystores"
      description="Private keys with their certificate chains: server certificates, and client certificates for mutual TLS."
      searchPlaceholder="Search by title, name, summary or subject"
      emptyText="A keystore holds a private key and its certificate chain. Upload PEM or PKCS#12 files, or generate a key and CSR here."
      columns={[
        {
          key: "title",
          header: "Title",
          render: (k) => <TitleCell href={href(k)} title={k.title} isDefault={k.is_default} />,
        },
        { key: "name", header: "Name", render: (k) => k.name },
        {
          key: "not_after",
          header: "Expires",
          render: (k) =>
            k.state === "awaiting_certificate" ? (
              <Tag size="sm" type="purple">
                Awaiting certificate
              </Tag>
            ) : (
              <ExpiryCell notAfter={k.not_after} now={at} />
            ),
        },
        {
          key: "findings",
          header: "Findings",
          sortable: false,
          // A key awaiting its certificate has had nothing to check yet: "No findings" would read as a clean bill.
          render: (k) =>
            k.state === "awaiting_certificate" && k.findings.length === 0 ? (
              <Tag size="sm" type="gray">
                Not checked yet
              </Tag>
            ) : (
              <FindingsBadge findings={k.findings} />
            ),
        },
        { key: "updated_at", header: "Updated", render: (k) => <When iso={k.updated_at} /> },
      ]}
      rowKey={(k) => k.name}
      rowLabel={(k) => k.title}
      rowHref={href}
      createHref={`${base}/new`}
      invalidate={queryKeys.keystores(org)}
      isProtected={(k) => k.is_default}
      deletion={{
        consequence:
          "The private key is destroyed and cannot be recovered. Keystores that profiles use cannot be deleted.",
        detail: (k) => `${k.name} · ${k.subject}`,
        remove: (rows) =>
          deleteKeystoresAction(
            org,
            rows.map((k) => k.name),
          ),
      }}
    />
  );
}
