import fs from "node:fs";
import path from "node:path";
import { createPrisma } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";

/**
 * What a backup says about itself, and what a restore checks against: row
 * counts, money totals in fen, the app version and the newest migration.
 */
export interface Manifest {
  format: 1;
  createdAt: string;
  appVersion: string;
  backend: "embedded" | "postgresql";
  /** The newest migration applied to the database that was saved. */
  migration: string | null;
  facts: Facts;
  evidence: {
    /** Where the files were: the local folder (archived) or object storage (not archived). */
    store: "local" | "s3";
    /** Every object key the database refers to (evidence and liaison attachments). */
    keys: string[];
    /** Files archived from the local folder. */
    files: number;
  };
}

export interface Facts {
  counts: Record<string, number>;
  /** Sums in fen, as decimal text (bigint). */
  sums: Record<string, string>;
}

const COUNTED = [
  "Report",
  "Payment",
  "ReportContact",
  "Case",
  "User",
  "Organisation",
  "LiaisonRequest",
  "LiaisonRequestItem",
  "Evidence",
  "Identifier",
  "AuditEvent",
] as const;

const P = table("Payment");
const C = table("Case");
const E = table("Evidence");
const LI = table("LiaisonRequestItem");
const M = Prisma.raw('"_prisma_migrations"');

/** Counts, sums, the newest migration and the stored object keys of the database at url. */
export async function describeDatabase(
  url: string,
): Promise<{ facts: Facts; migration: string | null; keys: string[] }> {
  const db = createPrisma(url, { max: 1 });
  try {
    const counts: Record<string, number> = {};
    for (const model of COUNTED) {
      const [row] = await db.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM ${table(model)}`);
      counts[model] = row?.n ?? 0;
    }
    const [sums] = await db.$queryRaw<{ paid: string; cases: string }[]>(Prisma.sql`
      SELECT (SELECT coalesce(sum(${P.amountMinor}), 0)::text FROM ${P}) AS paid,
             (SELECT coalesce(sum(${C.lossCnyMinor}), 0)::text FROM ${C}) AS cases`);
    const [mig] = await db.$queryRaw<{ name: string | null }[]>(Prisma.sql`
      SELECT max(migration_name) AS name FROM ${M} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const keys = (
      await db.$queryRaw<{ key: string }[]>(Prisma.sql`
        SELECT ${E.storageKey} AS key FROM ${E}
        UNION ALL SELECT ${LI.attachmentKey} FROM ${LI} WHERE ${LI.attachmentKey} IS NOT NULL
        ORDER BY 1`)
    ).map((r) => r.key);
    return {
      facts: { counts, sums: { paymentsFen: sums!.paid, caseLossFen: sums!.cases } },
      migration: mig?.name ?? null,
      keys,
    };
  } finally {
    await db.$disconnect();
  }
}

/** True when the database holds anything people entered (reports, cases or accounts). */
export function holdsData(facts: Facts): boolean {
  return ["Report", "Case", "User", "Organisation"].some((m) => (facts.counts[m] ?? 0) > 0);
}

/** The migrations this version of the app knows, oldest first. */
export function knownMigrations(root = process.cwd()): string[] {
  const dir = path.join(root, "prisma", "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function appVersion(root = process.cwd()): string {
  return (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
}
