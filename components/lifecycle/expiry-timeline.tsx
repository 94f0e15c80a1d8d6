"use client";

import dynamic from "next/dynamic";
import styles from "./expiry.module.scss";

const ExpiryChart = dynamic(() => import("./expiry-chart"), {
  ssr: false,
  // Carbon's skeleton class, not its component: adding a component to components/carbon.ts grows every page.
  loading: () => <div className={`cds--skeleton__placeholder ${styles.chartSkeleton}`} />,
});

/**
 * The next twelve months at a glance. The chart is drawn as SVG that screen readers cannot use well, so it is hidden
 * from them; the same counts are in the list below it (visually hidden) and every certificate is in the table.
 */
export function ExpiryTimeline({ timeline }: { timeline: { month: string; count: number }[] }) {
  // An empty plot with no bars and no scale reads as a chart that failed to load: say it in words instead.
  if (timeline.every((m) => m.count === 0))
    return (
      <section aria-labelledby="expiry-timeline-title" className={styles.timeline}>
        <h2 id="expiry-timeline-title">Next 12 months</h2>
        <p>No certificate expires in the next 12 months.</p>
      </section>
    );
  return (
    <section aria-labelledby="expiry-timeline-title" className={styles.timeline}>
      <h2 id="expiry-timeline-title">Next 12 months</h2>
      <div aria-hidden="true">
        <ExpiryChart timeline={timeline} />
      </div>
      <ul className="cds--visually-hidden">
        {timeline.map((m) => (
          <li key={m.month}>
            {m.month}: {m.count} {m.count === 1 ? "certificate expires" : "certificates expire"}
          </li>
        ))}
      </ul>
    </section>
  );
}
