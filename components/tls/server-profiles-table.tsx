"use client";

import { Tag } from "@/components/carbon";
import { deleteServerProfilesAction } from "@/app/actions/tls-server-profiles";
import { queryKeys } from "@/lib/query-keys";
import type { ServerProfileDto } from "@/lib/tls/server-profile-dto";
import { ProtocolTags } from "./cells";
import { profileTableProps } from "./profile-table-props";
import { ResourceTable } from "./resource-table";
import type { ListParams, Page } from "./use-resource-list";

interface Props {
  org: string;
  canManage: boolean;
  initial: Page<ServerProfileDto>;
  initialQuery: ListParams;
}

export function ServerProfilesTable({ org, ...props }: Props) {
  const { columns, ...shared } = profileTableProps<ServerProfileDto>(
    `/orgs/${org}/resources/tls/server-profiles`,
    (targets) => deleteServerProfilesAction(org, targets),
  );
  return (
    <ResourceTable<ServerProfileDto>
      {...props}
      {...shared}
      org={org}
      resource="tls-server-profiles"
      noun="TLS server profile"
      title="TLS server profiles"
      description="Protocols, ciphers, server certificate and client authentication for endpoints the gateway serves."
      emptyText="A TLS server profile sets the server certificate, protocols and ciphers of an endpoint, and whether clients must present a certificate."
      columns={columns((p) => (
        <>
          <ProtocolTags protocols={p.protocols} />
          {p.mutual_authentication !== "none" && (
            <Tag size="sm" type="purple">
              mTLS: {p.mutual_authentication}
            </Tag>
          )}
        </>
      ))}
      invalidate={queryKeys.serverProfiles(org)}
    />
  );
}
