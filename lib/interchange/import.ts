import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { parseInterchangeLine, type InterchangeReport } from "@/lib/matching";
import {
  addSummary,
  emptySummary,
  finishMatch,
  identifiersOf,
  linkIdentifiers,
  lockForMatching,
  planMatch,
  upsertIdentifiers,
  type MatchSummary,
} from "@/lib/cases";
import { contactKinds, payeeKinds, paymentMethods, platformRoles, reportReference } from "@/lib/vocab";
import { upsertPlatforms } from "@/lib/reports/platforms-db";
import { platformKey } from "@/lib/reports/platforms";
import { victimKey } from "@/lib/reports/victim-key";

export interface ImportSummary extends MatchSummary {
  lines: number;
  imported: number;
  duplicates: number;
  malformed: { line: number; error: string }[];
}

export interface ImportOptions {
  batchSize?: number;
  onProgress?: (s: ImportSummary) => void;
}

const oneOf = <T extends string>(list: readonly T[], v: unknown, fallback: T): T =>
  (list as readonly unknown[]).includes(v) ? (v as T) : fallback;

function date(v: string | undefined): Date | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** JSON numbers arrive as doubles; two decimals via toFixed are exact for any real amount. */
export function amountToMinor(v: number | undefined): bigint {
  if (v === undefined || !Number.isFinite(v) || v <= 0) return 0n;
  const [whole, frac = ""] = v.toFixed(2).split(".");
  return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, "0"));
}

/**
 * Imports interchange lines in batches, one transaction per batch: reports,
 * their rows and their matching commit together or not at all. Idempotent by
 * externalId, so a re-run after a failure (or of the same file) only adds
 * what is missing. Malformed lines are reported with their number and skipped.
 */
export async function importReports(
  db: PrismaClient,
  lines: AsyncIterable<string> | Iterable<string>,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const size = opts.batchSize ?? 500;
  let summary: ImportSummary = { ...emptySummary(), lines: 0, imported: 0, duplicates: 0, malformed: [] };
  let batch: InterchangeReport[] = [];
  // One batch in the database while the next is parsed and normalised: the
  // JavaScript work overlaps the round trips. Batches still commit in order.
  let inFlight: Promise<void> | null = null;
  const flush = async () => {
    if (!batch.length) return;
    const received = batch.length;
    const current = prepareBatch(batch);
    batch = [];
    if (inFlight) await inFlight;
    inFlight = importBatch(db, current).then((r) => {
      summary = {
        ...summary,
        ...addSummary(summary, r.match),
        imported: summary.imported + r.imported,
        duplicates: summary.duplicates + received - r.imported,
      };
      opts.onProgress?.(summary);
    });
  };
  for await (const raw of lines) {
    summary.lines++;
    if (!raw.trim()) continue;
    const parsed = parseInterchangeLine(raw, summary.lines);
    if (!parsed.ok) {
      summary.malformed.push({ line: summary.lines, error: parsed.error });
      continue;
    }
    batch.push(parsed.report);
    if (batch.length >= size) await flush();
  }
  await flush();
  if (inFlight) await inFlight;
  return summary;
}

interface PreparedReport {
  report: InterchangeReport;
  identifiers: ReturnType<typeof identifiersOf>;
}

/** The CPU part of a batch: drop repeated externalIds, normalise identifiers. */
function prepareBatch(reports: InterchangeReport[]): PreparedReport[] {
  const seen = new Set<string>();
  return reports
    .filter((r) => (seen.has(r.externalId) ? false : (seen.add(r.externalId), true)))
    .map((report) => ({ report, identifiers: identifiersOf(report) }));
}

