"use client";

/**
 * The Carbon chart, imported only by expiry-timeline.tsx through next/dynamic (ssr: false): the charts library and
 * its CSS load on the Expiry page alone, so no other page's first-load JS grows (ADR 018).
 */
import { ScaleTypes, SimpleBarChart } from "@carbon/charts-react";
import "@carbon/charts-react/styles.css";

export default function ExpiryChart({ timeline }: { timeline: { month: string; count: number }[] }) {
  // Certificates come whole: with few of them the library's own ticks would read 0.5, 1.5.
  const most = Math.max(...timeline.map((m) => m.count));
  const ticks = most <= 5 ? { values: Array.from({ length: most + 1 }, (_, i) => i) } : undefined;
  return (
    <SimpleBarChart
      data={timeline.map((m) => ({ group: "Certificates", key: m.month, value: m.count }))}
      options={{
        title: "Certificates expiring per month",
        height: "260px",
        theme: "white",
        legend: { enabled: false },
        toolbar: { enabled: false },
        axes: {
          left: { mapsTo: "value", title: "Certificates", ticks },
          bottom: { mapsTo: "key", scaleType: ScaleTypes.LABELS, title: "Month (UTC)" },
        },
      }}
    />
  );
}
