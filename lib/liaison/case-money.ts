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
  if (!identifiers.length) return { byIdentifier: out, byReport: new Map() };
  const victims = new Map<number, Set<string>>();
  const reports = new Map<number, Set<number>>();
  for (const i of identifiers) {
    victims.set(i.id, new Set());
    reports.set(i.id, new Set());
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
  const { byIdentifier: paid, byReport } = await paidToIdentifiers(tx, caseId, identifiers, [
    ...new Set(named.map((n) => n.reportId)),
  ]);
  for (const i of identifiers) {
    out.set(i.id, {
      ...paid.get(i.id)!,
      victimCount: victims.get(i.id)!.size,
      reportIds: [...reports.get(i.id)!].sort((a, b) => a - b),
    });
  }
  for (const ids of reports.values())
    for (const r of ids) if (!byReport.has(r)) byReport.set(r, { paidMinor: 0n, firstPaidAt: null });
  return { byIdentifier: out, byReport };
}

/** The payment side of IdentifierFigures. */
export type PaidFigures = Pick<
  IdentifierFigures,
  "paidMinor" | "paymentCount" | "firstPaidAt" | "lastPaidAt" | "statedBanks"
>;

/**
 * What the case's victims paid to each identifier, without the victim and
 * report counts (the routing table has its own): the payments of `reportIds`,
 * or of every report of the case. A payment names only identifiers its own
 * report names, so the two agree; the list only saves reading payments that
 * cannot match.
 */
export async function paidToIdentifiers(
  tx: Tx,
  caseId: number,
  identifiers: readonly { id: number; kind: string; value: string }[],
  reportIds: readonly number[] | null = null,
): Promise<{ byIdentifier: Map<number, PaidFigures>; byReport: Map<number, ReportPaid> }> {
  const out = new Map<number, PaidFigures>();
  const byReport = new Map<number, ReportPaid>();
  if (!identifiers.length) return { byIdentifier: out, byReport };
  const byKey = new Map(identifiers.map((i) => [key(i.kind, i.value), i.id]));
  for (const i of identifiers)
    out.set(i.id, { paidMinor: 0n, paymentCount: 0, firstPaidAt: null, lastPaidAt: null, statedBanks: [] });
  // Payments probed per report (OFFSET 0 keeps the probe; joined plainly, the
  // planner may scan the whole Payment table for a large case).
  const payments = await tx.$queryRaw<
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
    SELECT ${R.id} AS "reportId", p."amountMinor", p.currency, p."paidAt", p."payeeKind", p."payeeValue", p."payeeName", p."payeeBank"
    FROM ${R}
    CROSS JOIN LATERAL (
      SELECT ${P.$.amountMinor} AS "amountMinor", ${P.$.currency} AS currency, ${P.$.paidAt} AS "paidAt",
             ${P.$.payeeKind}::text AS "payeeKind", ${P.$.payeeValue} AS "payeeValue", ${P.$.payeeName} AS "payeeName",
             ${P.$.payeeBank} AS "payeeBank", ${P.$.position} AS position
      FROM ${P.$table} WHERE ${P.$.reportId} = ${R.id} OFFSET 0
    ) p
    WHERE ${R.caseId} = ${caseId} ${reportIds ? Prisma.sql`AND ${R.id} = ANY(${[...reportIds]}::int[])` : Prisma.empty}
    ORDER BY ${R.id}, p.position`);
  // Victims of a case pay the same few accounts: each payee is normalised once
  // (8 distinct payees among the 775 payments of the largest synthetic case).
  const normalised = new Map<string, ReturnType<typeof normalisePayeeValues>>();
  for (const p of payments) {
    const seen = new Set<number>();
    const payee = { kind: p.payeeKind, value: p.payeeValue, name: p.payeeName, bank: p.payeeBank };
    const payeeKey = [payee.kind, payee.value, payee.name, payee.bank].join("\u0000");
    let names = normalised.get(payeeKey);
    if (!names) normalised.set(payeeKey, (names = normalisePayeeValues(payee)));
    for (const c of names) {
      const id = byKey.get(key(c.kind, c.value));
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      const r = byReport.get(p.reportId) ?? { paidMinor: 0n, firstPaidAt: null };
      if (seen.size === 1) {
        // One payment counts once for its report even when it names two of the identifiers.
        if (p.currency.trim() === "CNY") r.paidMinor += p.amountMinor;
        if (p.paidAt && (!r.firstPaidAt || p.paidAt < r.firstPaidAt)) r.firstPaidAt = p.paidAt;
      }
      byReport.set(p.reportId, r);
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
  return { byIdentifier: out, byReport };
}
