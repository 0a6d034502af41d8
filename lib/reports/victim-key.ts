import { toHalfWidth } from "@/lib/vocab";
import { keyedHash } from "@/lib/secrets";
import type { Db } from "@/lib/db/client";
import { openPii } from "@/lib/pii";

/** A victim's phone as digits, without a +86/0086 prefix; "" when there are none. */
function phoneDigits(phone: string | null | undefined): string {
  return toHalfWidth(phone ?? "")
    .replace(/\D/g, "")
    .replace(/^(0086|86)(?=1\d{10}$)/, "");
}

/** Prefix of hashed keys: tells them from references and from the plain digits older versions stored. */
const HASHED = "v:";
const NAMED = "n:";

/**
 * Who the victim is, for counting victims per case (Report.victimKey): a keyed
 * hash of their phone's digits, so the same phone however written gives the
 * same key without a second copy of the number in clear; an anonymous report
 * is its own victim (its reference).
 */
export function victimKey(phone: string | null | undefined, reference: string): string {
  const digits = phoneDigits(phone);
  return digits ? HASHED + keyedHash("victim", digits) : reference;
}

/**
 * The staff search's handle on a victim's name (Report.victimNameKey): a keyed
 * hash of the name with case, width, spaces and punctuation ignored, since the
 * name itself is stored encrypted. Only an exact (so normalised) name finds it.
 */
export function victimNameKey(name: string | null | undefined): string {
  const n = toHalfWidth(name ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");
  return n ? NAMED + keyedHash("victim-name", n) : "";
}

/**
 * Once per database, at `npm start` and `npm run db:migrate`: keys stored as
 * plain digits by older versions become hashed keys. A SQL migration cannot do
 * it (the key is the app's secret). The key is recomputed from the phone, so
 * rows whose digits kept a +86 prefix (the first migration did not strip it)
 * now count as the same victim, and their cases' victim counts are redone.
 * Idempotent (hashed keys and references are never all digits); batches by id,
 * one short transaction each. Returns how many reports changed.
 */
export async function hashPlainVictimKeys(db: Db, batchSize = 2000): Promise<number> {
  let changed = 0;
  for (let after = 0; ;) {
    const rows = await db.$queryRaw<{ id: number; victimPhone: string; reference: string }[]>`
      SELECT "id", "victimPhone", "reference" FROM "Report"
      WHERE "id" > ${after} AND "victimKey" ~ '^[0-9]+$'
      ORDER BY "id" LIMIT ${batchSize}`;
    if (!rows.length) return changed;
    const ids = rows.map((r) => r.id);
    // The phone may be encrypted already (a database of a version with encryption but plain keys).
    const keys = rows.map((r) => victimKey(openPii("Report.victimPhone", r.victimPhone), r.reference));
    changed += await db.$transaction(async (tx) => {
      const n = await tx.$executeRaw`
        UPDATE "Report" r SET "victimKey" = u.k
        FROM unnest(${ids}::int[], ${keys}::text[]) AS u(id, k)
        WHERE r."id" = u.id AND r."victimKey" ~ '^[0-9]+$'`;
      await tx.$executeRaw`
        UPDATE "Case" c SET "victimCount" = (SELECT count(DISTINCT r."victimKey") FROM "Report" r WHERE r."caseId" = c."id")
        WHERE c."id" IN (SELECT "caseId" FROM "Report" WHERE "id" = ANY(${ids}::int[]))`;
      return n;
    });
    after = ids.at(-1)!;
  }
}

/**
 * At start, like the step above: reports stored before victimNameKey existed
 * get theirs (the name, possibly encrypted, is opened to hash it). Idempotent:
 * only rows with a name and no key. Returns how many reports changed.
 */
export async function hashVictimNames(db: Db, batchSize = 2000): Promise<number> {
  let changed = 0;
  for (let after = 0; ;) {
    const rows = await db.$queryRaw<{ id: number; victimName: string }[]>`
      SELECT "id", "victimName" FROM "Report"
      WHERE "id" > ${after} AND "victimNameKey" = '' AND "victimName" <> ''
      ORDER BY "id" LIMIT ${batchSize}`;
    if (!rows.length) return changed;
    const ids = rows.map((r) => r.id);
    const keys = rows.map((r) => victimNameKey(openPii("Report.victimName", r.victimName)));
    changed += await db.$executeRaw`
      UPDATE "Report" r SET "victimNameKey" = u.k
      FROM unnest(${ids}::int[], ${keys}::text[]) AS u(id, k)
      WHERE r."id" = u.id AND r."victimNameKey" = ''`;
    after = ids.at(-1)!;
  }
}
