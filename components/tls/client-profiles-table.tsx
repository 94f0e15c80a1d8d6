"use client";

import {
  Button,
  DataTableSkeleton,
  InlineNotification,
  OverflowMenu,
  OverflowMenuItem,
  Pagination,
  Table,
  TableBatchAction,
  TableBatchActions,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  TableSelectAll,
  TableSelectRow,
  TableToolbar,
  TableToolbarContent,
  TableToolbarSearch,
  Tag,
} from "@/components/carbon";
import { Add, TrashCan } from "@carbon/icons-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { PAGE_SIZES } from "@/lib/tls/list-options";
import { PROTOCOL_LABELS } from "@/lib/tls/protocols";
import type { ClientProfileDto } from "@/lib/tls/client-profile-dto";
import { useToast } from "@/components/ui/toasts";
import { DeleteProfilesModal } from "./delete-profiles-modal";
import { useClientProfiles, type ListParams, type ProfilePage } from "./use-client-profiles";

const COLUMNS = [
  { key: "title", header: "Title" },
  { key: "name", header: "Name" },
  { key: "version", header: "Version" },
  { key: "protocols", header: "Protocols" },
  { key: "updated_at", header: "Updated" },
] as const;

interface Props {
  org: string;
  canManage: boolean;
  initial: ProfilePage;
  initialQuery: ListParams;
}

const keyOf = (p: Pick<ClientProfileDto, "name" | "version">) => `${p.name}:${p.version}`;

