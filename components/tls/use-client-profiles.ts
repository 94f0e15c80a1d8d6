"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { deleteClientProfilesAction } from "@/app/actions/tls-client-profiles";
import { queryKeys } from "@/lib/query-keys";
import type { ClientProfileDto } from "@/lib/tls/client-profile-dto";

export interface ListParams {
  q: string;
  sort: string;
  limit: number;
  offset: number;
}
export interface ProfilePage {
  total_results: number;
  results: ClientProfileDto[];
}

/** Reads go through the REST API (the same one automation uses); the first page arrives server-rendered. */
export function useClientProfiles(org: string, params: ListParams, initial: { params: ListParams; data: ProfilePage }) {
  const isInitial = JSON.stringify(params) === JSON.stringify(initial.params);
  return useQuery({
    queryKey: queryKeys.clientProfileList(org, params),
    queryFn: async ({ signal }): Promise<ProfilePage> => {
      const search = new URLSearchParams({ ...params, limit: String(params.limit), offset: String(params.offset) });
      if (!params.q) search.delete("q");
      const res = await fetch(`/api/orgs/${encodeURIComponent(org)}/tls-client-profiles?${search}`, { signal });
      const body = await res.json();
      if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`);
      return body;
    },
    initialData: isInitial ? initial.data : undefined,
    placeholderData: keepPreviousData,
  });
}

export function useDeleteClientProfiles(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (targets: { name: string; version: string }[]) => {
      const result = await deleteClientProfilesAction(org, targets);
      if (!result.ok)
        throw new Error(result.requestId ? `${result.message} (request id ${result.requestId})` : result.message);
      return result.data;
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.clientProfiles(org) }),
  });
}
