import "server-only";
import { contactKinds } from "@/lib/vocab";
import type { PrismaClient } from "@/lib/db/generated/client";
import { normaliseContact, normalisePayee, parsePhone, type IdentifierKind } from "@/lib/matching";
import { AppError, NotFoundError } from "@/lib/errors";
import { applyClusters } from "./apply";
import { clusterRegion, expandRegion } from "./region";
import { MATCH_LOCK, type MatchSummary, type Tx } from "./types";

export interface WarningInput {
  kind: IdentifierKind;
  match: "exact" | "prefix";
  value: string;
  label: string;
}

// Contact kinds with a normaliser of their own ("other" is sniffed).
const CONTACT_KINDS = new Set<string>(contactKinds.filter((k) => k !== "other"));

/** What the admin typed ("95311", "www.Example.com/x") → the value the normaliser produces. */
export function canonicalWarningValue(kind: IdentifierKind, match: "exact" | "prefix", raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  if (kind === "phone") {
    if (match === "prefix") {
      const digits = v.replace(/\D/g, "").replace(/^(0086|86)/, "");
      return digits ? `+86${digits}` : null;
    }
    return parsePhone(v)?.e164 ?? null;
  }
  if (match === "prefix") return v;
  if (CONTACT_KINDS.has(kind)) return normaliseContact(kind, v)?.value ?? null;
  const payeeKind = kind === "bank_account_partial" ? "bank_account" : kind;
  return normalisePayee({ kind: payeeKind, value: v })?.value ?? null;
}

export class WarningEntryError extends AppError {
  constructor(code: string) {
    super(code, 400);
  }
}

/** Reports naming identifiers the entry covers (same rules as the matcher's list check). */
async function reportsCovered(tx: Tx, kind: string, match: string, value: string): Promise<number[]> {
  const rows = await tx.$queryRawUnsafe<{ reportId: number }[]>(
    `SELECT DISTINCT ri."reportId" FROM "ReportIdentifier" ri JOIN "Identifier" i ON i."id" = ri."identifierId"
     WHERE ($2 = 'exact' AND ((i."kind"::text = $1 AND i."value" = $3) OR ($1 = 'phone' AND i."meta"->>'phone' = $3)))
        OR ($2 = 'prefix' AND ((i."kind"::text = $1 AND starts_with(i."value", $3)) OR ($1 = 'phone' AND starts_with(i."meta"->>'phone', $3))))`,
    kind,
    match,
    value,
  );
  return rows.map((r) => r.reportId);
}

async function reclusterCovered(
  tx: Tx,
  seed: number[],
  cause: string,
  actorId: string | null,
): Promise<MatchSummary | null> {
  if (!seed.length) return null;
  const region = await expandRegion(tx, seed);
  const { clusters, current } = await clusterRegion(tx, region);
  return applyClusters(tx, clusters, current, { cause, actorId });
}

/** Adds an entry and re-clusters the reports it covers: cases joined only by it come apart. */
export async function addWarningEntry(db: PrismaClient, input: WarningInput, actorId: string | null) {
  const value = canonicalWarningValue(input.kind, input.match, input.value);
  if (!value) throw new WarningEntryError("invalidIdentifier");
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)`, MATCH_LOCK);
      const exists = await tx.warningListEntry.findUnique({
        where: { kind_match_value: { kind: input.kind, match: input.match, value } },
        select: { id: true },
      });
      if (exists) throw new WarningEntryError("duplicateEntry");
      const entry = await tx.warningListEntry.create({
        data: { kind: input.kind, match: input.match, value, label: input.label.trim(), createdById: actorId },
        select: { id: true, kind: true, match: true, value: true, label: true },
      });
      const seed = await reportsCovered(tx, entry.kind, entry.match, entry.value);
      const summary = await reclusterCovered(tx, seed, `warning-list:add:${entry.id}`, actorId);
      return { entry, reports: seed.length, summary };
    },
    { timeout: 120_000 },
  );
}

/** Removes an entry; reports it kept apart may join again. */
export async function removeWarningEntry(db: PrismaClient, id: number, actorId: string | null) {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)`, MATCH_LOCK);
      const entry = await tx.warningListEntry.findUnique({
        where: { id },
        select: { id: true, kind: true, match: true, value: true, label: true },
      });
      if (!entry) throw new NotFoundError("warning entry");
      await tx.warningListEntry.delete({ where: { id } });
      const seed = await reportsCovered(tx, entry.kind, entry.match, entry.value);
      const summary = await reclusterCovered(tx, seed, `warning-list:remove:${entry.id}`, actorId);
      return { entry, reports: seed.length, summary };
    },
    { timeout: 120_000 },
  );
}
