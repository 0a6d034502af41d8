import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { openStored } from "@/lib/storage";
import { evidenceHeaders } from "./evidence-name";

/**
 * An evidence file for a user holding read:evidence:any; the download is
 * audited. Files live outside public/ under random keys (local folder or
 * object storage, lib/storage), so this is the only way to them. The bytes
 * are streamed from the backend and checked against the stored SHA-256.
 */
export async function evidenceForDownload(db: Db, actor: Actor, id: string, ip?: string) {
  assertCan(actor, "read:evidence:any");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError("evidence");
  const e = await db.evidence.findUnique({
    where: { id },
    select: {
      storageKey: true,
      originalName: true,
      mime: true,
      size: true,
      sha256: true,
      report: { select: { reference: true } },
    },
  });
  if (!e) throw new NotFoundError("evidence");
  const stream = await openStored(e.storageKey, { sha256: e.sha256, size: e.size });
  if (!stream) throw new NotFoundError("evidence");
  await recordAudit(db, {
    actorId: actor.id,
    action: "evidence.download",
    resourceType: "report",
    resourceId: e.report.reference,
    ip,
    detail: { evidenceId: id, name: e.originalName },
  }).catch((err: unknown) => {
    // Not audited, not served; and the opened file is released.
    stream.destroy();
    throw err;
  });
  const headers: Record<string, string> = {
    ...evidenceHeaders(e.originalName, e.mime),
    "content-length": String(e.size),
  };
  return { stream, name: e.originalName, mime: e.mime, headers };
}
