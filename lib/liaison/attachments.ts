import "server-only";
import type { Readable } from "node:stream";
import type { Db } from "@/lib/db/client";
import { assertCan, can, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { AppError, NotFoundError } from "@/lib/errors";
import { checkEvidence, removeEvidence, storeEvidence } from "@/lib/reports/evidence";
import { openStored } from "@/lib/storage";
import { evidenceHeaders } from "@/lib/reports/evidence-name";
import { answerItem, type AnswerAttachment, type AnswerItemInput } from "./answers";

/**
 * A liaison's answer with its optional attachment (a freeze notice, a screen
 * of the blocked account), and the one way to download it again. Uploads go
 * through the victims' evidence checks (type sniffed from the bytes: PDF or
 * image; MAX_EVIDENCE_MB) and storage (random keys in the evidence storage,
 * local folder or object storage: lib/storage; nothing served statically).
 */
export type AttachmentErrorCode = "attachmentType" | "attachmentTooLarge" | "attachmentCount";

/** An upload refused (400); `code` is a key under portal.errors.* in the portal catalogue part. */
export class AttachmentError extends AppError {
  constructor(code: AttachmentErrorCode) {
    super(code, 400);
  }
}

/** Checks and stores the form's file (none, or one); the caller deletes it if the answer is refused. */
async function storeAttachment(files: File[]): Promise<AnswerAttachment | null> {
  const real = files.filter((f) => f.size > 0);
  if (real.length === 0) return null;
  if (real.length > 1) throw new AttachmentError("attachmentCount");
  const checked = await checkEvidence(real);
  if (!checked.ok) throw new AttachmentError(checked.problem === "fileType" ? "attachmentType" : "attachmentTooLarge");
  const [stored] = await storeEvidence(checked.files);
  const { storageKey, file } = stored!;
  return { key: storageKey, name: file.originalName, mime: file.mime, size: file.size, sha256: file.sha256 };
}

/**
 * answerItem with an uploaded file: the file is checked and written first
 * (never inside the transaction), deleted again if the service refuses the
 * answer, and the file a new one replaces is deleted once the answer is saved.
 */
export async function answerItemWithAttachment(
  db: Db,
  ctx: ServiceContext,
  input: Omit<AnswerItemInput, "attachment">,
  files: File[],
): Promise<{ number: string }> {
  // Nobody without the permission gets as far as writing a file.
  assertCan(ctx.actor, "answer:request:own-org");
  const attachment = await storeAttachment(files);
  let replaced: string | null;
  try {
    ({ replacedAttachment: replaced } = await answerItem(db, ctx, { ...input, attachment }));
  } catch (e) {
    if (attachment) await removeEvidence([attachment.key]);
    throw e;
  }
  // The answer is saved; a file left behind is only space (removeEvidence logs it, never throws).
  if (replaced) await removeEvidence([replaced]);
  return { number: input.number };
}

/**
 * An answer's attachment for download: a liaison of the request's
 * organisation, or staff who read every request (read:request:any). Anyone
 * else's request, an item without a file, a missing file: 404. Audited.
 */
export async function answerAttachmentForDownload(
  db: Db,
  ctx: ServiceContext,
  input: { number: string; itemId: number },
): Promise<{ stream: Readable; headers: Record<string, string> }> {
  const staff = can(ctx.actor, "read:request:any");
  if (!staff) assertCan(ctx.actor, "read:request:own-org");
  const orgId = ctx.actor.orgId;
  if (!staff && !orgId) throw new NotFoundError("attachment");
  const item = await db.liaisonRequestItem.findFirst({
    where: {
      id: input.itemId,
      attachmentKey: { not: null },
      request: staff ? { number: input.number } : { number: input.number, orgId: orgId!, status: { not: "draft" } },
    },
    select: {
      id: true,
      attachmentKey: true,
      attachmentName: true,
      attachmentMime: true,
      attachmentSize: true,
      attachmentSha256: true,
    },
  });
  if (!item?.attachmentKey || !item.attachmentSha256 || item.attachmentSize === null)
    throw new NotFoundError("attachment");
  const stream = await openStored(item.attachmentKey, { sha256: item.attachmentSha256, size: item.attachmentSize });
  if (!stream) throw new NotFoundError("attachment");
  const name = item.attachmentName || "attachment";
  await recordAudit(db, {
    actorId: ctx.actor.id,
    action: "request.attachment.download",
    resourceType: "request",
    resourceId: input.number,
    ip: ctx.ip,
    detail: { item: item.id, name, sha256: item.attachmentSha256 },
  }).catch((e: unknown) => {
    stream.destroy();
    throw e;
  });
  // Named and typed by the type sniffed on upload; always a download, never rendered.
  const headers = evidenceHeaders(name, item.attachmentMime ?? "application/octet-stream");
  return { stream, headers: { ...headers, "content-length": String(item.attachmentSize) } };
}
