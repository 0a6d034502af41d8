/**
 * `npm run backup` / `npm run restore` (docs/operations.md, "Backup and
 * restore"): the database and the evidence folder in one gzipped tar with a
 * manifest. Embedded: PGlite's own dumpDataDir of DATA_DIR/pglite, no server
 * binary needed. PostgreSQL: pg_dump/pg_restore in custom format.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import * as tar from "tar";
import { env } from "@/lib/env";
import { EmbeddedBusyError, findRunningEmbedded, startEmbeddedServer } from "@/lib/db/embedded";
import { appVersion, describeDatabase, holdsData, knownMigrations, type Facts, type Manifest } from "./manifest";

export type { Manifest, Facts } from "./manifest";

const run = promisify(execFile);

export class BackupError extends Error {}

export interface Target {
  /** PostgreSQL; absent: the embedded database in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  evidenceDir: string;
}

const PG_DUMP = "database/postgres.dump";
const PGLITE = "database/pglite.tar.gz";

function evidenceStore(): "local" | "s3" {
  // With EVIDENCE_STORAGE=s3 the bucket is kept by the store's own versioning/replication (docs/operations.md).
  return env().EVIDENCE_STORAGE;
}

async function pgTool(name: "pg_dump" | "pg_restore", args: string[]): Promise<void> {
  try {
    const dir = env().PG_BIN;
    await run(dir ? path.join(dir, name) : name, args, { maxBuffer: 64 << 20 });
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === "ENOENT") throw new BackupError(`${name} not found: install the PostgreSQL client or set PG_BIN`);
    throw new BackupError(`${name} failed: ${err.stderr?.trim() || err.message}`);
  }
}

/** Opens the embedded database for this command alone; refuses while `npm start` has it. */
async function ownEmbedded(dir: string, owner: string, loadDataDir?: Blob) {
  if (await findRunningEmbedded(dir))
    throw new BackupError(`The embedded database in ${dir} is in use (npm start?): stop the app first.`);
  try {
    return await startEmbeddedServer({ dir, owner, loadDataDir });
  } catch (e) {
    if (e instanceof EmbeddedBusyError) throw new BackupError(e.message);
    throw e;
  }
}

function filesIn(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
}

/** Writes the archive to `out`; returns its manifest. */
export async function backup(target: Target, out: string): Promise<Manifest> {
  const staging = fs.mkdtempSync(path.join(path.dirname(path.resolve(out)), ".backup-"));
  try {
    fs.mkdirSync(path.join(staging, "database"));
    let described: Awaited<ReturnType<typeof describeDatabase>>;
    if (target.databaseUrl) {
      described = await describeDatabase(target.databaseUrl);
      await pgTool("pg_dump", [
        "-Fc",
        "--no-owner",
        "--no-privileges",
        "-f",
        path.join(staging, PG_DUMP),
        "-d",
        target.databaseUrl,
      ]);
    } else {
      const server = await ownEmbedded(target.dataDir, "npm run backup");
      try {
        described = await describeDatabase(server.url);
        const blob = await server.dumpDataDir();
        fs.writeFileSync(path.join(staging, PGLITE), Buffer.from(await blob.arrayBuffer()));
      } finally {
        await server.stop();
      }
    }
    const store = evidenceStore();
    const entries = ["manifest.json", "database"];
    if (store === "local" && fs.existsSync(target.evidenceDir)) {
      fs.cpSync(target.evidenceDir, path.join(staging, "evidence"), { recursive: true });
      entries.push("evidence");
    }
    const manifest: Manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      appVersion: appVersion(),
      backend: target.databaseUrl ? "postgresql" : "embedded",
      migration: described.migration,
      facts: described.facts,
      evidence: { store, keys: described.keys, files: store === "local" ? filesIn(path.join(staging, "evidence")) : 0 },
    };
    fs.writeFileSync(path.join(staging, "manifest.json"), JSON.stringify(manifest, null, 2));
    await tar.c({ gzip: true, file: out, cwd: staging, portable: true }, entries);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves `from` to `to`, keeping what was at `to` until the caller confirms. */
function swapIn(from: string, to: string): () => void {
  const old = `${to}.replaced-${process.pid}`;
  if (fs.existsSync(to)) fs.renameSync(to, old);
  try {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.renameSync(from, to);
    } catch (e) {
      // EVIDENCE_DIR on another filesystem than DATA_DIR: copy instead.
      if ((e as { code?: string }).code !== "EXDEV") throw e;
      fs.cpSync(from, to, { recursive: true });
    }
  } catch (e) {
    if (fs.existsSync(old)) fs.renameSync(old, to);
    throw e;
  }
  return () => fs.rmSync(old, { recursive: true, force: true });
}