async function importBatch(
  db: PrismaClient,
  prepared: PreparedReport[],
): Promise<{ imported: number; match: MatchSummary }> {
  const unique = prepared.map((p) => p.report);
  const identifiersByExt = new Map(prepared.map((p) => [p.report.externalId, p.identifiers]));
  return db.$transaction(
    async (tx) => {
      // The whole batch matches under the global lock, held exclusively: no other
      // import or submission can touch these identifiers or externalIds meanwhile.
      await lockForMatching(tx, [], true);
      const present = new Set(
        (
          await tx.$queryRawUnsafe<{ externalId: string }[]>(
            `SELECT "externalId" FROM "Report" WHERE "externalId" = ANY($1::text[])`,
            unique.map((r) => r.externalId),
          )
        ).map((r) => r.externalId),
      );
      const fresh = unique.filter((r) => !present.has(r.externalId));
      if (!fresh.length) return { imported: 0, match: emptySummary() };

      // Ids first, then matching, then the reports with their case already set:
      // no report row is written twice (PostgreSQL would keep the first version
      // as a dead tuple until vacuumed).
      const ids = (
        await tx.$queryRawUnsafe<{ id: number }[]>(
          `SELECT nextval(pg_get_serial_sequence('"Report"', 'id'))::int AS id FROM generate_series(1, $1::int)`,
          fresh.length,
        )
      ).map((r) => r.id);
      const batch = fresh.map((r, k) => ({ reportId: ids[k]!, identifiers: identifiersByExt.get(r.externalId)! }));
      const idOf = await upsertIdentifiers(tx, batch);
      const plan = await planMatch(tx, batch, idOf, { cause: "import" });
      const caseIds = ids.map((id) => (plan.kind === "fast" ? (plan.caseOf.get(id) ?? null) : null));

      const now = new Date();
      const submitted = fresh.map((r) => date(r.submittedAt) ?? now);
      const seqs = await tx.$queryRawUnsafe<{ seq: bigint }[]>(
        `SELECT nextval('report_reference_seq') AS seq FROM generate_series(1, $1::int)`,
        fresh.length,
      );
      const references = fresh.map((_, k) => reportReference(seqs[k]!.seq, submitted[k]));
      await tx.$executeRawUnsafe(
        `INSERT INTO "Report" ("id", "caseId", "reference", "source", "externalId", "submittedAt", "incidentDate", "scamType", "narrative",
                               "victimName", "victimPhone", "victimProvince", "victimCity", "victimKey", "updatedAt")
         SELECT id, cid, ref, 'import', ext, sub, inc::date, st::"ScamType", nar, vn, vp, vpr, vc, vk, now()
         FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
              AS t(id, cid, ref, ext, sub, inc, st, nar, vn, vp, vpr, vc, vk)`,
        ids,
        caseIds,
        references,
        fresh.map((r) => r.externalId),
        submitted,
        fresh.map((r) =>
          r.incidentDate &&
          /^\d{4}-\d{2}-\d{2}/.test(r.incidentDate) &&
          !Number.isNaN(Date.parse(r.incidentDate.slice(0, 10)))
            ? r.incidentDate.slice(0, 10)
            : null,
        ),
        fresh.map((r) => r.scamType ?? "other"),
        fresh.map((r) => r.narrative ?? ""),
        fresh.map((r) => r.victim?.name ?? ""),
        fresh.map((r) => r.victim?.phone ?? ""),
        fresh.map((r) => r.victim?.province ?? ""),
        fresh.map((r) => r.victim?.city ?? ""),
        fresh.map((r, k) => victimKey(r.victim?.phone, references[k]!)),
      );
      const inserted = fresh.map((r, k) => ({ id: ids[k]!, externalId: r.externalId }));
      const byExt = new Map(fresh.map((r) => [r.externalId, r]));
      const rows = inserted.map((i) => ({ id: i.id, r: byExt.get(i.externalId)! }));

      const c = { rep: [] as number[], pos: [] as number[], kind: [] as string[], val: [] as string[] };
      const p = {
        rep: [] as number[],
        pos: [] as number[],
        amt: [] as string[],
        cur: [] as string[],
        at: [] as (Date | null)[],
        m: [] as string[],
        pk: [] as string[],
        pv: [] as string[],
        pn: [] as string[],
        pb: [] as string[],
      };
      for (const { id, r } of rows) {
        r.contacts.forEach((ct, k) => {
          c.rep.push(id);
          c.pos.push(k);
          c.kind.push(oneOf(contactKinds, ct.kind, "other"));
          c.val.push(ct.value.slice(0, 500));
        });
        r.payments.forEach((pay, k) => {
          p.rep.push(id);
          p.pos.push(k);
          p.amt.push(amountToMinor(pay.amount).toString());
          p.cur.push(pay.currency ?? "CNY");
          p.at.push(date(pay.paidAt));
          p.m.push(oneOf(paymentMethods, pay.method, "other"));
          p.pk.push(oneOf(payeeKinds, pay.payee?.kind, "other"));
          p.pv.push(pay.payee?.value ?? "");
          p.pn.push(pay.payee?.name ?? "");
          p.pb.push(pay.payee?.bank ?? "");
        });
      }
      if (c.rep.length) {
        await tx.$executeRawUnsafe(
          `INSERT INTO "ReportContact" ("reportId", "position", "kind", "rawValue")
           SELECT r, p, k::"ContactKind", v FROM unnest($1::int[], $2::int[], $3::text[], $4::text[]) AS t(r, p, k, v)`,
          c.rep,
          c.pos,
          c.kind,
          c.val,
        );
      }
      if (p.rep.length) {
        await tx.$executeRawUnsafe(
          `INSERT INTO "Payment" ("reportId", "position", "amountMinor", "currency", "paidAt", "method", "payeeKind", "payeeValue", "payeeName", "payeeBank")
           SELECT r, pos, a::bigint, cur, at, m::"PaymentMethod", pk::"PayeeKind", pv, pn, pb
           FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
                AS t(r, pos, a, cur, at, m, pk, pv, pn, pb)`,
          p.rep,
          p.pos,
          p.amt,
          p.cur,
          p.at,
          p.m,
          p.pk,
          p.pv,
          p.pn,
          p.pb,
        );
      }
      const platformIds = await upsertPlatforms(
        tx,
        rows.flatMap(({ r }) => r.platforms.map((pl) => pl.name)),
      );
      const pl = { rep: [] as number[], plat: [] as number[], role: [] as string[], raw: [] as string[] };
      for (const { id, r } of rows) {
        const seenRole = new Set<string>();
        for (const x of r.platforms) {
          const platformId = platformIds.get(platformKey(x.name));
          const role = oneOf(platformRoles, x.role, "other");
          if (platformId === undefined || seenRole.has(`${platformId}:${role}`)) continue;
          seenRole.add(`${platformId}:${role}`);
          pl.rep.push(id);
          pl.plat.push(platformId);
          pl.role.push(role);
          pl.raw.push(x.name);
        }
      }
      if (pl.rep.length) {
        await tx.$executeRawUnsafe(
          `INSERT INTO "ReportPlatform" ("reportId", "platformId", "role", "rawName")
           SELECT r, p, ro::"PlatformRole", n FROM unnest($1::int[], $2::int[], $3::text[], $4::text[]) AS t(r, p, ro, n)`,
          pl.rep,
          pl.plat,
          pl.role,
          pl.raw,
        );
      }
      await linkIdentifiers(tx, batch, idOf);
      const match = await finishMatch(tx, plan, ids, { cause: "import" });
      return { imported: inserted.length, match };
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
}
