import "server-only";
import { normalisePayeeValues } from "@/lib/matching";
import type { Tx } from "@/lib/cases";
import { Prisma, table } from "@/lib/db/sql";

const R = table("Report", "r");
const RI = table("ReportIdentifier", "ri");
const P = table("Payment", "p");

/**
 * What a case's victims paid to, and how many of them named, each identifier:
 * the figures a request carries ("the amounts and times paid to each, the
 * number of victims"). Payments are matched to identifiers through the same
 * normaliser as matching, so any spelling of an account counts. CNY only in
 * the sums (fen, BigInt); other currencies are counted as payments.
 */
export interface IdentifierFigures {
  paidMinor: bigint;
  paymentCount: number;
  victimCount: number;
  firstPaidAt: Date | null;
  lastPaidAt: Date | null;
  /** Reports of the case that paid to or named it. */
  reportIds: number[];
  /** Banks the victims typed with their payments to it (routing reads them). */
  statedBanks: string[];
}

const key = (kind: string, value: string) => `${kind}\u0000${value}`;

/** What one report paid to any of the identifiers asked about (a victim's line in a request). */
export interface ReportPaid {
  paidMinor: bigint;
  firstPaidAt: Date | null;
}

export interface CaseFigures {
  byIdentifier: Map<number, IdentifierFigures>;
  byReport: Map<number, ReportPaid>;
}

export async function identifierFigures(
  tx: Tx,
  caseId: number,
  identifiers: readonly { id: number; kind: string; value: string }[],
): Promise<CaseFigures> {
  const out = new Map<number, IdentifierFigures>();
  const byReport = new Map<number, ReportPaid>();
  if (!identifiers.length) return { byIdentifier: out, byReport };
  const byKey = new Map(identifiers.map((i) => [key(i.kind, i.value), i.id]));
  const ids = identifiers.map((i) => i.id);
  const victims = new Map<number, Set<string>>();
  const reports = new Map<number, Set<number>>();
  for (const id of ids) {
    out.set(id, {
      paidMinor: 0n,
      paymentCount: 0,
      victimCount: 0,
      firstPaidAt: null,
      lastPaidAt: null,
      reportIds: [],
      statedBanks: [],
    });
    victims.set(id, new Set());
    reports.set(id, new Set());
  }
  // Every identifier the case's reports name, read from the reports (an index
  // probe each) and filtered here: an identifier that may not link (a bank's
  // hotline) is named by thousands of reports of other cases, and a list of a
  // thousand ids tested in SQL row by row costs more than the rows.
  const named = (
    await tx.$queryRaw<{ identifierId: number; reportId: number; victimKey: string }[]>(Prisma.sql`
      SELECT ${RI.identifierId} AS "identifierId", ${R.id} AS "reportId", ${R.victimKey} AS "victimKey"
      FROM ${R} JOIN ${RI} ON ${RI.reportId} = ${R.id}
      WHERE ${R.caseId} = ${caseId}`)
  ).filter((n) => victims.has(n.identifierId));
  for (const n of named) {
    victims.get(n.identifierId)!.add(n.victimKey);
    reports.get(n.identifierId)!.add(n.reportId);
  }
  const payments = (
    await tx.$queryRaw<
      {
        reportId: number;
        amountMinor: bigint;
        currency: string;
        paidAt: Date | null;
        payeeKind: string;
        payeeValue: string;
        payeeName: string;
        payeeBank: string;
      }[]
    >(Prisma.sql`
      SELECT ${P.reportId} AS "reportId", ${P.amountMinor} AS "amountMinor", ${P.currency} AS currency, ${P.paidAt} AS "paidAt",
             ${P.payeeKind}::text AS "payeeKind", ${P.payeeValue} AS "payeeValue", ${P.payeeName} AS "payeeName", ${P.payeeBank} AS "payeeBank"
      FROM ${R} JOIN ${P} ON ${P.reportId} = ${R.id}
      WHERE ${R.caseId} = ${caseId} AND ${R.id} = ANY(${[...new Set(named.map((n) => n.reportId))]}::int[])
      ORDER BY ${P.reportId}, ${P.position}`)
  ).map((p) => ({ ...p, report: { id: p.reportId } }));
  for (const p of payments) {
    const seen = new Set<number>();
    for (const c of normalisePayeeValues({
      kind: p.payeeKind,
      value: p.payeeValue,
      name: p.payeeName,
      bank: p.payeeBank,
    })) {
      const id = byKey.get(key(c.kind, c.value));
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      const r = byReport.get(p.report.id) ?? { paidMinor: 0n, firstPaidAt: null };
      if (seen.size === 1) {
        // One payment counts once for its report even when it names two of the identifiers.
        if (p.currency.trim() === "CNY") r.paidMinor += p.amountMinor;
        if (p.paidAt && (!r.firstPaidAt || p.paidAt < r.firstPaidAt)) r.firstPaidAt = p.paidAt;
      }
      byReport.set(p.report.id, r);
      const f = out.get(id)!;
      f.paymentCount += 1;
      if (p.currency.trim() === "CNY") f.paidMinor += p.amountMinor;
      if (p.payeeBank.trim()) f.statedBanks.push(p.payeeBank);
      if (p.paidAt) {
        if (!f.firstPaidAt || p.paidAt < f.firstPaidAt) f.firstPaidAt = p.paidAt;
        if (!f.lastPaidAt || p.paidAt > f.lastPaidAt) f.lastPaidAt = p.paidAt;
      }
    }
  }
  for (const id of ids) {
    const f = out.get(id)!;
    f.victimCount = victims.get(id)!.size;
    f.reportIds = [...reports.get(id)!].sort((a, b) => a - b);
  }
  for (const ids of reports.values())
    for (const r of ids) if (!byReport.has(r)) byReport.set(r, { paidMinor: 0n, firstPaidAt: null });
  return { byIdentifier: out, byReport };
}
