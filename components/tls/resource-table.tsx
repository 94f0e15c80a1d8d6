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
} from "@/components/carbon";
import { Add, TrashCan } from "@carbon/icons-react";
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import { useToast } from "@/components/ui/toasts";
import type { ActionResult } from "@/lib/errors";
import { PAGE_SIZES } from "@/lib/tls/list-options";
import { DeleteResourcesModal } from "./delete-resources-modal";
import { type ListParams, type Page, useResourceList } from "./use-resource-list";

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** Computed columns (findings) have no database order; they are not sortable. */
  sortable?: false;
}

export interface ResourceTableProps<T> {
  org: string;
  /** REST path segment of the list. */
  resource: string;
  /** Singular noun: "TLS client profile", "keystore". */
  noun: string;
  title: string;
  description: string;
  searchPlaceholder: string;
  emptyText: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowLabel: (row: T) => string;
  rowHref: (row: T) => string;
  createHref: string;
  canManage: boolean;
  initial: Page<T>;
  initialQuery: ListParams;
  invalidate: readonly unknown[];
  /** Defaults cannot be selected or deleted. */
  isProtected: (row: T) => boolean;
  extraActions?: (row: T) => { text: string; href: string }[];
  deletion: { consequence: string; detail: (row: T) => string; remove: (rows: T[]) => Promise<ActionResult<number>> };
}

