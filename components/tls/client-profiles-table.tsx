"use client";

import { deleteClientProfilesAction } from "@/app/actions/tls-client-profiles";
import { queryKeys } from "@/lib/query-keys";
import type { ClientProfileDto } from "@/lib/tls/client-profile-dto";
import { ProtocolTags, TitleCell, When } from "./cells";
import { ResourceTable } from "./resource-table";
import type { ListParams, Page } from "./use-resource-list";

interface Props {
  org: string;
  canManage: boolean;
  initial: Page<ClientProfileDto>;
  initialQuery: ListParams;
}

export function ClientProfilesTable({ org, ...props }: Props) {
  const base = `/orgs/${org}/resources/tls/client-profiles`;
  const href = (p: ClientProfileDto) => `${base}/${p.name}/${encodeURIComponent(p.version)}`;
  return (
    <ResourceTable<ClientProfileDto>
      {...props}
      org={org}
      resource="tls-client-profiles"
      noun="TLS client profile"
      title="TLS client profiles"
      description="Protocols, ciphers and trust settings the gateway uses when it calls a server."
      searchPlaceholder="Search by title, name, version or summary"
      emptyText="A TLS client profile sets the protocols, ciphers and certificates used when calling a server."
      columns={[
        {
          key: "title",
          header: "Title",
          render: (p) => <TitleCell href={href(p)} title={p.title} isDefault={p.is_default} />,
        },
        { key: "name", header: "Name", render: (p) => p.name },
        { key: "version", header: "Version", render: (p) => p.version },
        { key: "protocols", header: "Protocols", render: (p) => <ProtocolTags protocols={p.protocols} /> },
        { key: "updated_at", header: "Updated", render: (p) => <When iso={p.updated_at} /> },
      ]}
      rowKey={(p) => `${p.name}:${p.version}`}
      rowLabel={(p) => `${p.title} ${p.version}`}
      rowHref={href}
      createHref={`${base}/new`}
      invalidate={queryKeys.clientProfiles(org)}
      isProtected={(p) => p.is_default}
      extraActions={(p) => [
        {
          text: p.is_default ? "Duplicate to customize" : "New version",
          href: `${base}/new?from=${p.name}&version=${encodeURIComponent(p.version)}${p.is_default ? "&copy=1" : ""}`,
        },
      ]}
      deletion={{
        consequence: "This cannot be undone. Gateways that use these profiles keep their copy until the next publish.",
        detail: (p) => `${p.name}:${p.version}`,
        remove: (rows) =>
          deleteClientProfilesAction(
            org,
            rows.map(({ name, version }) => ({ name, version })),
          ),
      }}
    />
  );
}
