"use client";

/** Carbon components used from Server Components must pass through a client module. */
export { DataTableSkeleton } from "@carbon/react";
