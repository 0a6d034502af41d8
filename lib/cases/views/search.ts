import "server-only";
import type { Db } from "@/lib/db/client";
import { readDb } from "@/lib/db/read-db";
import { pgEnum, Prisma, table } from "@/lib/db/sql";
import { assertCan, can, type ServiceContext } from "@/lib/auth/permissions";
import {
  bridgesOf,
  normaliseContact,
  normalisePayee,
  normaliseQq,
  sniff,
  type CanonicalIdentifier,
} from "@/lib/matching";
import { contactKinds, parseCaseNumber, parseReportReference, payeeKinds, toHalfWidth } from "@/lib/vocab";
import { platformKey } from "@/lib/reports/platforms";
import { victimKey, victimNameKey } from "@/lib/reports/victim-key";
import { resolveCaseNumber } from "../scope";

export interface SearchHit {
  /** What matched, for display: a case number, a report reference, an identifier or a platform name. */
  label: string;
  kind: string;
  caseNumbers: string[];
  /** A platform hit: the board can filter on it. */
  platformId?: number;
}

// Every kind with a normaliser of its own ("other" is sniffed; merchants are free text).
const CONTACT_KINDS = contactKinds.filter((k) => k !== "other");
const PAYEE_KINDS = payeeKinds.filter((k) => k !== "other" && k !== "merchant");
/** Case numbers listed per hit; the board's filter shows all of a platform's. */
const NUMBERS_PER_HIT = 20;

/**
 * Every reading of what an investigator typed: "171 2345 6789" is a phone (and
 * maybe a QQ), "尾号8988 Xiao Momin" a partial account with its holder, a URL
 * its domain. The same normalisers as matching, so a search finds exactly
 * what matching linked.
 */
export function readings(q: string): CanonicalIdentifier[] {
  const raw = toHalfWidth(q).trim();
  const out = new Map<string, CanonicalIdentifier>();
  const add = (id: CanonicalIdentifier | null) => {
    if (id && id.value) out.set(`${id.kind}\u0000${id.value}`, id);
  };
  add(sniff(raw));
  for (const k of CONTACT_KINDS) add(normaliseContact(k, raw));
  for (const k of PAYEE_KINDS) add(normalisePayee({ kind: k, value: raw }));
  // A mobile-shaped QQ number is read as a phone now (ADR 0006); older reports stored it as QQ.
  add(normaliseQq(raw));
  // "尾号8988 Xiao Momin", "****8988 XIAO MOMIN": an account with a holder name after it.
  const m = /^(.*\d{4})\s+([^\d].*)$/.exec(raw);
  if (m) add(normalisePayee({ kind: "bank_account", value: m[1]!, name: m[2]! }));
  return [...out.values()];
}

const C = table("Case", "c");
const P = table("Platform", "p");
const I = table("Identifier", "i");
const B = table("ReportBridge", "b");
const RI = table("ReportIdentifier", "ri");
const R = table("Report", "r");

/**
 * The board's search box: a case number (also an absorbed one), a report
 * reference, any identifier as typed, or a platform name (part of one is
 * enough) — also names too rare for the platform filter, which only offers
 * known platforms. Staff who may read victims' details also find a victim's
 * phone or name: exact match through the keyed hashes stored beside the
 * encrypted values (docs/decisions/0015-pii-encryption.md).
 */
export async function searchCases(primary: Db, ctx: ServiceContext, input: { q: string }): Promise<SearchHit[]> {
  assertCan(ctx.actor, "read:case:any");
  // On a replica unless this user just wrote (ADR 0014).
  const db = await readDb(primary, ctx.actor.id);
  const text = input.q.trim();
  if (!text) return [];
  const hits: SearchHit[] = [];
  const number = parseCaseNumber(text);
  if (number) {
    const c = await resolveCaseNumber(db, number);
    if (c) hits.push({ label: c.via ? `${c.via} → ${c.number}` : c.number, kind: "case", caseNumbers: [c.number] });
  }
  const reference = parseReportReference(text);
  if (reference) {
    const r = await db.report.findUnique({
      where: { reference },
      select: { reference: true, case: { select: { number: true } } },
    });
    if (r?.case) hits.push({ label: r.reference, kind: "report", caseNumbers: [r.case.number] });
  }
  hits.push(...(await identifierHits(db, readings(text))));
  hits.push(...(await platformHits(db, text)));
  if (can(ctx.actor, "read:victim-pii:any")) hits.push(...(await victimHits(db, text)));
  return hits;
}

