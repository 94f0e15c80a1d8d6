"use client";

import { Tag } from "@/components/carbon";
import Link from "next/link";
import { useLocalTime } from "@/components/ui/use-local-time";
import { daysLeft, expiryBucket } from "@/lib/tls/expiry";
import { PROTOCOL_LABELS, type TlsProtocol } from "@/lib/tls/protocols";

/** Title linking to the details, with the "Default" tag on installation defaults. */
export function TitleCell({ href, title, isDefault }: { href: string; title: string; isDefault: boolean }) {
  return (
    <>
      <Link href={href}>{title}</Link>
      {isDefault && (
        <Tag size="sm" type="blue" className="default-tag">
          Default
        </Tag>
      )}
    </>
  );
}

export function ProtocolTags({ protocols }: { protocols: TlsProtocol[] }) {
  return protocols.map((p) => (
    <Tag key={p} size="sm" type={p === "tls_v1.3" ? "green" : "gray"}>
      {PROTOCOL_LABELS[p]}
    </Tag>
  ));
}

export function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{useLocalTime(iso)}</time>;
}

/** Expiry date with days left: the Expiry page's buckets, a tag within 30 days, a critical one within 7 and once expired. */
export function ExpiryCell({ notAfter, now }: { notAfter: string | null; now: Date }) {
  if (!notAfter) return <span>—</span>;
  const bucket = expiryBucket(new Date(notAfter), now);
  const days = daysLeft(new Date(notAfter), now);
  return (
    <span className="expiry">
      <time dateTime={notAfter}>{notAfter.slice(0, 10)}</time>
      {bucket === "expired" && (
        <Tag size="sm" type="red">
          Expired
        </Tag>
      )}
      {bucket === "7" && (
        <Tag size="sm" type="red">
          {days} days left
        </Tag>
      )}
      {bucket === "30" && (
        <Tag size="sm" type="magenta">
          {days} days left
        </Tag>
      )}
    </span>
  );
}
