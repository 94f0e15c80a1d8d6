import { z } from "zod";
import type { SortField } from "./list-options";

export { LIST_SORT_FIELDS, PAGE_SIZES, titleKey, type SortField } from "./list-options";

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

type Parsed = { q?: string; sort: string; direction: "asc" | "desc"; limit: number; offset: number };

/**
 * A list page's query from its URL (`?q=&sort=-not_after&limit=50`), so a filtered view can be shared;
 * anything invalid falls back to the defaults rather than failing the page.
 */
export function queryFromSearchParams<T extends Parsed>(
  schema: z.ZodType<T>,
  searchParams: Record<string, string | string[] | undefined>,
): { query: T; params: { q: string; sort: string; limit: number; offset: number } } {
  const flat = Object.fromEntries(
    Object.entries(searchParams).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const parsed = schema.safeParse(flat);
  const query = parsed.success ? parsed.data : schema.parse({});
  const sort = `${query.direction === "desc" ? "-" : ""}${query.sort}`;
  return { query, params: { q: query.q ?? "", sort, limit: query.limit, offset: query.offset } };
}
