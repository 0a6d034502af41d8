import "server-only";
import { compileWarningList, type WarningListEntry } from "@/lib/matching";
import type { Db } from "@/lib/db";
import { readDb } from "@/lib/db/read-db";
import { Prisma, pgEnum, table } from "@/lib/db/sql";
import type { ScamType } from "@/lib/vocab/choices";
import { readingsOf, type Reading } from "./parse";
import { LOOKUP_WINDOW_DAYS, MIN_REPORTS_SHOWN, type LookupAnswer, type LookupResult } from "./types";

/**
 * The public risk lookup (issue 10). Anyone may call it, so it takes no
 * ServiceContext: there is nothing to authorise, and the callers (the page,
 * the API route) rate-limit before calling.
 *
 * Rules, in order:
 *  - a reading the warning list names (exact entry, else the longest prefix)
 *    → "official": the number belongs to that company; scammers spoof it.
 *  - distinct reports submitted in the last 90 days naming any reading, when
 *    there are at least 2 → "reported" with the count, the first and last
 *    month it was seen (over all its reports) and the scam types (of the
 *    counted ones). One report is not shown: a single report may be a
 *    mistake or malice against a number.
 *  - otherwise "none" (the page says that does not mean it is safe).
 * Identifiers staff took out of matching are not counted: a suspected shared
 * number still held for review (SharedNumber status "held"; it may be a
 * courier's or a bank's), and anything under an active "do not link"
 * decision. A held number staff decide is the scammer's becomes "scammer" and
 * counts; one they decide is official gets a warning-list entry and answers
 * "official".
 */
export async function lookupIdentifier(primary: Db, input: string, now: Date = new Date()): Promise<LookupAnswer> {
  const readings = readingsOf(input);
  const readAs = readings[0]?.id.display ?? null;
  if (!readings.length) return { readAs, result: { kind: "none" } };
  // Anyone's lookup, never after their own write: on a replica when there is one (ADR 0014).
  const db = await readDb(primary, null);
  const listed = await warningList(db, now);
  for (const r of readings) {
    const entry = listed(r.id);
    if (entry) return { readAs, result: { kind: "official", company: entry.label || entry.value, match: entry.match } };
  }
  return { readAs, result: await reported(db, readings, now) };
}

const I = table("Identifier", "i");
const RI = table("ReportIdentifier", "ri");
const R = table("Report", "r");
const SN = table("SharedNumber", "sn");
const D = table("MatchDecision", "d");

interface Row {
  recent: number;
  firstMonth: string | null;
  lastMonth: string | null;
  scamTypes: ScamType[] | null;
}

/**
 * One statement: readings → Identifier (unique (kind, value)) → ReportIdentifier
 * (index on identifierId) → Report (primary key). Its cost grows with the
 * reports naming the identifier, not with the table.
 */
export function reportedSql(readings: readonly Reading[], now: Date): Prisma.Sql {
  const since = new Date(now.getTime() - LOOKUP_WINDOW_DAYS * 86_400_000);
  // submittedAt is stored as UTC without a zone; months are China time.
  const seen = Prisma.sql`COALESCE(${R.incidentDate}::timestamp, (${R.submittedAt} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')`;
  return Prisma.sql`
    WITH ids AS (
      SELECT ${I.id} AS id FROM ${I}
      JOIN unnest(${readings.map((r) => r.kind)}::text[], ${readings.map((r) => r.value)}::text[]) AS t(k, v)
        ON ${I.kind} = t.k::${pgEnum("IdentifierKind")} AND ${I.value} = t.v
      WHERE NOT EXISTS (SELECT 1 FROM ${SN} WHERE ${SN.identifierId} = ${I.id} AND ${SN.status} = 'held')
        AND NOT EXISTS (SELECT 1 FROM ${D} WHERE ${D.identifierId} = ${I.id}
                          AND ${D.type} = 'no_link_identifier' AND ${D.revokedAt} IS NULL)
    ), reps AS (
      SELECT DISTINCT ${R.id} AS id, ${R.submittedAt} AS "submittedAt", ${seen} AS seen, ${R.scamType}::text AS "scamType"
      FROM ${RI} JOIN ${R} ON ${R.id} = ${RI.reportId}
      WHERE ${RI.identifierId} IN (SELECT id FROM ids)
    )
    SELECT count(*) FILTER (WHERE "submittedAt" >= ${since})::int AS recent,
           to_char(min(seen), 'YYYY-MM') AS "firstMonth", to_char(max(seen), 'YYYY-MM') AS "lastMonth",
           array_agg(DISTINCT "scamType" ORDER BY "scamType") FILTER (WHERE "submittedAt" >= ${since}) AS "scamTypes"
    FROM reps`;
}

async function reported(db: Db, readings: readonly Reading[], now: Date): Promise<LookupResult> {
  const [row] = await db.$queryRaw<Row[]>(reportedSql(readings, now));
  if (!row || row.recent < MIN_REPORTS_SHOWN || !row.firstMonth || !row.lastMonth) return { kind: "none" };
  return {
    kind: "reported",
    reports: row.recent,
    firstMonth: row.firstMonth,
    lastMonth: row.lastMonth,
    scamTypes: row.scamTypes ?? [],
  };
}

// The warning list is small and read on every lookup; staff edits show within this long.
const WARNING_TTL_MS = 30_000;
let cached: { at: number; check: ReturnType<typeof compileWarningList> } | null = null;

async function warningList(db: Db, now: Date) {
  const t = now.getTime();
  if (cached && t - cached.at >= 0 && t - cached.at < WARNING_TTL_MS) return cached.check;
  const rows = await db.warningListEntry.findMany({ select: { kind: true, match: true, value: true, label: true } });
  const entries: WarningListEntry[] = rows.map((r) => ({
    kind: r.kind,
    match: r.match,
    value: r.value,
    label: r.label,
  }));
  const check = compileWarningList(entries);
  cached = { at: t, check };
  return check;
}

/** Tests that edit the warning list: forget the cached copy. */
export function forgetWarningListCache(): void {
  cached = null;
}
