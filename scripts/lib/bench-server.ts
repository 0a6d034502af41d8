/**
 * What the benchmarks against `npm start` on PostgreSQL share (bench:board,
 * bench:lookup, bench:load): the synthetic database, the server, an
 * investigator's sign-in and autocannon. Needs `--conditions=react-server`
 * (the import code path is the app's own).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrisma } from "../../lib/db/client";
import { importReports } from "../../lib/interchange/import";
import { hashPassword } from "../../lib/auth/password";
import { piiKeys } from "../../lib/pii/keys";
import { syntheticReports } from "./synthetic";
import { freshDatabase, pct, vacuumAnalyze } from "./bench";
import { buildIsCurrent, writeStamp } from "./build-stamp";
import { run } from "./run";

/**
 * A fresh database at `url` holding `n` synthetic reports (the `npm run import`
 * path), vacuumed and analysed; with `reuse`, the database as it is.
 */
export async function syntheticDatabase(url: string, n: number, seed: number, reuse: boolean): Promise<void> {
  if (reuse) return;
  await freshDatabase(url);
  const db = createPrisma(url, { max: 2 });
  const t = Date.now();
  const s = await importReports(db, syntheticReports(n, seed), { batchSize: 1000 });
  console.log(
    `[setup] imported ${s.imported} reports into ${await db.case.count()} cases in ${((Date.now() - t) / 1000).toFixed(0)} s`,
  );
  await db.$disconnect();
  await vacuumAnalyze(url);
}

export interface App {
  origin: string;
  stop(): Promise<void>;
}

/**
 * `npm start` (scripts/start.ts, the production build; it builds first when
 * the sources changed) on the database, with `env` over the environment;
 * resolves once the home page answers.
 */
