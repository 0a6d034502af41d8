import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { reclusterRegion } from "../store/region";
import { lockAllMatching } from "../store/locks";
import type { MatchSummary, Tx } from "../store/types";
import {
  assertDecisionOfCase,
  assertIdentifierInCase,
  assertReportsInCase,
  caseByNumber,
  resolveCaseNumber,
  type CaseRef,
} from "../scope";
import { CaseError } from "./errors";
import { heldAgainAfterRevoke } from "./shared-numbers";

/**
 * Investigators' matching decisions, taken on a case's page and only about
 * that case: its reports, its identifiers, or (merge) it and another case
 * named by number. Each is recorded with its reason, applied by re-clustering
 * only the region it touches (a full re-cluster replays all active decisions,
 * so they survive it), and audited — all in one transaction under the global
 * matching lock. Revoking re-clusters the region without it; merges undo to
 * the old numbers.
 */
export type CaseDecision =
  /** Join another case (by its number, absorbed numbers resolve) with this one. */
  | { type: "merge_cases"; other: string }
  /** Move these reports (some, not all, of this case's) into a case of their own. */
  | { type: "split_case"; reportIds: number[] }
  /** Take one report of this case out of every automatic link. */
  | { type: "detach_report"; reportId: number }
  /** Two reports of this case must never be in one case. */
  | { type: "no_link_reports"; a: number; b: number }
  /** An identifier this case's reports name never links anything. */
  | { type: "no_link_identifier"; identifierId: number };

export interface DecideInput {
  /** The case the decision is taken on, by the number its page shows. */
  number: string;
  decision: CaseDecision;
  reason: string;
}

async function firstReportOf(tx: Tx, caseId: number): Promise<number> {
  const r = await tx.report.findFirst({ where: { caseId }, orderBy: { id: "asc" }, select: { id: true } });
  if (!r) throw new NotFoundError("case");
  return r.id;
}

interface Recorded {
  data: Prisma.InputJsonObject;
  reportIds: number[];
  identifierId: number | null;
  /** Reports the re-cluster starts from. */
  seed: number[];
}

/** Checks the decision against the case (every record through the case) and says what to store. */
async function record(tx: Tx, here: CaseRef, d: CaseDecision): Promise<Recorded> {
  switch (d.type) {
    case "merge_cases": {
      const other = await resolveCaseNumber(tx, d.other);
      if (!other) throw new CaseError("caseNotFound");
      if (other.caseId === here.caseId) throw new CaseError("sameCase");
      const a = await firstReportOf(tx, here.caseId);
      const b = await firstReportOf(tx, other.caseId);
      return {
        data: { a, b, cases: [here.caseId, other.caseId] },
        reportIds: [a, b],
        seed: [a, b],
        identifierId: null,
      };
    }
    case "split_case": {
      const moved = [...new Set(d.reportIds)];
      if (!moved.length) throw new CaseError("invalidSplit");
      await assertReportsInCase(tx, here.caseId, moved);
      const members = (
        await tx.report.findMany({ where: { caseId: here.caseId }, select: { id: true }, orderBy: { id: "asc" } })
      ).map((r) => r.id);
      const out = new Set(moved);
      const stay = members.filter((id) => !out.has(id));
      if (!stay.length) throw new CaseError("invalidSplit");
      const groups = [stay, members.filter((id) => out.has(id))];
      return { data: { caseId: here.caseId, groups }, reportIds: members, seed: members, identifierId: null };
    }
    case "detach_report": {
      await assertReportsInCase(tx, here.caseId, [d.reportId]);
      return { data: { reportId: d.reportId }, reportIds: [d.reportId], seed: [d.reportId], identifierId: null };
    }
    case "no_link_reports": {
      if (d.a === d.b) throw new CaseError("sameReport");
      await assertReportsInCase(tx, here.caseId, [d.a, d.b]);
      return { data: { a: d.a, b: d.b }, reportIds: [d.a, d.b], seed: [d.a, d.b], identifierId: null };
    }
    case "no_link_identifier": {
      await assertIdentifierInCase(tx, here.caseId, d.identifierId);
      const holders = await tx.reportIdentifier.findMany({
        where: { identifierId: d.identifierId },
        select: { reportId: true },
      });
      return {
        data: { identifierId: d.identifierId },
        reportIds: [],
        seed: holders.map((h) => h.reportId),
        identifierId: d.identifierId,
      };
    }
  }
}

