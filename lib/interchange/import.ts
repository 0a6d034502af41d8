import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { parseInterchangeLine, type InterchangeReport } from "@/lib/matching";
import {
  addSummary,
  emptySummary,
  finishMatch,
  guardCasesBehind,
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
import { victimKey, victimNameKey } from "@/lib/reports/victim-key";
import { sealPii } from "@/lib/pii";

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

/**
 * Imports interchange lines in batches, one transaction per batch: reports,
 * their rows and their matching commit together or not at all. Idempotent by
 * externalId, so a re-run after a failure (or of the same file) only adds
 * what is missing. Malformed lines are reported with their number and the
 * field, and skipped; if the database still refuses a batch, it is split until
 * the refused line is alone, so the good lines of that batch are kept.
 */
export async function importReports(
  db: PrismaClient,
  lines: AsyncIterable<string> | Iterable<string>,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const size = opts.batchSize ?? 500;
  let summary: ImportSummary = { ...emptySummary(), lines: 0, imported: 0, duplicates: 0, malformed: [] };
  let batch: LineReport[] = [];
  // One batch in the database while the next is parsed and normalised: the
  // JavaScript work overlaps the round trips. Batches still commit in order.
  let inFlight: Promise<void> | null = null;
  const flush = async () => {
    if (!batch.length) return;
    const received = batch.length;
    const current = prepareBatch(batch);
    batch = [];
    if (inFlight) await inFlight;
    inFlight = importSplitting(db, current).then((r) => {
      summary = {
        ...summary,
        ...addSummary(summary, r.match),
        imported: summary.imported + r.imported,
        duplicates: summary.duplicates + received - r.imported - r.refused.length,
        malformed: [...summary.malformed, ...r.refused].sort((a, b) => a.line - b.line),
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
    batch.push({ line: summary.lines, report: parsed.report });
    if (batch.length >= size) await flush();
  }
  await flush();
  if (inFlight) await inFlight;
  // Also after a run that added nothing: a re-run finishes what a failed catch-up left.
  const tail = await db.$transaction((tx) => guardCasesBehind(tx, { cause: "import" }), { timeout: 300_000 });
  summary = { ...summary, ...addSummary(summary, tail) };
  return summary;
}

interface LineReport {
  line: number;
  report: InterchangeReport;
}

interface BatchResult {
  imported: number;
  match: MatchSummary;
  refused: { line: number; error: string }[];
}

/** The SQLSTATE of a database error: 22xxx (bad data), 23xxx (constraint), 54xxx (too large). */
export function refusedDataCode(e: unknown): string | null {
  const meta = (e as { meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } } })?.meta;
  const code =
    meta?.driverAdapterError?.cause?.originalCode ??
    meta?.code ??
    /\bCode: `?([0-9A-Z]{5})`?/.exec(e instanceof Error ? e.message : "")?.[1];
  return typeof code === "string" && /^(22|23|54)[0-9A-Z]{3}$/.test(code) ? code : null;
}

/** A batch the database refuses is halved until the refused lines stand alone. */
async function importSplitting(db: PrismaClient, prepared: PreparedReport[]): Promise<BatchResult> {
  try {
    return { ...(await importBatch(db, prepared)), refused: [] };
  } catch (e) {
    const code = refusedDataCode(e);
    if (!code) throw e;
    if (prepared.length === 1) {
      const line = prepared[0]!.line;
      return {
        imported: 0,
        match: emptySummary(),
        refused: [{ line, error: `line ${line}: the database refused this report (SQLSTATE ${code})` }],
      };
    }
    const half = Math.ceil(prepared.length / 2);
    const a = await importSplitting(db, prepared.slice(0, half));
    const b = await importSplitting(db, prepared.slice(half));
    return {
      imported: a.imported + b.imported,
      match: addSummary(a.match, b.match),
      refused: [...a.refused, ...b.refused],
    };
  }
}

interface PreparedReport extends LineReport {
  identifiers: ReturnType<typeof identifiersOf>;
}

/** The CPU part of a batch: drop repeated externalIds, normalise identifiers. */
function prepareBatch(reports: LineReport[]): PreparedReport[] {
  const seen = new Set<string>();
  return reports
    .filter(({ report: r }) => (seen.has(r.externalId) ? false : (seen.add(r.externalId), true)))
    .map(({ line, report }) => ({ line, report, identifiers: identifiersOf(report) }));
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
          await tx.$queryRaw<{ externalId: string }[]>`
            SELECT "externalId" FROM "Report" WHERE "externalId" = ANY(${unique.map((r) => r.externalId)}::text[])`
        ).map((r) => r.externalId),
      );
      const fresh = unique.filter((r) => !present.has(r.externalId));
      if (!fresh.length) return { imported: 0, match: emptySummary() };

      // Ids first, then matching, then the reports with their case already set:
      // no report row is written twice (PostgreSQL would keep the first version
      // as a dead tuple until vacuumed).
      const ids = (
        await tx.$queryRaw<{ id: number }[]>`
          SELECT nextval(pg_get_serial_sequence('"Report"', 'id'))::int AS id FROM generate_series(1, ${fresh.length}::int)`
      ).map((r) => r.id);
      const batch = fresh.map((r, k) => ({ reportId: ids[k]!, identifiers: identifiersByExt.get(r.externalId)! }));
      const idOf = await upsertIdentifiers(tx, batch);
      const plan = await planMatch(tx, batch, idOf, { cause: "import" });
      const caseIds = ids.map((id) => (plan.kind === "fast" ? (plan.caseOf.get(id) ?? null) : null));

      const now = new Date();
      // The parser checked the dates: real, since 2000, not in the future; instants as UTC ISO text.
      const submitted = fresh.map((r) => (r.submittedAt ? new Date(r.submittedAt) : now));
      const seqs = await tx.$queryRaw<{ seq: bigint }[]>`
        SELECT nextval('report_reference_seq') AS seq FROM generate_series(1, ${fresh.length}::int)`;
      const references = fresh.map((_, k) => reportReference(seqs[k]!.seq, submitted[k]));
      await tx.$executeRaw`
        INSERT INTO "Report" ("id", "caseId", "reference", "source", "externalId", "submittedAt", "incidentDate", "scamType", "narrative",
                              "victimName", "victimPhone", "victimProvince", "victimCity", "victimKey", "victimNameKey", "updatedAt")
        SELECT id, cid, ref, 'import', ext, sub, inc::date, st::"ScamType", nar, vn, vp, vpr, vc, vk, vnk, now()
        FROM unnest(${ids}::int[], ${caseIds}::int[], ${references}::text[], ${fresh.map((r) => r.externalId)}::text[],
                    ${submitted}::timestamptz[], ${fresh.map((r) => r.incidentDate ?? null)}::text[],
                    ${fresh.map((r) => r.scamType ?? "other")}::text[], ${fresh.map((r) => sealPii("Report.narrative", r.narrative ?? ""))}::text[],
                    ${fresh.map((r) => sealPii("Report.victimName", r.victim?.name ?? ""))}::text[],
                    ${fresh.map((r) => sealPii("Report.victimPhone", r.victim?.phone ?? ""))}::text[],
                    ${fresh.map((r) => r.victim?.province ?? "")}::text[], ${fresh.map((r) => r.victim?.city ?? "")}::text[],
                    ${fresh.map((r, k) => victimKey(r.victim?.phone, references[k]!))}::text[],
                    ${fresh.map((r) => victimNameKey(r.victim?.name))}::text[])
             AS t(id, cid, ref, ext, sub, inc, st, nar, vn, vp, vpr, vc, vk, vnk)`;
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
          // Exact minor units from the number's text (lib/matching/interchange-fields.ts).
          p.amt.push((pay.amountMinor ?? 0n).toString());
          p.cur.push(pay.currency ?? "CNY");
          p.at.push(pay.paidAt ? new Date(pay.paidAt) : null);
          p.m.push(oneOf(paymentMethods, pay.method, "other"));
          p.pk.push(oneOf(payeeKinds, pay.payee?.kind, "other"));
          p.pv.push(pay.payee?.value ?? "");
          p.pn.push(pay.payee?.name ?? "");
          p.pb.push(pay.payee?.bank ?? "");
        });
      }
      if (c.rep.length) {
        await tx.$executeRaw`
          INSERT INTO "ReportContact" ("reportId", "position", "kind", "rawValue")
          SELECT r, p, k::"ContactKind", v
          FROM unnest(${c.rep}::int[], ${c.pos}::int[], ${c.kind}::text[], ${c.val}::text[]) AS t(r, p, k, v)`;
      }
      if (p.rep.length) {
        await tx.$executeRaw`
          INSERT INTO "Payment" ("reportId", "position", "amountMinor", "currency", "paidAt", "method", "payeeKind", "payeeValue", "payeeName", "payeeBank")
          SELECT r, pos, a::bigint, cur, at, m::"PaymentMethod", pk::"PayeeKind", pv, pn, pb
          FROM unnest(${p.rep}::int[], ${p.pos}::int[], ${p.amt}::text[], ${p.cur}::text[], ${p.at}::timestamptz[],
                      ${p.m}::text[], ${p.pk}::text[], ${p.pv}::text[], ${p.pn}::text[], ${p.pb}::text[])
               AS t(r, pos, a, cur, at, m, pk, pv, pn, pb)`;
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
        await tx.$executeRaw`
          INSERT INTO "ReportPlatform" ("reportId", "platformId", "role", "rawName")
          SELECT r, p, ro::"PlatformRole", n
          FROM unnest(${pl.rep}::int[], ${pl.plat}::int[], ${pl.role}::text[], ${pl.raw}::text[]) AS t(r, p, ro, n)`;
      }
      await linkIdentifiers(tx, batch, idOf);
      const match = await finishMatch(tx, plan, ids, { cause: "import" });
      return { imported: inserted.length, match };
    },
    // maxWait from the client (DB_TRANSACTION_MAX_WAIT_SECONDS): a batch queues behind the form (ADR 0007).
    { timeout: 300_000 },
  );
}
