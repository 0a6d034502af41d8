import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { AppError, NotFoundError } from "@/lib/errors";
import { caseStatuses, type CaseStatus } from "./board-filters";
import { decide, revokeDecision, type DecisionInput } from "./decisions";
import { resolveCaseNumber } from "./lookup";

/**
 * Where a case may go from each status. Forward one step at a time; back one
 * step to correct a mistake; closing is possible from anywhere (no further
 * action possible) and a closed case can be reopened for investigation.
 */
export const transitions: Record<CaseStatus, CaseStatus[]> = {
  new: ["triage", "closed"],
  triage: ["investigating", "new", "closed"],
  investigating: ["referred", "triage", "closed"],
  referred: ["closed", "investigating"],
  closed: ["investigating"],
};

export class WorkflowError extends AppError {
  constructor(code: string) {
    super(code, 400);
  }
}

interface Ctx {
  actor: Actor;
  ip?: string;
}

async function caseRow(db: Db, caseId: number) {
  const c = await db.case.findUnique({
    where: { id: caseId },
    select: { id: true, number: true, status: true, assigneeId: true },
  });
  if (!c) throw new NotFoundError("case");
  return c;
}

export async function setStatus(db: Db, { actor, ip }: Ctx, caseId: number, status: CaseStatus) {
  assertCan(actor, "write:case:any");
  if (!caseStatuses.includes(status)) throw new WorkflowError("invalidChoice");
  await db.$transaction(async (tx) => {
    const c = await tx.case.findUnique({ where: { id: caseId }, select: { number: true, status: true } });
    if (!c) throw new NotFoundError("case");
    if (!transitions[c.status].includes(status)) throw new WorkflowError("invalidTransition");
    await tx.case.update({ where: { id: caseId }, data: { status } });
    await tx.caseEvent.create({
      data: { caseId, type: "status", actorId: actor.id, data: { from: c.status, to: status } },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "case.status",
      resourceType: "case",
      resourceId: c.number,
      ip,
      detail: { from: c.status, to: status },
    });
  });
}

export async function assignCase(db: Db, { actor, ip }: Ctx, caseId: number, assigneeId: string | null) {
  assertCan(actor, "write:case:any");
  const c = await caseRow(db, caseId);
  if (assigneeId) {
    const u = await db.user.findUnique({
      where: { id: assigneeId },
      select: { role: true, disabled: true, orgId: true },
    });
    // Only staff who can work cases may hold one.
    if (!u || u.disabled || !can({ role: u.role, orgId: u.orgId }, "write:case:any"))
      throw new WorkflowError("invalidAssignee");
  }
  await db.$transaction(async (tx) => {
    await tx.case.update({ where: { id: caseId }, data: { assigneeId } });
    await tx.caseEvent.create({
      data: { caseId, type: "assigned", actorId: actor.id, data: { from: c.assigneeId, to: assigneeId } },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "case.assign",
      resourceType: "case",
      resourceId: c.number,
      ip,
      detail: { from: c.assigneeId, to: assigneeId },
    });
  });
}

export async function addNote(db: Db, { actor, ip }: Ctx, caseId: number, body: string) {
  assertCan(actor, "write:case:any");
  const c = await caseRow(db, caseId);
  await db.$transaction(async (tx) => {
    const note = await tx.caseNote.create({
      data: { caseId, authorId: actor.id, body: body.trim() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "case.note",
      resourceType: "case",
      resourceId: c.number,
      ip,
      detail: { noteId: note.id },
    });
  });
}

/** Staff who can be assigned cases. */
export async function assignableStaff(db: Db, actor: Actor) {
  assertCan(actor, "read:case:any");
  return db.user.findMany({
    where: { disabled: false, role: { in: ["admin", "investigator"] } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}

/** A matching decision from the case page, recorded with its reason and audited. */
export async function decideForCase(db: Db, { actor, ip }: Ctx, input: DecisionInput, reason: string) {
  assertCan(actor, "decide:matching:any");
  const r = await decide(db, input, reason, { id: actor.id });
  await recordAudit(db, {
    actorId: actor.id,
    action: `case.${input.type}`,
    resourceType: "decision",
    resourceId: String(r.decisionId),
    ip,
    detail: { ...input, reason },
  });
  return r;
}

export async function undoDecision(db: Db, { actor, ip }: Ctx, decisionId: number, reason: string) {
  assertCan(actor, "decide:matching:any");
  const r = await revokeDecision(db, decisionId, reason, { id: actor.id });
  await recordAudit(db, {
    actorId: actor.id,
    action: "case.decision.revoke",
    resourceType: "decision",
    resourceId: String(decisionId),
    ip,
    detail: { reason },
  });
  return r;
}

/** The case a number (or absorbed number) now belongs to, for redirects after a change. */
export async function currentNumber(db: Db, number: string): Promise<string | null> {
  return (await resolveCaseNumber(db, number))?.number ?? null;
}