/**
 * After a decision is recorded or revoked: re-cluster its region, put an event
 * on every case its reports are in now, and audit it.
 */
async function applyChange(
  tx: Tx,
  ctx: ServiceContext,
  here: CaseRef,
  seed: number[],
  change: {
    cause: string;
    event: "decision" | "decision-revoked";
    eventData: Prisma.InputJsonObject;
    action: string;
    decisionId: number;
    detail: Record<string, unknown>;
  },
): Promise<MatchSummary> {
  const { touched: _, ...summary } = await reclusterRegion(tx, seed, { cause: change.cause, actorId: ctx.actor.id });
  const cases = await tx.report.findMany({
    where: { id: { in: seed } },
    select: { caseId: true },
    distinct: ["caseId"],
  });
  await tx.caseEvent.createMany({
    data: cases.flatMap((c) =>
      c.caseId === null
        ? []
        : [{ caseId: c.caseId, type: change.event, actorId: ctx.actor.id, data: change.eventData }],
    ),
  });
  await recordAudit(tx, {
    actorId: ctx.actor.id,
    action: change.action,
    resourceType: "decision",
    resourceId: String(change.decisionId),
    ip: ctx.ip,
    detail: { case: here.number, ...change.detail },
  });
  return summary;
}

/** Records and applies a decision about the case; needs decide:matching:any. */
export async function decide(
  db: Db,
  ctx: ServiceContext,
  input: DecideInput,
): Promise<{ decisionId: number } & MatchSummary> {
  const { actor } = ctx;
  assertCan(actor, "decide:matching:any");
  const reason = input.reason.trim();
  if (!reason) throw new CaseError("reasonRequired");
  return db.$transaction(
    async (tx) => {
      await lockAllMatching(tx);
      const here = await caseByNumber(tx, input.number);
      const r = await record(tx, here, input.decision);
      const created = await tx.matchDecision.create({
        data: {
          type: input.decision.type,
          data: r.data,
          reportIds: r.reportIds,
          identifierId: r.identifierId,
          reason,
          actorId: actor.id,
        },
        select: { id: true },
      });
      const summary = await applyChange(tx, ctx, here, r.seed, {
        cause: `decision:${created.id}`,
        event: "decision",
        eventData: { decisionId: created.id, decision: input.decision.type, reason },
        action: `case.${input.decision.type}`,
        decisionId: created.id,
        detail: { ...input.decision, reason },
      });
      return { decisionId: created.id, ...summary };
    },
    { timeout: 120_000 },
  );
}

/** Undoes a decision listed on the case's page; needs decide:matching:any. */
export async function revokeDecision(
  db: Db,
  ctx: ServiceContext,
  input: { number: string; decisionId: number; reason: string },
): Promise<MatchSummary> {
  const { actor } = ctx;
  assertCan(actor, "decide:matching:any");
  const reason = input.reason.trim();
  if (!reason) throw new CaseError("reasonRequired");
  return db.$transaction(
    async (tx) => {
      await lockAllMatching(tx);
      const here = await caseByNumber(tx, input.number);
      await assertDecisionOfCase(tx, here.caseId, input.decisionId);
      const d = await tx.matchDecision.findUniqueOrThrow({
        where: { id: input.decisionId },
        select: { revokedAt: true, reportIds: true, identifierId: true, type: true },
      });
      if (d.revokedAt) throw new CaseError("alreadyRevoked");
      await tx.matchDecision.update({
        where: { id: input.decisionId },
        data: { revokedAt: new Date(), revokedById: actor.id },
      });
      if (d.type === "link_identifier") await heldAgainAfterRevoke(tx, input.decisionId);
      const seed =
        d.identifierId !== null
          ? (
              await tx.reportIdentifier.findMany({
                where: { identifierId: d.identifierId },
                select: { reportId: true },
              })
            ).map((h) => h.reportId)
          : d.reportIds;
      const summary = await applyChange(tx, ctx, here, seed, {
        cause: `revoke:${input.decisionId}`,
        event: "decision-revoked",
        eventData: { decisionId: input.decisionId, decision: d.type, reason },
        action: "case.decision.revoke",
        decisionId: input.decisionId,
        detail: { reason },
      });
      return summary;
    },
    { timeout: 120_000 },
  );
}
