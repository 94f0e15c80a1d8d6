"use client";

import { Tag } from "@/components/carbon";
import type { ExpiryBucket } from "@/lib/tls/expiry";

/** The buckets are disjoint, and the labels say so. */
export const BUCKET_LABELS: Record<ExpiryBucket, string> = {
  expired: "Expired",
  "7": "7 days or less",
  "30": "8 to 30 days",
  "90": "31 to 90 days",
  later: "More than 90 days",
};

const TAG_TYPES = { expired: "red", "7": "red", "30": "magenta", "90": "warm-gray", later: "green" } as const;

/** Not-after date with the days left, coloured by bucket. */
export function ExpiryWhen({
  notAfter,
  daysLeft,
  bucket,
}: {
  notAfter: string;
  daysLeft: number;
  bucket: ExpiryBucket;
}) {
  return (
    <span className="expiry">
      <time dateTime={notAfter}>{notAfter.slice(0, 10)}</time>
      <Tag size="sm" type={TAG_TYPES[bucket]}>
        {bucket === "expired" ? "Expired" : daysLeft === 1 ? "1 day left" : `${daysLeft} days left`}
      </Tag>
    </span>
  );
}
