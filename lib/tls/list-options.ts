/** Kept free of zod so the table page does not ship the validator to the browser. */
/**
 * Titles sort by a stored lower-cased copy: SQLite's and Postgres's default collations order case differently, and an
 * index on the stored key keeps the sort an index walk on both. Every write of a title writes its key.
 */
export const titleKey = (title: string) => title.toLowerCase();

/** Sortable columns: API field name → stored column. */
export const LIST_SORT_FIELDS = {
  title: "titleKey",
  name: "name",
  version: "version",
  protocols: "protocols",
  updated_at: "updatedAt",
} as const;
export type SortField = keyof typeof LIST_SORT_FIELDS;

export const PAGE_SIZES = [10, 25, 50, 100] as const;
