import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { reclusterRegion } from "../store/region";
import { lockAllMatching } from "../store/locks";
import type { MatchSummary, Tx } from "../store/types";
import { CaseError } from "./errors";

/**
 * Staff decisions on suspected shared numbers (ADR 0011), from the review
 * queue: "official" (not the scammer's: a warning-list entry keeps it from
 * linking), "scammer" (the scammer's: a link_identifier decision lets it link
 * again, with a reason) and "reopen" (undo either: held again). Each runs under
 * the global matching lock, re-clusters the reports naming the number, and is
 * audited. Needs decide:matching:any.
 */
export type SharedNumberDecision = "official" | "scammer" | "reopen";

export interface SharedNumberDecisionInput {
  id: number;
  decision: SharedNumberDecision;
  reason: string;
  /** For "official": whose number it is ("JD customer service"); shown on the warning list. */
  label?: string;
}

export async function decideSharedNumber(
  db: Db,
  ctx: ServiceContext,
  input: SharedNumberDecisionInput,
): Promise<MatchSummary & { status: string }> {
  assertCan(ctx.actor, "decide:matching:any");
  const reason = input.reason.trim();
  if (!reason) throw new CaseError("reasonRequired");
  return db.$transaction(
    async (tx) => {
      await lockAllMatching(tx);
      const sn = await tx.sharedNumber.findUnique({
        where: { id: input.id },
        select: {
          id: true,
          status: true,
          identifierId: true,
          decisionId: true,
          warningEntryId: true,
          identifier: { select: { kind: true, value: true, display: true } },
        },
      });
      if (!sn) throw new NotFoundError("shared number");
      const decided = { decidedById: ctx.actor.id, decidedAt: new Date() };
      let status: "held" | "official" | "scammer";
      if (input.decision === "official") {
        if (sn.status === "official" || sn.status === "scammer") throw new CaseError("alreadyDecided");
        const label = (input.label ?? "").trim() || reason;
        const key = { kind: sn.identifier.kind, match: "exact" as const, value: sn.identifier.value };
        const listed = await tx.warningListEntry.findUnique({ where: { kind_match_value: key }, select: { id: true } });
        // Only an entry this decision made is removed again by "reopen".
        const made = listed
          ? null
          : await tx.warningListEntry.create({
              data: { ...key, label, createdById: ctx.actor.id },
              select: { id: true },
            });
        await tx.sharedNumber.update({
          where: { id: sn.id },
          data: { status: "official", warningEntryId: made?.id ?? null, decisionId: null, ...decided },
        });
        status = "official";
      } else if (input.decision === "scammer") {
        if (sn.status === "official" || sn.status === "scammer") throw new CaseError("alreadyDecided");
        const d = await tx.matchDecision.create({
          data: {
            type: "link_identifier",
            data: { identifierId: sn.identifierId, sharedNumberId: sn.id },
            reportIds: [],
            identifierId: sn.identifierId,
            reason,
            actorId: ctx.actor.id,
          },
          select: { id: true },
        });
        await tx.sharedNumber.update({
          where: { id: sn.id },
          data: { status: "scammer", decisionId: d.id, warningEntryId: null, ...decided },
        });
        status = "scammer";
      } else {
        if (sn.status !== "official" && sn.status !== "scammer") throw new CaseError("notDecided");
        await undo(tx, ctx, sn);
        await tx.sharedNumber.update({
          where: { id: sn.id },
          data: { status: "held", decisionId: null, warningEntryId: null, ...decided },
        });
        status = "held";
      }
      const seed = (
        await tx.reportIdentifier.findMany({ where: { identifierId: sn.identifierId }, select: { reportId: true } })
      ).map((r) => r.reportId);
      const { touched: _, ...summary } = await reclusterRegion(tx, seed, {
        cause: `shared-number:${input.decision}:${sn.id}`,
        actorId: ctx.actor.id,
      });
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        action: `shared-number.${input.decision}`,
        resourceType: "identifier",
        resourceId: String(sn.identifierId),
        ip: ctx.ip,
        detail: { sharedNumberId: sn.id, number: sn.identifier.display, reason, reports: seed.length, ...summary },
      });
      return { ...summary, status };
    },
    { timeout: 120_000 },
  );
}

/** Takes back what "official" or "scammer" did: the warning-list entry it added, or the decision. */
async function undo(
  tx: Tx,
  ctx: ServiceContext,
  sn: { status: string; decisionId: number | null; warningEntryId: number | null },
) {
  if (sn.status === "scammer" && sn.decisionId !== null) {
    await tx.matchDecision.updateMany({
      where: { id: sn.decisionId, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: ctx.actor.id },
    });
  }
  if (sn.status === "official" && sn.warningEntryId !== null) {
    await tx.warningListEntry.deleteMany({ where: { id: sn.warningEntryId } });
  }
}

/** When a link_identifier decision is revoked elsewhere (a case page), its number is held again. */
export async function heldAgainAfterRevoke(tx: Tx, decisionId: number) {
  await tx.sharedNumber.updateMany({
    where: { decisionId, status: "scammer" },
    data: { status: "held", decisionId: null },
  });
}
