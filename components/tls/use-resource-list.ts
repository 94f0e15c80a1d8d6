"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";

export interface ListParams {
  q: string;
  sort: string;
  limit: number;
  offset: number;
}

export interface Page<T> {
  total_results: number;
  results: T[];
}

/**
 * Reads go through the REST API (the same one automation uses); the first page arrives server-rendered.
 * `resource` is the REST path segment: tls-client-profiles, tls-server-profiles, keystores, truststores.
 */
export function useResourceList<T>(
  org: string,
  resource: string,
  params: ListParams,
  initial: { params: ListParams; data: Page<T> },
) {
  const isInitial = JSON.stringify(params) === JSON.stringify(initial.params);
  return useQuery({
    queryKey: queryKeys.list(org, resource, params),
    queryFn: async ({ signal }): Promise<Page<T>> => {
      const search = new URLSearchParams({ ...params, limit: String(params.limit), offset: String(params.offset) });
      if (!params.q) search.delete("q");
      const res = await fetch(`/api/orgs/${encodeURIComponent(org)}/${resource}?${search}`, { signal });
      const body = await res.json();
      if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`);
      return body;
    },
    initialData: isInitial ? initial.data : undefined,
    placeholderData: keepPreviousData,
  });
}
