import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { caseByNumber } from "../scope";
import { CaseError } from "./errors";

/** Adds a note to the case. */
export async function addNote(db: Db, ctx: ServiceContext, input: { number: string; body: string }) {
  const { actor, ip } = ctx;
  assertCan(actor, "write:case:any");
  const body = input.body.trim();
  if (!body) throw new CaseError("required");
  await db.$transaction(async (tx) => {
    const ref = await caseByNumber(tx, input.number);
    const note = await tx.caseNote.create({
      data: { caseId: ref.caseId, authorId: actor.id, body },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "case.note",
      resourceType: "case",
      resourceId: ref.number,
      ip,
      detail: { noteId: note.id },
    });
  });
}