function sameFacts(a: Facts, b: Facts): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function targetFacts(url: string): Promise<Facts | null> {
  try {
    return (await describeDatabase(url)).facts;
  } catch {
    return null; // no tables yet: an empty database
  }
}

/**
 * Restores an archive into the target. Refuses a target that holds data
 * unless `force`, and a backup whose migration this version does not know.
 * All or nothing: the database is built aside (embedded) or restored in one
 * transaction (PostgreSQL) and checked against the manifest before the
 * evidence folder is swapped in.
 */
export async function restore(target: Target, file: string, opts: { force?: boolean } = {}): Promise<Manifest> {
  fs.mkdirSync(target.dataDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(target.dataDir, ".restore-"));
  try {
    await tar.x({ file, cwd: staging });
    const manifest = JSON.parse(fs.readFileSync(path.join(staging, "manifest.json"), "utf8")) as Manifest;
    if (manifest.format !== 1) throw new BackupError(`Unknown backup format ${String(manifest.format)}`);
    if (manifest.migration && !knownMigrations().includes(manifest.migration))
      throw new BackupError(
        `The backup's schema (migration ${manifest.migration}) is newer than this version of the app knows: restore it with the version that made it (${manifest.appVersion}) or later.`,
      );
    const wanted = target.databaseUrl ? "postgresql" : "embedded";
    if (manifest.backend !== wanted)
      throw new BackupError(`This is a backup of the ${manifest.backend} database; the target is ${wanted}.`);
    const evidenceFull = filesIn(target.evidenceDir) > 0;

    let confirm: () => void = () => {};
    if (target.databaseUrl) {
      const before = await targetFacts(target.databaseUrl);
      if (!opts.force && ((before && holdsData(before)) || evidenceFull))
        throw new BackupError("The target database or evidence folder is not empty: add --force to replace it.");
      const clean = before ? ["--clean", "--if-exists"] : [];
      await pgTool("pg_restore", [
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        "--no-privileges",
        ...clean,
        "-d",
        target.databaseUrl,
        path.join(staging, PG_DUMP),
      ]);
      const after = await targetFacts(target.databaseUrl);
      if (!after || !sameFacts(after, manifest.facts))
        throw new BackupError("The restored database does not match the backup's manifest.");
    } else {
      const built = path.join(staging, "db");
      const blob = new Blob([fs.readFileSync(path.join(staging, PGLITE))]);
      const server = await ownEmbedded(built, "npm run restore", blob);
      try {
        const facts = (await describeDatabase(server.url)).facts;
        if (!sameFacts(facts, manifest.facts))
          throw new BackupError("The restored database does not match the backup's manifest.");
      } finally {
        await server.stop();
      }
      if (await findRunningEmbedded(target.dataDir))
        throw new BackupError(`The embedded database in ${target.dataDir} is in use (npm start?): stop the app first.`);
      const current = path.join(target.dataDir, "pglite");
      if (!opts.force && fs.existsSync(current)) {
        const server2 = await ownEmbedded(target.dataDir, "npm run restore");
        const facts = await describeDatabase(server2.url).then(
          (d) => d.facts,
          () => null,
        );
        await server2.stop();
        if ((facts && holdsData(facts)) || evidenceFull)
          throw new BackupError("The target database or evidence folder is not empty: add --force to replace it.");
      } else if (!opts.force && evidenceFull) {
        throw new BackupError("The target evidence folder is not empty: add --force to replace it.");
      }
      confirm = swapIn(path.join(built, "pglite"), current);
    }
    if (manifest.evidence.store === "local") {
      const from = path.join(staging, "evidence");
      if (!fs.existsSync(from)) fs.mkdirSync(from);
      const done = swapIn(from, target.evidenceDir);
      const previous = confirm;
      confirm = () => (previous(), done());
    }
    confirm();
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
