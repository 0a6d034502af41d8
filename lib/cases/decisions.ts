import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { AppError, NotFoundError } from "@/lib/errors";
import { applyClusters } from "./apply";
import { clusterRegion, expandRegion } from "./region";
import { MATCH_LOCK, type MatchSummary, type Tx } from "./types";

/**
 * Investigators' matching decisions. Each is recorded (with its reason) and
 * then applied by re-clustering only the region it touches; a full re-cluster
 * replays all active decisions, so they survive it. Revoking a decision
 * re-clusters the region again without it — merges undo to the old numbers.
 */
export type DecisionInput =
  | { type: "merge_cases"; caseA: number; caseB: number }
  | { type: "split_case"; caseId: number; reportIds: number[] }
  | { type: "detach_report"; reportId: number }
  | { type: "no_link_reports"; a: number; b: number }
  | { type: "no_link_identifier"; identifierId: number };

export interface Actor {
  id: string | null;
}

export class DecisionError extends AppError {
  constructor(code: string) {
    super(code, 400);
  }
}

async function firstReportOf(tx: Tx, caseId: number): Promise<number> {
  const r = await tx.report.findFirst({ where: { caseId }, orderBy: { id: "asc" }, select: { id: true } });
  if (!r) throw new NotFoundError("case");
  return r.id;
}

async function caseOfReport(tx: Tx, reportId: number): Promise<number | null> {
  const r = await tx.report.findUnique({ where: { id: reportId }, select: { caseId: true } });
  if (!r) throw new NotFoundError("report");
  return r.caseId;
}

async function record(tx: Tx, input: DecisionInput) {
  switch (input.type) {
    case "merge_cases": {
      if (input.caseA === input.caseB) throw new DecisionError("sameCase");
      const a = await firstReportOf(tx, input.caseA);
      const b = await firstReportOf(tx, input.caseB);
      return { data: { a, b, cases: [input.caseA, input.caseB] }, reportIds: [a, b], seed: [a, b], identifierId: null };
    }
    case "split_case": {
      const members = (
        await tx.report.findMany({ where: { caseId: input.caseId }, select: { id: true }, orderBy: { id: "asc" } })
      ).map((r) => r.id);
      if (!members.length) throw new NotFoundError("case");
      const out = new Set(input.reportIds);
      const moved = members.filter((id) => out.has(id));
      const stay = members.filter((id) => !out.has(id));
      if (!moved.length || !stay.length || moved.length !== out.size) throw new DecisionError("invalidSplit");
      return {
        data: { caseId: input.caseId, groups: [stay, moved] },
        reportIds: members,
        seed: members,
        identifierId: null,
      };
    }
    case "detach_report": {
      await caseOfReport(tx, input.reportId);
      return {
        data: { reportId: input.reportId },
        reportIds: [input.reportId],
        seed: [input.reportId],
        identifierId: null,
      };
    }
    case "no_link_reports": {
      if (input.a === input.b) throw new DecisionError("sameReport");
      await caseOfReport(tx, input.a);
      await caseOfReport(tx, input.b);
      return {
        data: { a: input.a, b: input.b },
        reportIds: [input.a, input.b],
        seed: [input.a, input.b],
        identifierId: null,
      };
    }
    case "no_link_identifier": {
      const holders = await tx.reportIdentifier.findMany({
        where: { identifierId: input.identifierId },
        select: { reportId: true },
      });
      if (!holders.length) throw new NotFoundError("identifier");
      const seed = holders.map((h) => h.reportId);
      return { data: { identifierId: input.identifierId }, reportIds: [], seed, identifierId: input.identifierId };
    }
  }
}

async function reclusterAround(tx: Tx, seed: number[], cause: string, actorId: string | null): Promise<MatchSummary> {
  const region = await expandRegion(tx, seed);
  const { clusters, current } = await clusterRegion(tx, region);
  return applyClusters(tx, clusters, current, { cause, actorId });
}

export async function decide(
  db: PrismaClient,
  input: DecisionInput,
  reason: string,
  actor: Actor,
): Promise<{ decisionId: number } & MatchSummary> {
  if (!reason.trim()) throw new DecisionError("reasonRequired");
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)`, MATCH_LOCK);
      const r = await record(tx, input);
      const created = await tx.matchDecision.create({
        data: {
          type: input.type,
          data: r.data,
          reportIds: r.reportIds,
          identifierId: r.identifierId,
          reason: reason.trim(),
          actorId: actor.id,
        },
        select: { id: true },
      });
      const summary = await reclusterAround(tx, r.seed, `decision:${created.id}`, actor.id);
      const cases = await tx.report.findMany({
        where: { id: { in: r.seed } },
        select: { caseId: true },
        distinct: ["caseId"],
      });
      await tx.caseEvent.createMany({
        data: cases.flatMap((c) =>
          c.caseId === null
            ? []
            : [
                {
                  caseId: c.caseId,
                  type: "decision",
                  actorId: actor.id,
                  data: { decisionId: created.id, decision: input.type, reason: reason.trim() },
                },
              ],
        ),
      });
      return { decisionId: created.id, ...summary };
    },
    { timeout: 120_000 },
  );
}

export async function revokeDecision(
  db: PrismaClient,
  decisionId: number,
  reason: string,
  actor: Actor,
): Promise<MatchSummary> {
  if (!reason.trim()) throw new DecisionError("reasonRequired");
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)`, MATCH_LOCK);
      const d = await tx.matchDecision.findUnique({
        where: { id: decisionId },
        select: { revokedAt: true, reportIds: true, identifierId: true, type: true },
      });
      if (!d) throw new NotFoundError("decision");
      if (d.revokedAt) throw new DecisionError("alreadyRevoked");
      await tx.matchDecision.update({
        where: { id: decisionId },
        data: { revokedAt: new Date(), revokedById: actor.id },
      });
      const seed =
        d.identifierId !== null
          ? (
              await tx.reportIdentifier.findMany({
                where: { identifierId: d.identifierId },
                select: { reportId: true },
              })
            ).map((h) => h.reportId)
          : d.reportIds;
      const summary = await reclusterAround(tx, seed, `revoke:${decisionId}`, actor.id);
      const cases = await tx.report.findMany({
        where: { id: { in: seed } },
        select: { caseId: true },
        distinct: ["caseId"],
      });
      await tx.caseEvent.createMany({
        data: cases.flatMap((c) =>
          c.caseId === null
            ? []
            : [
                {
                  caseId: c.caseId,
                  type: "decision-revoked",
                  actorId: actor.id,
                  data: { decisionId, decision: d.type, reason: reason.trim() },
                },
              ],
        ),
      });
      return summary;
    },
    { timeout: 120_000 },
  );
}