/**
 * Each step a lookup by key, case by case: a number named in a thousand
 * reports has a thousand bridge rows, and with joins the planner read every
 * identifier, report and case instead (143 ms against 5 ms, docs/benchmarks.md).
 */
async function identifierHits(db: Db, ids: CanonicalIdentifier[]): Promise<SearchHit[]> {
  if (!ids.length) return [];
  const keys = ids.flatMap((i) => bridgesOf(i).map((b) => b.key));
  const rows = await db.$queryRaw<{ kind: string; display: string; numbers: string[] }[]>(Prisma.sql`
    WITH ids AS (
      SELECT ${I.id} AS id FROM ${I}
      JOIN unnest(${ids.map((i) => i.kind)}::text[], ${ids.map((i) => i.value)}::text[]) AS t(k, v)
        ON ${I.kind} = t.k::${pgEnum("IdentifierKind")} AND ${I.value} = t.v
      UNION
      SELECT ${B.identifierId} FROM ${B} WHERE ${B.key} = ANY(${keys}::text[])
    )
    SELECT w.kind::text AS kind, w.display, array_agg(DISTINCT cn.number) AS numbers
    FROM ids
    CROSS JOIN LATERAL (SELECT ${I.kind} AS kind, ${I.display} AS display FROM ${I} WHERE ${I.id} = ids.id OFFSET 0) w
    CROSS JOIN LATERAL (
      SELECT ${R.caseId} AS "caseId", count(*)::int AS n
      FROM ${RI} JOIN ${R} ON ${R.id} = ${RI.reportId}
      WHERE ${RI.identifierId} = ids.id
      GROUP BY ${R.caseId} OFFSET 0
    ) per
    CROSS JOIN LATERAL (SELECT ${C.number} AS number FROM ${C} WHERE ${C.id} = per."caseId" OFFSET 0) cn
    GROUP BY w.kind, w.display
    ORDER BY sum(per.n) DESC
    LIMIT 20`);
  return rows.map((r) => ({ label: r.display, kind: r.kind, caseNumbers: r.numbers.slice(0, NUMBERS_PER_HIT) }));
}

/** Platforms whose name contains what was typed (spelling-insensitive, as the form stores them), with their cases. */
async function platformHits(db: Db, text: string): Promise<SearchHit[]> {
  const key = platformKey(text);
  if ([...key].length < 2) return [];
  const rows = await db.$queryRaw<{ id: number; name: string; numbers: string[] }[]>(Prisma.sql`
    SELECT ${P.id} AS id, ${P.name} AS name,
           ARRAY(SELECT ${C.number} FROM ${C} WHERE ${C.platformIds} @> ARRAY[${P.id}]
                 ORDER BY ${C.lastIncident} DESC, ${C.id} DESC LIMIT ${NUMBERS_PER_HIT}::int) AS numbers
    FROM ${P}
    WHERE strpos(${P.key}, ${key}) > 0
    ORDER BY (${P.key} = ${key}) DESC, length(${P.key}), ${P.key}
    LIMIT 5`);
  return rows
    .filter((r) => r.numbers.length > 0)
    .map((r) => ({ label: r.name, kind: "platform", caseNumbers: r.numbers, platformId: r.id }));
}

/**
 * Cases of the victim whose phone (any spelling of the same digits: victimKey)
 * or name (case, width, spaces and punctuation ignored: victimNameKey) is
 * exactly what was typed. Nothing partial: only hashes are searchable.
 */
async function victimHits(db: Db, text: string): Promise<SearchHit[]> {
  const plain = toHalfWidth(text);
  const wanted: { kind: "victimPhone" | "victimName"; where: Prisma.ReportWhereInput }[] = [];
  if (/^[\d\s+()-]+$/.test(plain) && plain.replace(/\D/g, "").length >= 5) {
    wanted.push({ kind: "victimPhone", where: { victimKey: victimKey(plain, "") } });
  } else if (/\p{L}/u.test(plain)) {
    const key = victimNameKey(plain);
    if (key) wanted.push({ kind: "victimName", where: { victimNameKey: key } });
  }
  const hits: SearchHit[] = [];
  for (const w of wanted) {
    const rows = await db.report.findMany({
      where: { ...w.where, caseId: { not: null } },
      select: { case: { select: { number: true } } },
      distinct: ["caseId"],
      orderBy: { caseId: "desc" },
      take: NUMBERS_PER_HIT,
    });
    const numbers = rows.flatMap((r) => (r.case ? [r.case.number] : []));
    if (numbers.length) hits.push({ label: text, kind: w.kind, caseNumbers: numbers });
  }
  return hits;
}
