/**
 * Throwaway PostgreSQL 15 clusters (and a PgBouncer) for the replica and
 * pooling tests: initdb'd in a temp folder, on a free port, run as the
 * postgres user, removed afterwards. They never touch the machine's own
 * cluster, which allows no replication connections.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** Why these tests cannot run here, or null when they can. */
export function clusterUnavailable(): string | null {
  for (const tool of ["initdb", "pg_ctl", "pg_basebackup"]) {
    if (!fs.existsSync(path.join(PG_BIN, tool))) return `PostgreSQL binaries not found in ${PG_BIN} (set PG_BIN)`;
  }
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0) {
    return "running as root without a postgres user to run initdb as";
  }
  return null;
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL tool as the postgres user (initdb refuses root). */
function run(cmd: string, args: string[]): string {
  const [file, argv] = asRoot() ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function ownByPostgres(dir: string) {
  if (!asRoot()) return;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
  fs.chownSync(dir, uid, gid);
}

/** A port nobody listens on, from PG_TEST_PORTS ("55432-55439") or else any the system gives. */
export async function freePort(taken: Set<number> = new Set()): Promise<number> {
  const range = process.env.PG_TEST_PORTS?.match(/^(\d+)-(\d+)$/);
  const candidates = range ? Array.from({ length: +range[2]! - +range[1]! + 1 }, (_, i) => +range[1]! + i) : [0];
  for (const want of candidates) {
    if (taken.has(want)) continue;
    const port = await new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(want, "127.0.0.1", () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    if (port && !taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${process.env.PG_TEST_PORTS}`);
}

export interface Cluster {
  port: number;
  dir: string;
  url(db?: string): string;
  /** Starts it again after stop(); a standby resumes streaming from where it was. */
  start(): void;
  stop(): void;
}

const used = new Set<number>();

function settings(port: number, socketDir: string): string {
  // Fast and small: a throwaway cluster needs no durability.
  return [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${socketDir}'`,
    "wal_level = replica",
    "max_wal_senders = 4",
    "hot_standby = on",
    "fsync = off",
    "synchronous_commit = off",
    "full_page_writes = off",
    "shared_buffers = 32MB",
    "max_connections = 60",
    "jit = off",
    "",
  ].join("\n");
}

function started(dir: string, port: number, root: string): Cluster {
  const log = path.join(root, `pg-${port}.log`);
  const start = () => run(path.join(PG_BIN, "pg_ctl"), ["-D", dir, "-l", log, "-w", "-t", "30", "start"]);
  start();
  return {
    port,
    dir,
    url: (db = "postgres") => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start,
    stop: () => {
      try {
        run(path.join(PG_BIN, "pg_ctl"), ["-D", dir, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already stopped.
      }
    },
  };
}

/** A temp folder the postgres user may write in, removed by `remove()`. */
export function scratch(prefix: string): { root: string; remove(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  ownByPostgres(root);
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** A new primary that accepts streaming replication from 127.0.0.1. */
export async function startPrimary(root: string): Promise<Cluster> {
  const port = await freePort(used);
  const dir = path.join(root, "primary");
  run(path.join(PG_BIN, "initdb"), ["-D", dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  fs.appendFileSync(path.join(dir, "postgresql.conf"), settings(port, root));
  fs.appendFileSync(path.join(dir, "pg_hba.conf"), "host replication postgres 127.0.0.1/32 trust\n");
  return started(dir, port, root);
}

/** A streaming standby of `primary` (pg_basebackup -R writes its primary_conninfo). */
export async function startStandby(root: string, primary: Cluster): Promise<Cluster> {
  const port = await freePort(used);
  const dir = path.join(root, "standby");
  run(path.join(PG_BIN, "pg_basebackup"), [
    ...["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres"],
    ...["-D", dir, "-R", "-X", "stream", "--no-sync", "-c", "fast"],
  ]);
  // The copied postgresql.conf carries the primary's port; the last setting wins.
  fs.appendFileSync(path.join(dir, "postgresql.conf"), `port = ${port}\n`);
  return started(dir, port, root);
}

/** Waits until `standby` has replayed everything `primary` has written so far. */
export async function caughtUp(primary: pg.Client, standby: pg.Client, timeoutMs = 20_000): Promise<void> {
  // The insert position: with synchronous_commit off, a commit may not be written yet.
  const { rows } = await primary.query<{ lsn: string }>("SELECT pg_current_wal_insert_lsn()::text AS lsn");
  const lsn = rows[0]!.lsn;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await standby.query<{ ok: boolean }>("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok", [lsn]);
    if (r.rows[0]?.ok) return;
    if (Date.now() > deadline) throw new Error(`standby did not replay up to ${lsn} in ${timeoutMs} ms`);
    // Replay of a few kilobytes takes milliseconds; poll, do not sleep a fixed time.
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Why PgBouncer cannot run here, or null; installs the Debian package when missing and allowed. */
export function pgbouncerUnavailable(): string | null {
  const has = () => spawnSync("sh", ["-c", "command -v pgbouncer"]).status === 0;
  if (has()) return null;
  if (asRoot() && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0) {
    spawnSync("apt-get", ["install", "-y", "-q", "pgbouncer"], { stdio: "ignore", timeout: 120_000 });
    if (has()) return null;
  }
  return "pgbouncer is not installed and could not be installed with apt-get (Debian package pgbouncer)";
}

export interface Bouncer {
  port: number;
  url(db: string): string;
  stop(): Promise<void>;
}

/**
 * PgBouncer in transaction mode in front of `server` (docs/operations.md has
 * the same settings). `options` is ignored rather than refused: the pg adapter
 * sends `-c jit=off` as a startup option, which PgBouncer cannot pass on, so
 * behind it jit=off is set on the database instead.
 */
export async function startPgbouncer(root: string, server: Cluster, db: string, poolSize: number): Promise<Bouncer> {
  const port = await freePort(used);
  const dir = path.join(root, "pgbouncer");
  fs.mkdirSync(dir);
  ownByPostgres(dir);
  const ini = path.join(dir, "pgbouncer.ini");
  fs.writeFileSync(path.join(dir, "userlist.txt"), '"postgres" ""\n');
  fs.writeFileSync(
    ini,
    [
      "[databases]",
      `${db} = host=127.0.0.1 port=${server.port} dbname=${db}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      `default_pool_size = ${poolSize}`,
      "max_client_conn = 500",
      "ignore_startup_parameters = options",
      "server_reset_query =",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
      "",
    ].join("\n"),
  );
  const [file, argv] = asRoot() ? ["runuser", ["-u", "postgres", "--", "pgbouncer", ini]] : ["pgbouncer", [ini]];
  const child = spawn(file, argv, { stdio: "ignore" });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/${db}` });
    try {
      await c.connect();
      await c.end();
      break;
    } catch (e) {
      await c.end().catch(() => undefined);
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`pgbouncer did not start: ${String(e)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    port,
    url: (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        // runuser may not pass the signal on: signal the pgbouncer this test started, by its pid file.
        const pid = Number(fs.readFileSync(path.join(dir, "pgbouncer.pid"), "utf8").trim());
        if (pid > 0) process.kill(pid, "SIGTERM");
        else child.kill("SIGTERM");
      }),
  };
}
