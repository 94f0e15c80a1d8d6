"use client";

import { deleteClientProfilesAction } from "@/app/actions/tls-client-profiles";
import { queryKeys } from "@/lib/query-keys";
import type { ClientProfileDto } from "@/lib/tls/client-profile-dto";
import { profileTableProps, protocolsOnly } from "./profile-table-props";
import { ResourceTable } from "./resource-table";
import type { ListParams, Page } from "./use-resource-list";

interface Props {
  org: string;
  canManage: boolean;
  initial: Page<ClientProfileDto>;
  initialQuery: ListParams;
}

export function ClientProfilesTable({ org, ...props }: Props) {
  const { columns, ...shared } = profileTableProps<ClientProfileDto>(
    `/orgs/${org}/resources/tls/client-profiles`,
    (targets) => deleteClientProfilesAction(org, targets),
  );
  return (
    <ResourceTable<ClientProfileDto>
      {...props}
      {...shared}
      org={org}
      resource="tls-client-profiles"
      noun="TLS client profile"
      title="TLS client profiles"
      description="Protocols, ciphers and trust settings the gateway uses when it calls a server."
      emptyText="A TLS client profile sets the protocols, ciphers and certificates used when calling a server."
      columns={columns(protocolsOnly)}
      invalidate={queryKeys.clientProfiles(org)}
    />
  );
}
