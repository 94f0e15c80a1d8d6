"use client";

import Link from "next/link";
import Form from "next/form";
import { useRouter } from "next/navigation";
import { Button, Pagination, Select, SelectItem, TextInput } from "@/components/carbon";
import { EXPIRY_BUCKETS } from "@/lib/tls/expiry";
import type { ExpiryOverviewDto } from "@/lib/tls/expiry-dto";
import { expiryHref, type ExpiryFilters } from "@/lib/tls/expiry-href";
import { PAGE_SIZES } from "@/lib/tls/list-options";
import { BUCKET_LABELS } from "./bucket-tag";
import { CertificatesTable, ProfilesTable } from "./expiry-tables";
import { ScheduledRotations } from "./scheduled-rotations";
import { ExpiryTimeline } from "./expiry-timeline";
import styles from "./expiry.module.scss";

interface Props {
  /** The organization in the URL: the current one, or the admin organization for the all-organizations view. */
  org: string;
  data: ExpiryOverviewDto;
  filters: ExpiryFilters;
  /** Path of this view, to which the filters are appended. */
  path: string;
  /** Path of the other view (this organization ↔ all organizations), when the user may switch. */
  otherView?: { path: string; label: string };
}

export function ExpiryOverview({ org, data, filters, path, otherView }: Props) {
  const router = useRouter();
  const href = (changes: Partial<ExpiryFilters>) => expiryHref(path, filters, { offset: 0, ...changes });
  const everything = EXPIRY_BUCKETS.reduce((n, b) => n + data.buckets[b], 0);
  const filtered = filters.kind !== undefined || filters.store !== undefined || filters.within_days !== undefined;
  return (
    <>
      {otherView && (
        <p className={styles.switch}>
          <Link href={otherView.path}>{otherView.label}</Link>
        </p>
      )}
      {everything === 0 && !filtered ? (
        <div className="empty-state">
          <h2>No certificates yet</h2>
          <p>
            Certificates appear here once keystores or truststores are uploaded: every certificate of every chain and
            truststore, with the date each profile stops working.
          </p>
          {data.scope === "org" && (
            <Link className="cds--btn cds--btn--primary" href={`/orgs/${org}/resources/tls/keystores/new`}>
              Upload a keystore
            </Link>
          )}
        </div>
      ) : (
        <>
          <nav aria-label="Expiry buckets" className={styles.tiles}>
            {EXPIRY_BUCKETS.map((b) => {
              const current = filters.bucket === b;
              return (
                <Link
                  key={b}
                  href={href({ bucket: current ? undefined : b })}
                  aria-current={current ? "true" : undefined}
                  className={`cds--tile cds--tile--clickable ${styles.tile} ${styles[`tile-${b}`]} ${current ? styles.current : ""}`}
                >
                  <span className={styles.count}>{data.buckets[b]}</span>
                  <span>{BUCKET_LABELS[b]}</span>
                  <span className="cds--visually-hidden">
                    {current ? " (shown; select to show every bucket)" : " (select to show only these)"}
                  </span>
                </Link>
              );
            })}
          </nav>
          <ExpiryTimeline timeline={data.timeline} />
          <Form action={path} className={styles.filters} aria-label="Filter certificates">
            <Select id="expiry-bucket" name="bucket" labelText="Expires" defaultValue={filters.bucket ?? ""}>
              <SelectItem value="" text="Any time" />
              {EXPIRY_BUCKETS.map((b) => (
                <SelectItem key={b} value={b} text={BUCKET_LABELS[b]} />
              ))}
            </Select>
            <Select id="expiry-kind" name="kind" labelText="Kind" defaultValue={filters.kind ?? ""}>
              <SelectItem value="" text="Any kind" />
              <SelectItem value="keystore" text="Keystores" />
              <SelectItem value="truststore" text="Truststores" />
            </Select>
            <TextInput
              id="expiry-store"
              name="store"
              labelText="Store name"
              placeholder="e.g. partner-mtls"
              defaultValue={filters.store ?? ""}
            />
            {filters.within_days !== undefined && (
              <input type="hidden" name="within_days" value={filters.within_days} />
            )}
            {filters.limit !== 25 && <input type="hidden" name="limit" value={filters.limit} />}
            <Button type="submit" kind="secondary">
              Apply filters
            </Button>
            {(filtered || filters.bucket) && (
              <Link href={path} className="cds--link">
                Clear filters
              </Link>
            )}
          </Form>
          <CertificatesTable org={org} data={data} filters={filters} />
          <Pagination
            page={Math.floor(filters.offset / filters.limit) + 1}
            pageSize={filters.limit}
            pageSizes={[...PAGE_SIZES]}
            totalItems={data.total_results}
            onChange={({ page, pageSize }: { page: number; pageSize: number }) =>
              router.push(
                expiryHref(path, filters, {
                  limit: pageSize,
                  offset: pageSize !== filters.limit ? 0 : (page - 1) * pageSize,
                }),
              )
            }
          />
          <div className={styles.profiles}>
            <ProfilesTable org={org} data={data} />
          </div>
          <div className={styles.profiles}>
            <ScheduledRotations org={org} rows={data.scheduled_rotations} />
          </div>
        </>
      )}
    </>
  );
}
