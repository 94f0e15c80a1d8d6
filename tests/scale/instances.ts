import { spawn, execFile, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { PG_PREFIX, TEST_POSTGRES_URL, pgUrl } from "../setup/db-names";

/**
 * Two production servers (`next start` on the existing build) on one fresh PostgreSQL database: the deployment
 * model of docs/decisions/013-deployment-model.md, with the address of instance A standing in for the load balancer.
 */
export const SCALE_OWNER = { email: "owner@scale.test", password: "scale-owner-password-1" };

// Inside this checkout's test namespace, so the integration suites' sweep also removes a copy left by a killed run.
const DATABASE = `${PG_PREFIX}scale`;
const LOG_DIR = "test-results/scale";

const [portA, portB] = (process.env.SCALE_PORTS ?? "3101,3102").split(",").map(Number);
export const instanceA = `http://127.0.0.1:${portA}`;
export const instanceB = `http://127.0.0.1:${portB}`;
/** What a load balancer in front of both would be reached at; both instances build absolute URLs from it. */
export const PUBLIC_URL = instanceA;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: pgUrl(DATABASE),
  PUBLIC_URL,
  ADMIN_EMAIL: SCALE_OWNER.email,
  ADMIN_PASSWORD: SCALE_OWNER.password,
  LOG_LEVEL: "warn",
  // Test-only; the point is that every instance gets the same one.
  MASTER_KEY: "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e",
};

const run = promisify(execFile);
const servers: ChildProcess[] = [];

// Detached servers would outlive a worker that dies before its afterAll; this is the last chance to stop them.
process.once("exit", () => {
  for (const server of servers) if (server.pid && server.exitCode === null) killGroup(server.pid, "SIGKILL");
});

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect().catch((e: Error) => {
    throw new Error(`Postgres is not reachable at ${TEST_POSTGRES_URL} (${e.message}); run scripts/provision.sh`);
  });
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port })
      .once("connect", () => resolve(!!socket.end()))
      .once("error", () => resolve(false));
  });
}

async function waitUntilServing(url: string, server: ChildProcess, deadline: number) {
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`${url} exited with ${server.exitCode}; see ${LOG_DIR}/`);
    const ok = await fetch(`${url}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within the start-up deadline; see ${LOG_DIR}/`);
}

function startServer(port: number): ChildProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, `instance-${port}.log`));
  // Its own process group, so stopping it also stops the workers Next starts.
  const server = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  servers.push(server);
  return server;
}

/** A fresh database migrated and seeded the way an operator does it, then both servers started on it. */
export async function startInstances(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (const port of [portA, portB]) {
    if (await portInUse(port)) throw new Error(`port ${port} is taken; set SCALE_PORTS to two free ports`);
  }
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${DATABASE}"`);
  });
  await run("npm", ["run", "db:migrate"], { env });
  await run("npm", ["run", "db:seed"], { env });
  const started = [startServer(portA), startServer(portB)];
  await Promise.all([
    waitUntilServing(instanceA, started[0], deadline),
    waitUntilServing(instanceB, started[1], deadline),
  ]);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || !server.pid) return Promise.resolve();
  const pid = server.pid;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  if (!killGroup(pid, "SIGTERM")) return Promise.resolve();
  const force = setTimeout(() => killGroup(pid, "SIGKILL"), 5_000);
  return exited.finally(() => clearTimeout(force));
}

/** Runs after a failure too: both servers stopped, the database dropped. */
export async function stopInstances() {
  await Promise.all(servers.splice(0).map(stop));
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`));
}
