import { DataTableSkeleton } from "@/components/carbon";
import styles from "./expiry.module.scss";

/** The Expiry page while its counts load: five tiles, the chart, the table. */
export function ExpirySkeleton({ heading }: { heading: string }) {
  return (
    <div className="page" aria-busy="true">
      <header className="page__header">
        <h1>{heading}</h1>
      </header>
      <div className={styles.tiles}>
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className={`cds--skeleton__placeholder ${styles.tileSkeleton}`} />
        ))}
      </div>
      <div className={`cds--skeleton__placeholder ${styles.chartSkeleton}`} />
      <DataTableSkeleton columnCount={6} rowCount={8} aria-label="Loading certificates" />
    </div>
  );
}
