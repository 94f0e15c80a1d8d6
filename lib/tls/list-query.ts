import { z } from "zod";
import type { SortField } from "./list-options";

export { LIST_SORT_FIELDS, PAGE_SIZES, type SortField } from "./list-options";

/** Query-string parameters of every list: `?q=&sort=-updated_at&limit=25&offset=0`. */
export const ZListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    sort: z
      .string()
      .regex(
        /^-?(title|name|version|protocols|updated_at)$/,
        "sort must be one of title, name, version, protocols, updated_at, optionally prefixed with -",
      )
      .default("title"),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .transform(({ sort, ...rest }) => ({
    ...rest,
    sort: sort.replace(/^-/, "") as SortField,
    direction: sort.startsWith("-") ? ("desc" as const) : ("asc" as const),
  }));
export type ListQuery = z.output<typeof ZListQuery>;
