import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { db, Prisma } from "@/lib/db";
import { storageWritable } from "@/lib/reports/evidence";

/**
 * GET /api/ready: can this server take traffic? Unauthenticated and cheap, so
 * it reveals nothing but a reason code: one `SELECT` of the applied migration
 * names (which proves the database answers) and one small probe file in
 * evidence storage. Nothing is cached: a load balancer must see the database
 * go and come back.
 */
export type NotReadyReason = "database_unreachable" | "migrations_pending" | "storage_not_writable";
export type Readiness = { ready: true } | { ready: false; reason: NotReadyReason };

/** A probe that hangs (a firewall dropping packets) counts as unreachable after this long. */
const DATABASE_TIMEOUT_MS = 3_000;

const MIGRATIONS_DIR = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

/** The migrations this build ships (prisma/migrations), read once: they change only with a deployment. */
let shipped: Promise<string[]> | undefined;
function shippedMigrations(dir: string) {
  if (dir !== MIGRATIONS_DIR)
    return fs.readdir(dir, { withFileTypes: true }).then((e) => e.filter((d) => d.isDirectory()).map((d) => d.name));
  shipped ??= fs
    .readdir(dir, { withFileTypes: true })
    .then((entries) => entries.filter((e) => e.isDirectory()).map((e) => e.name))
    .catch((e: unknown) => {
      shipped = undefined;
      throw e;
    });
  return shipped;
}

async function appliedMigrations(): Promise<Set<string>> {
  const client = await db();
  // Prisma's own bookkeeping table, outside the schema (so not in lib/db/sql.ts).
  const rows = await client.$queryRaw<{ migration_name: string }[]>(
    Prisma.sql`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.map((r) => r.migration_name));
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Ready when the database answers, every migration this build ships has been
 * applied (a database ahead of the build, during a rolling deployment, is
 * fine), and evidence can be written.
 */
export async function readiness(opts: { migrationsDir?: string } = {}): Promise<Readiness> {
  const [applied, expected, writable] = await Promise.all([
    within(DATABASE_TIMEOUT_MS, appliedMigrations()).catch(() => undefined),
    shippedMigrations(opts.migrationsDir ?? MIGRATIONS_DIR).catch(() => undefined),
    storageWritable(),
  ]);
  if (!applied) return { ready: false, reason: "database_unreachable" };
  if (!expected || expected.some((m) => !applied.has(m))) return { ready: false, reason: "migrations_pending" };
  if (!writable) return { ready: false, reason: "storage_not_writable" };
  return { ready: true };
}