/** The Carbon data table every TLS resource list uses: search, sort, pages, batch delete, row actions. */
export function ResourceTable<T>(props: ResourceTableProps<T>) {
  const { org, resource, noun, columns, rowKey, rowLabel, rowHref, canManage, isProtected } = props;
  const router = useRouter();
  const toast = useToast();
  const [params, setParams] = useState<ListParams>(props.initialQuery);
  const [search, setSearch] = useState(props.initialQuery.q);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [toDelete, setToDelete] = useState<T[] | null>(null);
  const query = useResourceList<T>(org, resource, params, { params: props.initialQuery, data: props.initial });

  // Typing should not send a request per key stroke.
  useEffect(() => {
    const t = setTimeout(() => setParams((p) => (p.q === search ? p : { ...p, q: search, offset: 0 })), 300);
    return () => clearTimeout(t);
  }, [search]);

  const rows = query.data?.results ?? [];
  const total = query.data?.total_results ?? 0;
  const selectable = rows.filter((r) => !isProtected(r));
  const sortKey = params.sort.replace(/^-/, "");
  const sortDesc = params.sort.startsWith("-");
  const allSelected = selectable.length > 0 && selectable.every((r) => selected.has(rowKey(r)));
  const titleId = `${resource}-title`;

  const toggleSort = (key: string) =>
    setParams((p) => ({ ...p, offset: 0, sort: sortKey === key && !sortDesc ? `-${key}` : key }));
  const toggleRow = (key: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  if (!query.data && query.isPending)
    return <DataTableSkeleton columnCount={columns.length} rowCount={8} aria-label={`Loading ${props.title}`} />;

  const empty = total === 0 && !params.q;
  return (
    <section aria-labelledby={titleId}>
      <TableContainer title={<span id={titleId}>{props.title}</span>} description={props.description}>
        {query.isError && (
          <InlineNotification
            kind="error"
            title={`Could not load ${props.title}`}
            subtitle={query.error.message}
            lowContrast
          />
        )}
        <TableToolbar aria-label={`${props.title} toolbar`}>
          {canManage && selected.size > 0 && (
            <TableBatchActions
              shouldShowBatchActions={selected.size > 0}
              totalSelected={selected.size}
              onCancel={() => setSelected(new Set())}
            >
              <TableBatchAction
                renderIcon={TrashCan}
                onClick={() => setToDelete(rows.filter((r) => selected.has(rowKey(r))))}
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
                placeholder={props.searchPlaceholder}
                labelText={`Search ${props.title}`}
                value={search}
                onChange={(e) => setSearch(typeof e === "string" ? e : e.target.value)}
              />
              {canManage && (
                <Button renderIcon={Add} onClick={() => router.push(props.createHref)}>
                  Create
                </Button>
              )}
            </TableToolbarContent>
          )}
        </TableToolbar>
        {empty ? (
          <div className="empty-state">
            <h3>No {props.title} yet</h3>
            <p>{props.emptyText}</p>
            {canManage && (
              <Button renderIcon={Add} onClick={() => router.push(props.createHref)}>
                Create a {noun}
              </Button>
            )}
          </div>
        ) : (
          <Table aria-label={props.title} aria-busy={query.isFetching} size="lg">
            <TableHead>
              <TableRow>
                {canManage && (
                  <TableSelectAll
                    id={`${resource}-select-all`}
                    name={`${resource}-select-all`}
                    ariaLabel="Select all rows on this page"
                    checked={allSelected}
                    disabled={selectable.length === 0}
                    onSelect={() => setSelected(allSelected ? new Set() : new Set(selectable.map(rowKey)))}
                  />
                )}
                {columns.map((c) =>
                  c.sortable === false ? (
                    <TableHeader key={c.key}>{c.header}</TableHeader>
                  ) : (
                    <TableHeader
                      key={c.key}
                      isSortable
                      isSortHeader={sortKey === c.key}
                      sortDirection={sortKey === c.key ? (sortDesc ? "DESC" : "ASC") : "NONE"}
                      onClick={() => toggleSort(c.key)}
                    >
                      {c.header}
                    </TableHeader>
                  ),
                )}
                <TableHeader aria-label="Actions" />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={columns.length + 2}>Nothing matches “{params.q}”.</TableCell>
                </TableRow>
              )}
              {rows.map((row) => {
                const key = rowKey(row);
                const label = rowLabel(row);
                const locked = isProtected(row);
                return (
                  <TableRow key={key} isSelected={selected.has(key)}>
                    {canManage && (
                      <TableSelectRow
                        id={`select-${resource}-${key}`}
                        name={`select-${resource}-${key}`}
                        ariaLabel={locked ? `${label} is a protected default` : `Select ${label}`}
                        checked={selected.has(key)}
                        disabled={locked}
                        onSelect={() => toggleRow(key)}
                      />
                    )}
                    {columns.map((c) => (
                      <TableCell key={c.key}>{c.render(row)}</TableCell>
                    ))}
                    <TableCell className="cds--table-column-menu">
                      <OverflowMenu
                        aria-label={`Actions for ${label}`}
                        iconDescription={`Actions for ${label}`}
                        flipped
                        size="sm"
                      >
                        <OverflowMenuItem
                          itemText={canManage && !locked ? "Edit" : "View"}
                          onClick={() => router.push(rowHref(row))}
                        />
                        {canManage &&
                          (props.extraActions?.(row) ?? []).map((a) => (
                            <OverflowMenuItem key={a.text} itemText={a.text} onClick={() => router.push(a.href)} />
                          ))}
                        {canManage && !locked && (
                          <OverflowMenuItem itemText="Delete" isDelete hasDivider onClick={() => setToDelete([row])} />
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
        <DeleteResourcesModal
          noun={noun}
          items={toDelete.map((r) => ({ key: rowKey(r), title: rowLabel(r), detail: props.deletion.detail(r) }))}
          consequence={props.deletion.consequence}
          remove={() => props.deletion.remove(toDelete)}
          invalidate={props.invalidate}
          onClose={(deleted) => {
            setToDelete(null);
            if (deleted) {
              setSelected(new Set());
              toast({
                kind: "success",
                title:
                  deleted === 1 ? `${noun[0].toUpperCase()}${noun.slice(1)} deleted` : `${deleted} ${noun}s deleted`,
              });
            }
          }}
        />
      )}
    </section>
  );
}
