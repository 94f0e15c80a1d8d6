"use client";

import { Tag } from "@/components/carbon";
import { deleteServerProfilesAction } from "@/app/actions/tls-server-profiles";
import { queryKeys } from "@/lib/query-keys";
import type { ServerProfileDto } from "@/lib/tls/server-profile-dto";
import { ProtocolTags, TitleCell, When } from "./cells";
import { ResourceTable } from "./resource-table";
import type { ListParams, Page } from "./use-resource-list";

interface Props {
  org: string;
  canManage: boolean;
  initial: Page<ServerProfileDto>;
  initialQuery: ListParams;
}

export function ServerProfilesTable({ org, ...props }: Props) {
  const base = `/orgs/${org}/resources/tls/server-profiles`;
  const href = (p: ServerProfileDto) => `${base}/${p.name}/${encodeURIComponent(p.version)}`;
  return (
    <ResourceTable<ServerProfileDto>
      {...props}
      org={org}
      resource="tls-server-profiles"
      noun="TLS server profile"
      title="TLS server profiles"
      description="Protocols, ciphers, server certificate and client authentication for endpoints the gateway serves."
      searchPlaceholder="Search by title, name, version or summary"
      emptyText="A TLS server profile sets the server certificate, protocols and ciphers of an endpoint, and whether clients must present a certificate."
      columns={[
        {
          key: "title",
          header: "Title",
          render: (p) => <TitleCell href={href(p)} title={p.title} isDefault={p.is_default} />,
        },
        { key: "name", header: "Name", render: (p) => p.name },
        { key: "version", header: "Version", render: (p) => p.version },
        {
          key: "protocols",
          header: "Protocols",
          render: (p) => (
            <>
              <ProtocolTags protocols={p.protocols} />
              {p.mutual_authentication !== "none" && (
                <Tag size="sm" type="purple">
                  mTLS: {p.mutual_authentication}
                </Tag>
              )}
            </>
          ),
        },
        { key: "updated_at", header: "Updated", render: (p) => <When iso={p.updated_at} /> },
      ]}
      rowKey={(p) => `${p.name}:${p.version}`}
      rowLabel={(p) => `${p.title} ${p.version}`}
      rowHref={href}
      createHref={`${base}/new`}
      invalidate={queryKeys.serverProfiles(org)}
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
          deleteServerProfilesAction(
            org,
            rows.map(({ name, version }) => ({ name, version })),
          ),
      }}
    />
  );
}
