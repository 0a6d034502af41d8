import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { refreshRequestFigures, type Tx } from "@/lib/cases";
import { LiaisonError } from "./errors";
import { outcomesByKind, type RequestOutcome } from "./shared";

/**
 * The organisation's side: acknowledge a request, answer it per identifier.
 * A liaison reaches only requests of their own organisation that were sent
 * (drafts are the investigator's); any other number is "not found", the same
 * answer as for a number that does not exist.
 */
export async function acknowledgeRequest(
  db: Db,
  ctx: ServiceContext,
  input: { number: string },
): Promise<{ number: string }> {
  assertCan(ctx.actor, "answer:request:own-org");
  return db.$transaction(async (tx) => {
    const r = await ownRequest(tx, ctx, input.number);
    if (r.status === "closed") throw new LiaisonError("closed");
    if (r.acknowledgedAt) throw new LiaisonError("alreadyAcknowledged");
    const now = new Date();
    await tx.liaisonRequest.update({
      where: { id: r.id },
      data: {
        acknowledgedAt: now,
        acknowledgedById: ctx.actor.id,
        ...(r.status === "sent" ? { status: "acknowledged" as const } : {}),
      },
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "request.acknowledge",
      resourceType: "request",
      resourceId: r.number,
      ip: ctx.ip,
    });
    await refreshRequestFigures(tx, [r.caseId]);
    return { number: r.number };
  });
}

export interface AnswerAttachment {
  key: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface AnswerItemInput {
  number: string;
  itemId: number;
  outcome: RequestOutcome;
  /** Frozen amount (fen): required for "frozen", refused otherwise. */
  frozenMinor: bigint | null;
  /** Returned to the victims (fen), with a frozen answer. */
  recoveredMinor: bigint | null;
  note: string;
  attachment: AnswerAttachment | null;
}

/**
 * One identifier's answer. An answer may be corrected until the request is
 * closed (the audit log keeps each version); answering acknowledges; when every
 * identifier has an answer the request is "answered". The case's frozen and
 * recovered sums follow in the same transaction.
 * Returns the attachment key the answer replaced, for the caller to delete.
 */
export async function answerItem(
  db: Db,
  ctx: ServiceContext,
  input: AnswerItemInput,
): Promise<{ number: string; replacedAttachment: string | null }> {
  assertCan(ctx.actor, "answer:request:own-org");
  if (input.outcome === "frozen" && (input.frozenMinor === null || input.frozenMinor <= 0n))
    throw new LiaisonError("amountRequired");
  if (input.outcome !== "frozen" && (input.frozenMinor !== null || input.recoveredMinor !== null))
    throw new LiaisonError("amountNotAllowed");
  return db.$transaction(async (tx) => {
    const r = await ownRequest(tx, ctx, input.number);
    if (r.status === "closed") throw new LiaisonError("closed");
    if (!outcomesByKind[r.kind].includes(input.outcome)) throw new LiaisonError("outcomeKind");
    const item = await tx.liaisonRequestItem.findFirst({
      where: { id: input.itemId, requestId: r.id },
      select: { id: true, display: true, outcome: true, frozenMinor: true, attachmentKey: true },
    });
    if (!item) throw new NotFoundError("request item");
    const now = new Date();
    await tx.liaisonRequestItem.update({
      where: { id: item.id },
      data: {
        outcome: input.outcome,
        frozenMinor: input.frozenMinor,
        recoveredMinor: input.recoveredMinor,
        answerNote: input.note,
        answeredAt: now,
        answeredById: ctx.actor.id,
        ...(input.attachment
          ? {
              attachmentKey: input.attachment.key,
              attachmentName: input.attachment.name,
              attachmentMime: input.attachment.mime,
              attachmentSize: input.attachment.size,
              attachmentSha256: input.attachment.sha256,
            }
          : {}),
      },
    });
    const open = await tx.liaisonRequestItem.count({ where: { requestId: r.id, outcome: null } });
    await tx.liaisonRequest.update({
      where: { id: r.id },
      data: {
        ...(r.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedById: ctx.actor.id }),
        ...(open === 0 ? { status: "answered" as const, answeredAt: now } : { status: "acknowledged" as const }),
      },
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "request.answer",
      resourceType: "request",
      resourceId: r.number,
      ip: ctx.ip,
      detail: {
        item: item.id,
        identifier: item.display,
        from: item.outcome ? { outcome: item.outcome, frozenMinor: item.frozenMinor?.toString() ?? null } : null,
        to: { outcome: input.outcome, frozenMinor: input.frozenMinor?.toString() ?? null },
        recoveredMinor: input.recoveredMinor?.toString() ?? null,
        attachment: input.attachment ? { name: input.attachment.name, sha256: input.attachment.sha256 } : null,
      },
    });
    await refreshRequestFigures(tx, [r.caseId]);
    return { number: r.number, replacedAttachment: input.attachment ? item.attachmentKey : null };
  });
}

/** A sent request of the liaison's own organisation, or NotFoundError. */
export async function ownRequest(tx: Tx, ctx: ServiceContext, number: string) {
  const orgId = ctx.actor.orgId;
  if (!orgId) throw new NotFoundError("request");
  const r = await tx.liaisonRequest.findFirst({
    where: { number, orgId, status: { not: "draft" } },
    select: { id: true, number: true, caseId: true, kind: true, status: true, acknowledgedAt: true },
  });
  if (!r) throw new NotFoundError("request");
  return r;
}
