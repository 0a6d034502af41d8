import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { evidenceDir } from "./evidence";
import { evidenceHeaders } from "./evidence-name";

/**
 * An evidence file for a user holding read:evidence:any; the download is
 * audited. Files live outside public/ under random names, so this is the only
 * way to them.
 */
export async function evidenceForDownload(db: Db, actor: Actor, id: string, ip?: string) {
  assertCan(actor, "read:evidence:any");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError("evidence");
  const e = await db.evidence.findUnique({
    where: { id },
    select: { storageKey: true, originalName: true, mime: true, size: true, report: { select: { reference: true } } },
  });
  if (!e) throw new NotFoundError("evidence");
  const bytes = await fs.readFile(path.join(evidenceDir(), path.basename(e.storageKey))).catch(() => null);
  if (!bytes) throw new NotFoundError("evidence");
  await recordAudit(db, {
    actorId: actor.id,
    action: "evidence.download",
    resourceType: "report",
    resourceId: e.report.reference,
    ip,
    detail: { evidenceId: id, name: e.originalName },
  });
  return { bytes, name: e.originalName, mime: e.mime, headers: evidenceHeaders(e.originalName, e.mime) };
}