export function ClientProfilesTable({ org, canManage, initial, initialQuery }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [params, setParams] = useState<ListParams>(initialQuery);
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [toDelete, setToDelete] = useState<ClientProfileDto[] | null>(null);
  const query = useClientProfiles(org, params, { params: initialQuery, data: initial });

  // Typing should not send a request per key stroke.
  useEffect(() => {
    const t = setTimeout(() => setParams((p) => (p.q === search ? p : { ...p, q: search, offset: 0 })), 300);
    return () => clearTimeout(t);
  }, [search]);

  const rows = query.data?.results ?? [];
  const total = query.data?.total_results ?? 0;
  const base = `/orgs/${org}/resources/tls/client-profiles`;
  const sortKey = params.sort.replace(/^-/, "");
  const sortDesc = params.sort.startsWith("-");
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(keyOf(r)));

  const toggleSort = (key: string) =>
    setParams((p) => ({ ...p, offset: 0, sort: sortKey === key && !sortDesc ? `-${key}` : key }));
  const toggleRow = (key: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  if (!query.data && query.isPending) {
    return <DataTableSkeleton columnCount={COLUMNS.length} rowCount={8} aria-label="Loading TLS client profiles" />;
  }

  const empty = total === 0 && !params.q;
  return (
    <section aria-labelledby="client-profiles-title">
      <TableContainer
        title={<span id="client-profiles-title">TLS client profiles</span>}
        description="Protocols, ciphers and trust settings the gateway uses when it calls a server."
      >
        {query.isError && (
          <InlineNotification kind="error" title="Could not load profiles" subtitle={query.error.message} lowContrast />
        )}
        <TableToolbar aria-label="TLS client profiles toolbar">
          {canManage && selected.size > 0 && (
            <TableBatchActions
              shouldShowBatchActions={selected.size > 0}
              totalSelected={selected.size}
              onCancel={() => setSelected(new Set())}
            >
              <TableBatchAction
                renderIcon={TrashCan}
                onClick={() => setToDelete(rows.filter((r) => selected.has(keyOf(r))))}
              >
                Delete
              </TableBatchAction>
            </TableBatchActions>
          )}
          {/* Rendered only when nothing is selected: hidden-but-focusable controls trap keyboard users. */}
          {selected.size === 0 && (
            <TableToolbarContent>
              <TableToolbarSearch
                persistent
                placeholder="Search by title, name, version or summary"
                labelText="Search TLS client profiles"
                value={search}
                onChange={(e) => setSearch(typeof e === "string" ? e : e.target.value)}
              />
              {canManage && (
                <Button renderIcon={Add} onClick={() => router.push(`${base}/new`)}>
                  Create
                </Button>
              )}
            </TableToolbarContent>
          )}
        </TableToolbar>
        {empty ? (
          <div className="empty-state">
            <h3>No TLS client profiles yet</h3>
            <p>A TLS client profile sets the protocols, ciphers and certificates used when calling a server.</p>
            {canManage && (
              <Button renderIcon={Add} onClick={() => router.push(`${base}/new`)}>
                Create a TLS client profile
              </Button>
            )}
          </div>
        ) : (
          <Table aria-label="TLS client profiles" aria-busy={query.isFetching} size="lg">
            <TableHead>
              <TableRow>
                {canManage && (
                  <TableSelectAll
                    id="select-all"
                    name="select-all"
                    ariaLabel="Select all rows on this page"
                    checked={allSelected}
                    onSelect={() => setSelected(allSelected ? new Set() : new Set(rows.map(keyOf)))}
                  />
                )}
                {COLUMNS.map((c) => (
                  <TableHeader
                    key={c.key}
                    isSortable
                    isSortHeader={sortKey === c.key}
                    sortDirection={sortKey === c.key ? (sortDesc ? "DESC" : "ASC") : "NONE"}
                    onClick={() => toggleSort(c.key)}
                  >
                    {c.header}
                  </TableHeader>
                ))}
                <TableHeader aria-label="Actions" />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={COLUMNS.length + 2}>No profile matches “{params.q}”.</TableCell>
                </TableRow>
              )}
              {rows.map((p) => {
                const key = keyOf(p);
                const href = `${base}/${p.name}/${encodeURIComponent(p.version)}`;
                return (
                  <TableRow key={key} isSelected={selected.has(key)}>
                    {canManage && (
                      <TableSelectRow
                        id={`select-${key}`}
                        name={`select-${key}`}
                        ariaLabel={`Select ${p.title} ${p.version}`}
                        checked={selected.has(key)}
                        onSelect={() => toggleRow(key)}
                      />
                    )}
                    <TableCell>
                      <Link href={href}>{p.title}</Link>
                    </TableCell>
                    <TableCell>{p.name}</TableCell>
                    <TableCell>{p.version}</TableCell>
                    <TableCell>
                      {p.protocols.map((proto) => (
                        <Tag key={proto} size="sm" type={proto === "tls_v1.3" ? "green" : "gray"}>
                          {PROTOCOL_LABELS[proto]}
                        </Tag>
                      ))}
                    </TableCell>
                    <TableCell>
                      <time dateTime={p.updated_at}>{new Date(p.updated_at).toLocaleString()}</time>
                    </TableCell>
                    <TableCell className="cds--table-column-menu">
                      <OverflowMenu
                        aria-label={`Actions for ${p.title} ${p.version}`}
                        iconDescription={`Actions for ${p.title} ${p.version}`}
                        flipped
                        size="sm"
                      >
                        <OverflowMenuItem itemText={canManage ? "Edit" : "View"} onClick={() => router.push(href)} />
                        {canManage && (
                          <OverflowMenuItem
                            itemText="New version"
                            onClick={() =>
                              router.push(`${base}/new?from=${p.name}&version=${encodeURIComponent(p.version)}`)
                            }
                          />
                        )}
                        {canManage && (
                          <OverflowMenuItem itemText="Delete" isDelete hasDivider onClick={() => setToDelete([p])} />
                        )}
                      </OverflowMenu>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        {!empty && (
          <Pagination
            page={Math.floor(params.offset / params.limit) + 1}
            pageSize={params.limit}
            pageSizes={[...PAGE_SIZES]}
            totalItems={total}
            onChange={({ page, pageSize }: { page: number; pageSize: number }) =>
              setParams((p) => ({ ...p, limit: pageSize, offset: pageSize !== p.limit ? 0 : (page - 1) * pageSize }))
            }
          />
        )}
      </TableContainer>
      {toDelete && (
        <DeleteProfilesModal
          org={org}
          profiles={toDelete}
          onClose={(deleted) => {
            setToDelete(null);
            if (deleted) {
              setSelected(new Set());
              toast({ kind: "success", title: deleted === 1 ? "Profile deleted" : `${deleted} profiles deleted` });
            }
          }}
        />
      )}
    </section>
  );
}
