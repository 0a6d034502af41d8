/**
 * The embedded default database: PGlite persisted under DATA_DIR/pglite, served
 * to every process (the app, migrations, CLI tools) over the Postgres wire
 * protocol on 127.0.0.1. Exactly one process may open the data directory; a lock
 * file records which one and on which port, so other processes connect to it
 * instead of opening the files themselves (which would corrupt them).
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { env } from "../env";
import { serveSession } from "./session-server";

export interface EmbeddedLock {
  pid: number;
  port: number;
  startedAt: string;
  owner: string;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** The whole data directory as a gzipped tarball (PGlite's dumpDataDir): `npm run backup`. */
  dumpDataDir(): Promise<Blob>;
}

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || "data");
}

function lockPath(dir: string) {
  return path.join(dir, "embedded.lock");
}

export function urlForPort(port: number): string {
  // PGlite has a single database and user; sslmode=disable because the socket
  // server does not speak TLS (it is bound to loopback only).
  return `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function portOpen(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

export function readLock(dir = dataDir()): EmbeddedLock | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath(dir), "utf8")) as EmbeddedLock;
  } catch {
    return null;
  }
}

/** The URL of an embedded server another process is running on `dir`, if any. */
export async function findRunningEmbedded(dir = dataDir()): Promise<string | null> {
  const lock = readLock(dir);
  if (!lock || !pidAlive(lock.pid) || !lock.port) return null;
  return (await portOpen(lock.port)) ? urlForPort(lock.port) : null;
}

export class EmbeddedBusyError extends Error {
  constructor(public lock: EmbeddedLock) {
    super(
      `The embedded database in ${dataDir()} is held by process ${lock.pid} (${lock.owner}) ` +
        `but is not accepting connections yet. Wait for it to finish starting, or stop that ` +
        `process, then try again.`,
    );
  }
}

function acquireLock(dir: string, owner: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = lockPath(dir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      const lock: EmbeddedLock = { pid: process.pid, port: 0, startedAt: new Date().toISOString(), owner };
      fs.writeSync(fd, JSON.stringify(lock));
      fs.closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const held = readLock(dir);
      if (held && pidAlive(held.pid)) throw new EmbeddedBusyError(held);
      // Stale lock from a process that died: PGlite's files were closed by the
      // OS; take over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the embedded database lock ${file}`);
}

function writeLock(dir: string, lock: EmbeddedLock) {
  const tmp = lockPath(dir) + ".tmp";
  fs.writeFileSync(tmp, JSON.stringify(lock));
  fs.renameSync(tmp, lockPath(dir));
}

export interface StartOptions {
  /** Directory holding pglite/ and the lock; `memory` for a throwaway database. */
  dir?: string;
  memory?: boolean;
  port?: number;
  owner?: string;
  /** Connections served at once (each waits its turn for the one backend). */
  maxConnections?: number;
  /** A client idle inside a transaction longer than this is disconnected and rolled back (ADR 0007). */
  idleInTransactionTimeoutMs?: number;
  /** Start from a dumpDataDir tarball (`npm run restore`) instead of the files in dir. */
  loadDataDir?: Blob;
}

/** Opens PGlite and serves it on loopback. Throws EmbeddedBusyError if held elsewhere. */
export async function startEmbeddedServer(opts: StartOptions = {}): Promise<EmbeddedServer> {
  const { PGlite } = await import("@electric-sql/pglite");
  const dir = opts.dir ?? dataDir();
  const owner = opts.owner ?? process.argv.slice(1).join(" ");
  if (!opts.memory) acquireLock(dir, owner);
  let db: InstanceType<typeof PGlite> | undefined;
  try {
    const load = opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {};
    db = opts.memory ? await PGlite.create(load) : await PGlite.create(path.join(dir, "pglite"), load);
    // One client at a time has the single PGlite backend, from its first
    // message until the backend is idle again (lib/db/session-server.ts).
    const server = await serveSession(db, {
      host: "127.0.0.1",
      port: opts.port ?? 0,
      maxConnections: opts.maxConnections ?? 200,
      idleInTransactionTimeoutMs:
        opts.idleInTransactionTimeoutMs ?? env().EMBEDDED_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS * 1000,
    });
    const port = server.port;
    if (!opts.memory) writeLock(dir, { pid: process.pid, port, startedAt: new Date().toISOString(), owner });
    const openDb = db;
    let stopped = false;
    return {
      url: urlForPort(port),
      port,
      dumpDataDir: () => openDb.dumpDataDir("gzip"),
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await openDb.close();
        if (!opts.memory) fs.rmSync(lockPath(dir), { force: true });
      },
    };
  } catch (e) {
    await db?.close().catch(() => {});
    if (!opts.memory) fs.rmSync(lockPath(dir), { force: true });
    throw e;
  }
}
