"use client";

import Link from "next/link";
import { Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from "@/components/carbon";
import type { ScheduledRotationDto } from "@/lib/tls/rotation-dto";

/** Keystore swaps scheduled to come (ADR 026): shown only when there are some. */
export function ScheduledRotations({ org, rows }: { org: string; rows: ScheduledRotationDto[] }) {
  if (rows.length === 0) return null;
  const all = rows.some((r) => r.org);
  return (
    <TableContainer
      title={<span id="scheduled-rotations-title">Scheduled rotations</span>}
      description="Pending keystore material that swaps in at its time; cancel it on the keystore's page."
    >
      <Table aria-labelledby="scheduled-rotations-title" size="md">
        <TableHead>
          <TableRow>
            {[...(all ? ["Organization"] : []), "Keystore", "Swaps at", "Scheduled by"].map((c) => (
              <TableHeader key={c}>{c}</TableHeader>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={`${r.org?.name ?? org}:${r.keystore_name}`}>
              {all && <TableCell>{r.org?.title}</TableCell>}
              <TableCell>
                {r.org ? (
                  `${r.keystore_title} (${r.keystore_name})`
                ) : (
                  <Link href={`/orgs/${org}/resources/tls/keystores/${encodeURIComponent(r.keystore_name)}`}>
                    {r.keystore_title} ({r.keystore_name})
                  </Link>
                )}
              </TableCell>
              <TableCell>{r.activate_at.slice(0, 16).replace("T", " ")} UTC</TableCell>
              <TableCell>{r.scheduled_by}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
