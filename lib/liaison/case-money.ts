import "server-only";
import { normalisePayeeValues } from "@/lib/matching";
import type { Tx } from "@/lib/cases";

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
}

const key = (kind: string, value: string) => `${kind}\u0000${value}`;

export async function identifierFigures(
  tx: Tx,
  caseId: number,
  identifiers: readonly { id: number; kind: string; value: string }[],
): Promise<Map<number, IdentifierFigures>> {
  const out = new Map<number, IdentifierFigures>();
  if (!identifiers.length) return out;
  const byKey = new Map(identifiers.map((i) => [key(i.kind, i.value), i.id]));
  const ids = identifiers.map((i) => i.id);
  const victims = new Map<number, Set<string>>();
  const reports = new Map<number, Set<number>>();
  for (const id of ids) {
    out.set(id, { paidMinor: 0n, paymentCount: 0, victimCount: 0, firstPaidAt: null, lastPaidAt: null, reportIds: [] });
    victims.set(id, new Set());
    reports.set(id, new Set());
  }
  const named = await tx.reportIdentifier.findMany({
    where: { identifierId: { in: ids }, report: { caseId } },
    select: { identifierId: true, report: { select: { id: true, victimKey: true } } },
  });
  for (const n of named) {
    victims.get(n.identifierId)!.add(n.report.victimKey);
    reports.get(n.identifierId)!.add(n.report.id);
  }
  const payments = await tx.payment.findMany({
    where: { report: { caseId, id: { in: named.map((n) => n.report.id) } } },
    select: {
      amountMinor: true,
      currency: true,
      paidAt: true,
      payeeKind: true,
      payeeValue: true,
      payeeName: true,
      payeeBank: true,
      report: { select: { id: true, victimKey: true } },
    },
  });
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
      const f = out.get(id)!;
      f.paymentCount += 1;
      if (p.currency === "CNY") f.paidMinor += p.amountMinor;
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
  return out;
}
