/**
 * Writing audit events. Append-only: this module (and the whole app) only ever
 * creates AuditEvent rows; nothing updates or deletes them (a unit test scans the
 * sources for that). Kept free of "server-only" so the first-start bootstrap in
 * scripts/start.ts can record the admin it creates.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** A client or an interactive transaction: record inside the change's transaction. */
export type AuditWriter = Pick<Db, "auditEvent"> | Prisma.TransactionClient;

export interface AuditInput {
  /** The signed-in user; null for the system (bootstrap, imports) or unknown sign-in attempts. */
  actorId: string | null;
  /** Dotted verb, e.g. "user.create", "auth.login.failure", "case.merge", "victim.view". */
  action: string;
  /** What was acted on: "user", "organisation", "case", "report", "audit"… */
  resourceType: string;
  resourceId: string;
  ip?: string | null;
  /** Small JSON facts (old/new role, filters used). Never passwords or secrets. */
  detail?: Record<string, unknown>;
}

const MAX_FIELD = 200;

export async function recordAudit(writer: AuditWriter, input: AuditInput): Promise<void> {
  await writer.auditEvent.create({
    data: {
      actorId: input.actorId,
      action: input.action.slice(0, MAX_FIELD),
      resourceType: input.resourceType.slice(0, MAX_FIELD),
      resourceId: input.resourceId.slice(0, MAX_FIELD),
      ip: input.ip ? input.ip.slice(0, 64) : null,
      detail: (input.detail ?? {}) as Prisma.InputJsonValue,
    },
  });
}