export async function startApp(
  dbUrl: string,
  port: number,
  env: Record<string, string> = {},
  opts: { profileDir?: string } = {},
): Promise<App> {
  const root = path.resolve(import.meta.dirname, "../..");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-app-"));
  // Profiling: the built server itself under --cpu-prof (not allowed in NODE_OPTIONS), built first if need be.
  if (opts.profileDir && !buildIsCurrent(root)) {
    await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { env: process.env });
    writeStamp(root);
  }
  const args = opts.profileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${opts.profileDir}`, "--import", "tsx", path.join(root, "scripts/serve.ts")]
    : ["--import", "tsx", path.join(root, "scripts/start.ts")];
  const server = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...(opts.profileDir ? { NODE_ENV: "production" } : {}),
      DATABASE_URL: dbUrl,
      PORT: String(port),
      DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      // The keys the import encrypted victims' details with (this process's): with a key
      // of its own, the server could not open them and every report section would fail.
      PII_ENCRYPTION_KEYS: piiKeys()
        .map((k) => `${k.id}:${k.key.toString("base64")}`)
        .join(","),
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const exited = new Promise((r) => server.once("exit", r));
  const stop = async () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {}
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const origin = `http://localhost:${port}`;
  for (let k = 0; ; k++) {
    const up = await fetch(`${origin}/en`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (k > 1200 || server.exitCode !== null) {
      await stop();
      throw new Error("the server did not start");
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { origin, stop };
}

/** An investigator account (created or reset) that signs in with `password`. */
export async function investigator(dbUrl: string, email: string, password: string): Promise<void> {
  const db = createPrisma(dbUrl, { max: 1 });
  const passwordHash = await hashPassword(password);
  await db.user.upsert({
    where: { email },
    create: { email, name: "Bench Investigator", role: "investigator", passwordHash },
    update: { passwordHash, disabled: false },
  });
  await db.$disconnect();
}

/**
 * `n` organisations (banks, telecoms, payment and internet companies, shops,
 * couriers), as a provincial centre's liaison list holds: the routing table
 * and request forms offer them. Idempotent by name.
 */
export async function organisations(dbUrl: string, n: number): Promise<void> {
  const kinds = ["bank", "telecom", "payment", "internet", "platform", "courier"] as const;
  const db = createPrisma(dbUrl, { max: 1 });
  await db.organisation.createMany({
    data: Array.from({ length: n }, (_, k) => ({
      name: `Bench organisation ${String(k + 1).padStart(3, "0")}`,
      kind: kinds[k % kinds.length]!,
    })),
    skipDuplicates: true,
  });
  await db.$disconnect();
}

/** Signs in through Auth.js' credentials endpoint; returns the Cookie header of the session. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  const login = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar(csrfRes) },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const cookie = jar(login);
  if (!/session-token/.test(cookie)) throw new Error(`sign-in failed (${login.status})`);
  return cookie;
}

// autocannon ships no types; only the options, the "response" event and the result fields below are used.
interface CannonResult {
  requests: { average: number; total: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
export interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (req: CannonRequest, context: Record<string, unknown>) => CannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
type Instance = Promise<CannonResult> & {
  on(event: "response", f: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: Record<string, unknown>) => Instance;

export interface Figures {
  name: string;
  /** Connections (or users) the figures were measured with. */
  connections: number;
  total: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  bad: number;
}

/**
 * Drives the server with autocannon: `duration` seconds, or exactly `amount`
 * requests, over `connections` connections cycling through `requests`.
 * Latency percentiles are of every response (autocannon's own summary has no p95).
 */
export async function cannon(
  name: string,
  origin: string,
  requests: CannonRequest[],
  opts: { connections: number; duration?: number; amount?: number; overallRate?: number },
): Promise<Figures> {
  // Every answer's body is checked (pageFailed): a page that failed counts as an error, even with status 200.
  let failedPages = 0;
  const checked = requests.map((q) => ({
    method: "GET",
    ...q,
    onResponse: (status: number, body: string, context: Record<string, unknown>) => {
      if (pageFailed(body)) failedPages++;
      q.onResponse?.(status, body, context);
    },
  }));
  const instance = autocannon({
    url: origin,
    connections: opts.connections,
    // Requests per second over all connections (users who read between clicks); unset: as fast as answered.
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration }),
    timeout: 30,
    requests: checked,
  });
  const ms: number[] = [];
  instance.on("response", (_client, _status, _bytes, t) => ms.push(t));
  const r = await instance;
  const at = (p: number) => (ms.length ? Math.round(pct(ms, p)) : NaN);
  return {
    name,
    // autocannon opens no more connections than its overall rate (20 investigators at 10/s: 10).
    connections: opts.overallRate ? Math.min(opts.connections, opts.overallRate) : opts.connections,
    total: r.requests.total,
    // With `amount`, autocannon's per-second average counts the last partial second as a whole one.
    rps: opts.amount ? r.requests.total / r.duration : r.requests.average,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    bad: r.non2xx + r.errors + r.timeouts + failedPages,
  };
}

/**
 * A page answered 200 that failed all the same: rendered by the error shell, or
 * with a streamed section replaced by its error (React's `$RX` call).
 */
export function pageFailed(body: string): boolean {
  return body.includes('<html id="__next_error__"') || body.includes('$RX("');
}

/**
 * One timed GET with a session cookie, read to its last byte: "ms" is the
 * whole (streamed) response, "ttfb" its first body byte. Not 200: an error.
 */
export async function timedGet(origin: string, url: string, cookie: string) {
  const t = performance.now();
  const res = await fetch(`${origin}${url}`, { headers: { cookie }, redirect: "manual" });
  if (res.status !== 200) throw new Error(`${origin}${url}: ${res.status}`);
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let ttfb = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!ttfb) ttfb = performance.now() - t;
    chunks.push(value);
  }
  const body = Buffer.concat(chunks).toString("utf8");
  if (pageFailed(body)) throw new Error(`${origin}${url}: the page or one of its streamed sections failed`);
  return { ms: performance.now() - t, ttfb, bytes: Buffer.byteLength(body), body };
}
