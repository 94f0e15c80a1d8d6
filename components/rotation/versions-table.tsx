"use client";

import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
} from "@/components/carbon";
import type { ReactNode } from "react";

interface VersionRow {
  number: number;
  /** What the version held, in words. */
  holds: ReactNode;
  retired_at: string;
  retired_by: string;
  retired_how: string;
  current: boolean;
}

const HOW: Record<string, string> = {
  activate: "activation",
  rotate: "replacement",
  restore: "roll back",
  "add-certificates": "certificates added",
  "remove-certificate": "certificate removed",
};

/** The kept versions, newest first, each with "Roll back" (or "In use" when it is the current material again). */
export function VersionsTable({
  title,
  description,
  rows,
  canRestore,
  onRestore,
}: {
  title: string;
  description: string;
  rows: VersionRow[];
  canRestore: boolean;
  onRestore: (n: number) => void;
}) {
  return (
    <TableContainer title={title} description={description}>
      {rows.length === 0 ? (
        <div className="empty-state">
          <h3>No earlier versions yet</h3>
          <p>Each change keeps the material it replaces here, ready to roll back to.</p>
        </div>
      ) : (
        <Table size="md" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableHeader>Version</TableHeader>
              <TableHeader>Held</TableHeader>
              <TableHeader>Replaced</TableHeader>
              <TableHeader>
                <span className="cds--visually-hidden">Action</span>
              </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((v) => (
              <TableRow key={v.number}>
                <TableCell>{v.number}</TableCell>
                <TableCell>{v.holds}</TableCell>
                <TableCell>
                  {v.retired_at.slice(0, 16).replace("T", " ")} UTC by {v.retired_by} (
                  {HOW[v.retired_how] ?? v.retired_how})
                </TableCell>
                <TableCell>
                  {v.current ? (
                    <Tag type="green" size="sm">
                      In use
                    </Tag>
                  ) : (
                    canRestore && (
                      <Button kind="ghost" size="sm" onClick={() => onRestore(v.number)}>
                        Roll back to version {v.number}
                      </Button>
                    )
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </TableContainer>
  );
}
