"use client";

import Link from "next/link";
import { Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from "@/components/carbon";
import type { ExpiringCertificateDto, ExpiryOverviewDto, ProfileBreakDto } from "@/lib/tls/expiry-dto";
import type { ExpiryFilters } from "@/lib/tls/expiry-href";
import type { DependantDto } from "@/lib/tls/store-dto";
import { ExpiryWhen } from "./bucket-tag";

const tls = (org: string) => `/orgs/${org}/resources/tls`;
const profilePath = (org: string, p: Pick<DependantDto, "type" | "name" | "version">) =>
  `${tls(org)}/${p.type === "tls_client_profile" ? "client-profiles" : "server-profiles"}/${p.name}/${encodeURIComponent(p.version)}`;
const TYPE_LABELS = { tls_client_profile: "TLS client profile", tls_server_profile: "TLS server profile" } as const;

/**
 * In the all-organizations view the stores and profiles belong to organizations the viewer may not be a member of:
 * their names are shown as text, since a link would only lead to a 403 page.
 */
function StoreCell({ org, row, linked }: { org: string; row: ExpiringCertificateDto; linked: boolean }) {
  const label = `${row.store_title} (${row.store_name})`;
  if (!linked) return <>{label}</>;
  return <Link href={`${tls(org)}/${row.kind}s/${encodeURIComponent(row.store_name)}`}>{label}</Link>;
}

export function CertificatesTable({
  org,
  data,
  filters,
}: {
  org: string;
  data: ExpiryOverviewDto;
  filters: ExpiryFilters;
}) {
  const all = data.scope === "all";
  const columns = [...(all ? ["Organization"] : []), "Store", "Role", "Subject", "Issuer", "Expires", "Used by"];
  return (
    <TableContainer
      title={<span id="expiry-certificates-title">Certificates</span>}
      description={`${data.total_results} certificate${data.total_results === 1 ? "" : "s"}, soonest expiry first`}
    >
      <Table aria-labelledby="expiry-certificates-title" size="md">
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableHeader key={c}>{c}</TableHeader>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.results.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length}>
                No certificate matches these filters
                {filters.offset > 0 ? " on this page" : ""}.
              </TableCell>
            </TableRow>
          )}
          {data.results.map((r) => (
            <TableRow key={`${r.org?.name ?? org}:${r.kind}:${r.store_name}:${r.position}:${r.sha256_fingerprint}`}>
              {all && <TableCell>{r.org?.title}</TableCell>}
              <TableCell>
                <StoreCell org={org} row={r} linked={!all} />
                <br />
                <span className="cds--type-helper-text-01">{r.kind === "keystore" ? "Keystore" : "Truststore"}</span>
              </TableCell>
              <TableCell>
                {r.role}
                {r.kind === "keystore" && <span className="cds--visually-hidden"> (position {r.position})</span>}
              </TableCell>
              <TableCell>
                <span title={`SHA-256 ${r.sha256_fingerprint}`}>{r.subject}</span>
              </TableCell>
              <TableCell>{r.issuer}</TableCell>
              <TableCell>
                <ExpiryWhen notAfter={r.not_after} daysLeft={r.days_left} bucket={r.bucket} />
              </TableCell>
              <TableCell>
                {r.used_by.length === 0 ? (
                  "—"
                ) : (
                  <ul>
                    {r.used_by.map((d) => (
                      <li key={`${d.type}:${d.name}:${d.version}`}>
                        {all ? (
                          `${d.title} ${d.version}`
                        ) : (
                          <Link href={profilePath(org, d)}>
                            {d.title} {d.version}
                          </Link>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

export function ProfilesTable({ org, data }: { org: string; data: ExpiryOverviewDto }) {
  const all = data.scope === "all";
  const columns = [...(all ? ["Organization"] : []), "Profile", "Type", "Breaks", "Cause"];
  const shown = data.profiles.length < data.profiles_total ? ` (the first ${data.profiles.length})` : "";
  return (
    <TableContainer
      title={<span id="expiry-profiles-title">Profiles</span>}
      description={`When each profile stops working: the earliest expiry across its keystore's chain and its truststore's anchors. ${data.profiles_total} profile${data.profiles_total === 1 ? "" : "s"}${shown}.`}
    >
      <Table aria-labelledby="expiry-profiles-title" size="md">
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableHeader key={c}>{c}</TableHeader>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.profiles.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length}>No profile depends on a certificate in this view.</TableCell>
            </TableRow>
          )}
          {data.profiles.map((p: ProfileBreakDto) => (
            <TableRow key={`${p.org?.name ?? org}:${p.type}:${p.name}:${p.version}`}>
              {all && <TableCell>{p.org?.title}</TableCell>}
              <TableCell>
                {all ? (
                  `${p.title} ${p.version}`
                ) : (
                  <Link href={profilePath(org, p)}>
                    {p.title} {p.version}
                  </Link>
                )}
              </TableCell>
              <TableCell>{TYPE_LABELS[p.type]}</TableCell>
              <TableCell>
                <ExpiryWhen notAfter={p.breaks_at} daysLeft={p.days_left} bucket={p.bucket} />
              </TableCell>
              <TableCell>{p.cause}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
