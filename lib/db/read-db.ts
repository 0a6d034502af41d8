import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { appSecret } from "@/lib/secrets";
import { appOrigin, env } from "@/lib/env";
import { log } from "@/lib/log";
import type { Db } from "./client";
import { hasReplicas, replicaOf } from "./replica";

/**
 * Read-your-own-writes with replicas (ADR 0014). After a staff mutation the
 * mutation core sets this short-lived cookie; while it holds, that user's
 * readDb() answers the primary, so the board shows the status they just set
 * even if a standby is a moment behind. A cookie rather than a row or memory:
 * every app server sees it and the primary takes no extra write. It is signed
 * and names the user, so it cannot be moved to another account; at worst a
 * user keeps their own reads on the primary, which is where they would be
 * without replicas.
 */
const COOKIE = "read_primary";

function sign(userId: string, until: number): string {
  return createHmac("sha256", appSecret()).update(`read-primary:${userId}:${until}`).digest("base64url");
}

/** Called by lib/actions/mutation.ts after a signed-in user's mutation succeeded. */
export async function pinReadsToPrimary(userId: string): Promise<void> {
  const config = env();
  const seconds = config.READ_PRIMARY_AFTER_WRITE_SECONDS;
  if (!seconds || !config.DATABASE_URL || config.DATABASE_REPLICA_URLS.length === 0) return;
  const until = Date.now() + seconds * 1000;
  (await cookies()).set({
    name: COOKIE,
    value: `${until}.${sign(userId, until)}`,
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: appOrigin().startsWith("https:"),
    maxAge: seconds,
  });
}

/** Whether this request carries a live pin for `userId`. Outside a request (tools, tests without one): no. */
export async function readsPinnedToPrimary(userId: string): Promise<boolean> {
  let value: string | undefined;
  try {
    value = (await cookies()).get(COOKIE)?.value;
  } catch {
    return false;
  }
  const [untilText, mac] = value?.split(".") ?? [];
  const until = Number(untilText);
  if (!mac || !Number.isSafeInteger(until) || until < Date.now()) return false;
  const expected = Buffer.from(sign(userId, until));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The client for a heavy read page's queries: a replica when there are any and
 * `actorId` has not just written, else `client` (the primary). Used only by the
 * board, dashboard, search and lookup services; everything else, and every
 * write, uses the primary it was given.
 */
export async function readDb(client: Db, actorId: string | null): Promise<Db> {
  if (!hasReplicas(client)) return client;
  if (actorId && (await readsPinnedToPrimary(actorId))) return client;
  return replicaOf(client);
}

/** The mutation core's hook: a failure to set the cookie must not turn a stored change into an error. */
export async function pinAfterMutation(userId: string): Promise<void> {
  try {
    await pinReadsToPrimary(userId);
  } catch (e) {
    log("warn", "could not pin reads to the primary after a mutation", { error: String(e) });
  }
}
