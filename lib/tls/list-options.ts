/** Kept free of zod so the table page does not ship the validator to the browser. */
/** Sortable columns: API field name → stored column. */
export const LIST_SORT_FIELDS = {
  title: "title",
  name: "name",
  version: "version",
  protocols: "protocols",
  updated_at: "updatedAt",
} as const;
export type SortField = keyof typeof LIST_SORT_FIELDS;

export const PAGE_SIZES = [10, 25, 50, 100] as const;
