import { DataTableSkeleton } from "@/components/carbon";

export default function Loading() {
  return (
    <div className="page" aria-busy="true">
      <h1>TLS</h1>
      <DataTableSkeleton columnCount={5} rowCount={8} aria-label="Loading TLS client profiles" />
    </div>
  );
}
