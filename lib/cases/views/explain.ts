import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { explainCluster, explainReport } from "@/lib/matching";
import { clusterRegion } from "../store/region";
import { blockChecker } from "../store/warning-list";
import { caseByNumber, reportInCase } from "../scope";
import type { CaseIdentifier } from "./detail";

export interface CaseExplanation {
  caseId: number;
  reports: number;
  identifiers: CaseIdentifier[];
  bridges: { a: number; b: number }[];
  mustLinks: { a: number; b: number }[];
}

export type ChainStep =
  { type: "report"; id: number; reference: string } | { type: "identifier"; id: number; kind: string; display: string };

/** Which identifiers hold a case together and how many reports name each. */
export async function explainCase(
  db: Db,
  ctx: ServiceContext,
  input: { number: string },
): Promise<CaseExplanation | null> {
  assertCan(ctx.actor, "read:case:any");
  const tx = db;
  const { caseId } = await caseByNumber(db, input.number);
  const members = (await tx.report.findMany({ where: { caseId }, select: { id: true } })).map((r) => r.id);
  if (!members.length) return null;
  const check = await blockChecker(tx);
  const region = await clusterRegion(tx, members, check);
  const rootRank = region.result.clusterIds[0]!;
  const ex = explainCluster(region.result, rootRank);
  if (!ex) return null;
  const idOf = (rank: number) => region.identifierOfRank[rank]!;
  const info = await tx.identifier.findMany({
    where: { id: { in: ex.identifiers.map((i) => idOf(i.identifier)) } },
    select: { id: true, kind: true, value: true, display: true, meta: true, linkable: true },
  });
  const byId = new Map(info.map((i) => [i.id, i]));
  return {
    caseId,
    reports: members.length,
    identifiers: ex.identifiers.map((s) => {
      const i = byId.get(idOf(s.identifier))!;
      return {
        id: i.id,
        kind: i.kind,
        display: i.display,
        reports: s.reports,
        linking: s.linking,
        blockedReason: check(
          i.id,
          { kind: i.kind, value: i.value, display: i.display, meta: i.meta as never },
          i.linkable,
        ),
      };
    }),
    bridges: ex.bridges.map(([a, b]) => ({ a: idOf(a), b: idOf(b) })),
    mustLinks: ex.mustLinks.map(([a, b]) => ({ a: region.reportOfRank[a]!, b: region.reportOfRank[b]! })),
  };
}

/**
 * The chain of shared identifiers from the case's first report to one of its
 * reports (by reference); a report of another case is NotFoundError.
 */
export async function explainReportChain(
  db: Db,
  ctx: ServiceContext,
  input: { number: string; reference: string },
): Promise<ChainStep[] | null> {
  assertCan(ctx.actor, "read:case:any");
  const tx = db;
  const { caseId } = await caseByNumber(db, input.number);
  const reportId = await reportInCase(db, caseId, input.reference);
  const members = (await tx.report.findMany({ where: { caseId }, select: { id: true } })).map((r) => r.id);
  const region = await clusterRegion(tx, members);
  const rank = region.reportOfRank.indexOf(reportId);
  const ex = explainReport(region.result, rank);
  if (!ex) return null;
  const reportIds = ex.path.flatMap((p) => (p.type === "report" ? [region.reportOfRank[p.id]!] : []));
  const identIds = ex.path.flatMap((p) => (p.type === "identifier" ? [region.identifierOfRank[p.id]!] : []));
  const refs = new Map(
    (await tx.report.findMany({ where: { id: { in: reportIds } }, select: { id: true, reference: true } })).map((r) => [
      r.id,
      r.reference,
    ]),
  );
  const idents = new Map(
    (
      await tx.identifier.findMany({ where: { id: { in: identIds } }, select: { id: true, kind: true, display: true } })
    ).map((i) => [i.id, i]),
  );
  return ex.path.map((p): ChainStep => {
    if (p.type === "report") {
      const id = region.reportOfRank[p.id]!;
      return { type: "report", id, reference: refs.get(id) ?? "" };
    }
    const i = idents.get(region.identifierOfRank[p.id]!)!;
    return { type: "identifier", id: i.id, kind: i.kind, display: i.display };
  });
}
