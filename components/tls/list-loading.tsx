import { DataTableSkeleton } from "@/components/carbon";

/**
 * The skeleton of a TLS list page. It lives in each list's own route group, never above a details page: once a
 * Suspense boundary has streamed, a page's notFound() can no longer set the 404 status.
 */
export function ListLoading({ heading, what }: { heading: string; what: string }) {
  return (
    <div className="page" aria-busy="true">
      <h1>{heading}</h1>
      <DataTableSkeleton columnCount={5} rowCount={8} aria-label={`Loading ${what}`} />
    </div>
  );
}
