"use client";

import {
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
} from "@/components/carbon";
import { TitleCell } from "@/components/tls/cells";
import { FindingsBadge } from "@/components/tls/findings";
import type { ComplianceObjectType, NonCompliantObject } from "@/lib/tls/policy/compliance";

const TYPE_LABEL: Record<ComplianceObjectType, string> = {
  tls_client_profile: "Client profile",
  tls_server_profile: "Server profile",
  keystore: "Keystore",
};

function pageOf(org: string, o: NonCompliantObject): string {
  const base = `/orgs/${org}/resources/tls`;
  if (o.type === "keystore") return `${base}/keystores/${o.name}`;
  const kind = o.type === "tls_client_profile" ? "client-profiles" : "server-profiles";
  return `${base}/${kind}/${o.name}/${encodeURIComponent(o.version ?? "")}`;
}

/** Every object a policy refuses, each with the rules it breaks (the messages the saves show) and its lint badge. */
export function ComplianceTable({
  org,
  results,
  label,
}: {
  org: string;
  results: NonCompliantObject[];
  label: string;
}) {
  return (
    <TableContainer>
      <Table aria-label={label} size="md">
        <TableHead>
          <TableRow>
            {["Object", "Type", "Breaks", "Findings"].map((h) => (
              <TableHeader key={h}>{h}</TableHeader>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {results.map((o) => (
            <TableRow key={`${o.type}:${o.name}:${o.version ?? ""}`}>
              <TableCell>
                <TitleCell href={pageOf(org, o)} title={o.title} isDefault={o.is_default} />
                {o.is_default && (
                  <Tag size="sm" type="gray">
                    Exempt
                  </Tag>
                )}
                <div className="compliance__name">{o.version ? `${o.name}:${o.version}` : o.name}</div>
              </TableCell>
              <TableCell>{TYPE_LABEL[o.type]}</TableCell>
              <TableCell>
                <ul className="compliance__violations">
                  {o.violations.map((v) => (
                    <li key={`${v.rule}:${v.field}`} data-rule={v.rule}>
                      {v.message}
                    </li>
                  ))}
                </ul>
              </TableCell>
              <TableCell>
                <FindingsBadge findings={o.findings} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
