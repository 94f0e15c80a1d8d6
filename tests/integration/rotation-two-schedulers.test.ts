import { beforeAll, expect, it } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { db } from "@/lib/server/platform/db";
import { activateDueRotations } from "@/lib/server/stores/keystore-activation";
import { activatePending, preparePending } from "@/lib/server/stores/keystore-pending";
import { createKeystore } from "@/lib/server/stores/keystores";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, testCa } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

/**
 * Several schedulers on one database (on PostgreSQL: separate pooled connections, so the claims really race), all
 * running when scheduled activations fall due: each keystore swaps exactly once — one version kept, one audit record.
 */
const T = new Date();
let ctx: Awaited<ReturnType<typeof contextFor>>;
beforeAll(async () => {
  ctx = await contextFor(await buildWorld());
});

const schedulers = (n: number, now: Date) => Promise.all(Array.from({ length: n }, () => activateDueRotations(now)));

it("swaps every scheduled keystore exactly once when four schedulers run at its time, and never again", async () => {
  const at = new Date(T.getTime() + 2 * 3_600_000);
  const names: string[] = [];
  for (let i = 0; i < 3; i++) {
    const pair = (days: number) => issue(T, { commonName: `race-${i}.example`, usage: "server", toDays: days }, testCa);
    const ks = await createKeystore(ctx, { title: `Scheduled race ${i}` }, keystoreUpload(pair(90)));
    await preparePending(ctx, ks.name, { upload: keystoreUpload(pair(400)) });
    await activatePending(ctx, ks.name, { at: at.toISOString() }, T);
    names.push(ks.name);
  }
  const ids = (await db().keystore.findMany({ where: { orgId: ctx.org.id, name: { in: names } } })).map((k) => k.id);

  expect((await schedulers(4, new Date(at.getTime() - 1000))).reduce((n, r) => n + r.swapped, 0)).toBe(0);
  const runs = await schedulers(4, at);
  expect(runs.reduce((n, r) => n + r.swapped, 0)).toBe(3);
  expect(runs.every((r) => r.failed === 0)).toBe(true);
  // A later run (or an instance that restarts: nothing is held in memory) finds nothing left to swap.
  expect((await schedulers(4, new Date(at.getTime() + 3_600_000))).reduce((n, r) => n + r.swapped, 0)).toBe(0);

  expect(await db().keystorePending.count({ where: { keystoreId: { in: ids } } })).toBe(0);
  const versions = await db().keystoreVersion.findMany({ where: { keystoreId: { in: ids } } });
  expect(versions.map((v) => v.number)).toEqual([1, 1, 1]);
  const activations = await db().auditEvent.findMany({
    where: { orgId: ctx.org.id, action: "activate", targetName: { in: names } },
  });
  expect(activations.map((a) => a.targetName).sort()).toEqual([...names].sort());
  const leaves = await db().keystore.findMany({ where: { id: { in: ids } }, select: { notAfter: true } });
  for (const k of leaves) expect(k.notAfter!.getTime()).toBeGreaterThan(T.getTime() + 300 * 86_400_000);
});
