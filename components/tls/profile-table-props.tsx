"use client";

import type { ActionResult } from "@/lib/errors";
import type { ProfileDtoBase } from "@/lib/tls/profile-dto-base";
import { ProtocolTags, TitleCell, When } from "./cells";
import { FindingsBadge } from "./findings";
import type { Column, ResourceTableProps } from "./resource-table";

type Shared<T> = Pick<
  ResourceTableProps<T>,
  "rowKey" | "rowLabel" | "rowHref" | "createHref" | "isProtected" | "extraActions" | "deletion" | "searchPlaceholder"
>;

/**
 * What client and server profile tables have in common: rows addressed by name and version, "New version" (or
 * "Duplicate to customize" on a default), all-or-nothing deletion, and the title, name, version and updated columns.
 */
export function profileTableProps<T extends ProfileDtoBase>(
  base: string,
  remove: (targets: { name: string; version: string }[]) => Promise<ActionResult<number>>,
): Shared<T> & { columns: (protocols: Column<T>["render"]) => Column<T>[] } {
  const href = (p: T) => `${base}/${p.name}/${encodeURIComponent(p.version)}`;
  return {
    searchPlaceholder: "Search by title, name, version or summary",
    columns: (protocols) => [
      {
        key: "title",
        header: "Title",
        render: (p) => <TitleCell href={href(p)} title={p.title} isDefault={p.is_default} />,
      },
      { key: "name", header: "Name", render: (p) => p.name },
      { key: "version", header: "Version", render: (p) => p.version },
      { key: "protocols", header: "Protocols", render: protocols },
      { key: "findings", header: "Findings", sortable: false, render: (p) => <FindingsBadge findings={p.findings} /> },
      { key: "updated_at", header: "Updated", render: (p) => <When iso={p.updated_at} /> },
    ],
    rowKey: (p) => `${p.name}:${p.version}`,
    rowLabel: (p) => `${p.title} ${p.version}`,
    rowHref: href,
    createHref: `${base}/new`,
    isProtected: (p) => p.is_default,
    extraActions: (p) => [
      {
        text: p.is_default ? "Duplicate to customize" : "New version",
        href: `${base}/new?from=${p.name}&version=${encodeURIComponent(p.version)}${p.is_default ? "&copy=1" : ""}`,
      },
    ],
    deletion: {
      consequence: "This cannot be undone. Gateways that use these profiles keep their copy until the next publish.",
      detail: (p) => `${p.name}:${p.version}`,
      remove: (rows) => remove(rows.map(({ name, version }) => ({ name, version }))),
    },
  };
}

export const protocolsOnly = <T extends ProfileDtoBase>(p: T) => <ProtocolTags protocols={p.protocols} />;
