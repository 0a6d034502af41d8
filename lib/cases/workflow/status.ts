import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { caseStatuses, type CaseStatus } from "@/lib/vocab";
import { caseByNumber } from "../scope";
import { CaseError } from "./errors";
import { transitions } from "./transitions";

/**
 * Status, assignee (assignment.ts) and notes (notes.ts) of a case. Each
 * service takes the case by the number the page shows (absorbed numbers
 * resolve), checks write:case:any itself, and writes the change, its case
 * event and its audit row in one transaction.
 */

/** Moves the case to `status` if the workflow allows it from where it is now. */
export async function setStatus(db: Db, ctx: ServiceContext, input: { number: string; status: CaseStatus }) {
  const { actor, ip } = ctx;
  assertCan(actor, "write:case:any");
  if (!caseStatuses.includes(input.status)) throw new CaseError("invalidChoice");
  await db.$transaction(async (tx) => {
    const ref = await caseByNumber(tx, input.number);
    const c = await tx.case.findUniqueOrThrow({ where: { id: ref.caseId }, select: { status: true } });
    if (!transitions[c.status].includes(input.status)) throw new CaseError("invalidTransition");
    // Only from the status just read: a concurrent change makes this one fail rather than skip a step.
    const changed = await tx.case.updateMany({
      where: { id: ref.caseId, status: c.status },
      data: { status: input.status },
    });
    if (changed.count !== 1) throw new CaseError("invalidTransition");
    await tx.caseEvent.create({
      data: { caseId: ref.caseId, type: "status", actorId: actor.id, data: { from: c.status, to: input.status } },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "case.status",
      resourceType: "case",
      resourceId: ref.number,
      ip,
      detail: { from: c.status, to: input.status },
    });
  });
}
