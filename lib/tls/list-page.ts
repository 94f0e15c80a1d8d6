/** Props of a list page: the organization, and the list's query string. */
export interface ListPageProps {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}
