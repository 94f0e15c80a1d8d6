import { DataTableSkeleton } from "@/components/carbon";

export default function Loading() {
  return (
    <div className="page" aria-busy="true">
      <h1>Calendar feed</h1>
      <DataTableSkeleton columnCount={4} rowCount={3} aria-label="Loading calendar feeds" />
    </div>
  );
}
