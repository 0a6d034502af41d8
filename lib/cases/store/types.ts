import type { Prisma, PrismaClient } from "@/lib/db/generated/client";

/** A transaction (or the client itself, for reads). Case functions never open their own. */
export type Tx = Prisma.TransactionClient | PrismaClient;

/** Serialises matching against a full re-cluster: matching takes it shared, re-cluster exclusive. */
export const MATCH_LOCK = 7_310_001;

export interface MatchSummary {
  casesCreated: number;
  casesMerged: number;
  casesSplit: number;
  reportsMoved: number;
}

export const emptySummary = (): MatchSummary => ({ casesCreated: 0, casesMerged: 0, casesSplit: 0, reportsMoved: 0 });

export function addSummary(a: MatchSummary, b: MatchSummary): MatchSummary {
  return {
    casesCreated: a.casesCreated + b.casesCreated,
    casesMerged: a.casesMerged + b.casesMerged,
    casesSplit: a.casesSplit + b.casesSplit,
    reportsMoved: a.reportsMoved + b.reportsMoved,
  };
}
