import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import type { CreateApiKeyInput, RevokeApiKeyInput } from "./schemas";

/**
 * Keys for GET /api/lookup (docs/lookup-api.md), issued by admins. A key is
 * "lk_" + 32 random base64url characters (192 bits); only its SHA-256 is
 * stored - a fast hash is right for a random secret of that size, and lets
 * every request find its key with one indexed lookup. The key is returned once,
 * by createApiKey; lists show its first characters.
 */
const PERMISSION = "manage:api-key:any" as const;
const KEY_PREFIX = "lk_";
/** Characters of the key shown in lists ("lk_" and 6 more). */
const SHOWN = 9;

export interface ApiKeySummary {
  id: string;
  name: string;
  organisation: string;
  prefix: string;
  ratePerMinute: number;
  createdAt: Date;
  revokedAt: Date | null;
}

const summarySelect = {
  id: true,
  name: true,
  organisation: true,
  prefix: true,
  ratePerMinute: true,
  createdAt: true,
  revokedAt: true,
} as const;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export async function listApiKeys(db: Db, ctx: ServiceContext): Promise<ApiKeySummary[]> {
  assertCan(ctx.actor, PERMISSION);
  return db.apiKey.findMany({
    select: summarySelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

/** Issues a key; `key` is the only time the secret exists outside the caller's hands. */
export async function createApiKey(
  db: Db,
  ctx: ServiceContext,
  input: CreateApiKeyInput,
): Promise<{ key: string; apiKey: ApiKeySummary }> {
  assertCan(ctx.actor, PERMISSION);
  const key = KEY_PREFIX + randomBytes(24).toString("base64url");
  const apiKey = await db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        name: input.name,
        organisation: input.organisation,
        ratePerMinute: input.ratePerMinute,
        keyHash: hashApiKey(key),
        prefix: key.slice(0, SHOWN),
        createdById: ctx.actor.id,
      },
      select: summarySelect,
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "api-key.create",
      resourceType: "api-key",
      resourceId: row.id,
      ip: ctx.ip,
      detail: { name: row.name, organisation: row.organisation, prefix: row.prefix, ratePerMinute: row.ratePerMinute },
    });
    return row;
  });
  return { key, apiKey };
}

/** Revokes a key at once (the next request with it gets 401). Revoking twice changes nothing. */
export async function revokeApiKey(db: Db, ctx: ServiceContext, input: RevokeApiKeyInput): Promise<ApiKeySummary> {
  assertCan(ctx.actor, PERMISSION);
  return db.$transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id: input.id }, select: summarySelect });
    if (!row) throw new NotFoundError("api key");
    if (row.revokedAt) return row;
    const revoked = await tx.apiKey.update({
      where: { id: row.id },
      data: { revokedAt: new Date(), revokedById: ctx.actor.id },
      select: summarySelect,
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "api-key.revoke",
      resourceType: "api-key",
      resourceId: row.id,
      ip: ctx.ip,
      detail: { name: row.name, prefix: row.prefix },
    });
    return revoked;
  });
}

/** The live key a request's `Authorization: Bearer …` names, or null. */
/** The key of an `Authorization: Bearer lk_…` header, or null. */
export function bearerKey(authorization: string | null): string | null {
  return /^Bearer\s+(lk_[A-Za-z0-9_-]{32})\s*$/.exec(authorization ?? "")?.[1] ?? null;
}

export async function verifyApiKey(
  db: Pick<Db, "apiKey">,
  authorization: string | null,
): Promise<{ id: string; ratePerMinute: number } | null> {
  const key = bearerKey(authorization);
  if (!key) return null;
  const row = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, ratePerMinute: true, revokedAt: true },
  });
  return row && !row.revokedAt ? { id: row.id, ratePerMinute: row.ratePerMinute } : null;
}
