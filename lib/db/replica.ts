/**
 * Read replicas (ADR 0014) through Prisma's read-replica extension, which
 * takes ready-made clients: ours are built over the pg driver adapter like the
 * primary's (lib/db/client.ts). The primary client is left as it is: its
 * default routing would send every findMany anywhere in the app to a replica,
 * including session, rate-limit and idempotency checks that must see the
 * latest write. Only readDb() (lib/db/read-db.ts) hands out a replica, through
 * the extension's `$replica()`, which picks one of them at random per call.
 *
 * A standby that cannot be reached must not fail the board: each replica
 * client is wrapped so that a read it cannot answer for that reason runs on
 * the primary instead, and for the next DATABASE_REPLICA_RETRY_SECONDS its
 * reads go straight to the primary; then it is tried again. The state is a
 * per-process health observation that each server makes for itself, not data
 * another server needs.
 */
import { readReplicas } from "@prisma/extension-read-replicas";
import { env } from "../env";
import { log } from "../log";
import type { Db } from "./client";
import { isDatabaseUnavailable } from "./unavailable";

interface Routed {
  $replica(): Db;
}

const routedOf = new WeakMap<Db, Routed>();
const replicasOf = new WeakMap<Db, Db[]>();

/**
 * Registers `replicas` as the read replicas of `primary`; returns `primary`
 * unchanged. The replica clients are the bare ones: a read one of them cannot
 * reach its standby for goes to `primary`, whose own errors are the app's.
 */
export function attachReplicas(primary: Db, replicas: Db[]): Db {
  if (replicas.length === 0) return primary;
  const guarded = replicas.map((r, k) => withFallback(r, primary, `${k + 1} of ${replicas.length}`));
  routedOf.set(primary, primary.$extends(readReplicas({ replicas: guarded })) as unknown as Routed);
  replicasOf.set(primary, replicas);
  return primary;
}

export function hasReplicas(primary: Db): boolean {
  return routedOf.has(primary);
}

/** One of the primary's replicas (chosen by the extension), or the primary itself when it has none. */
export function replicaOf(primary: Db): Db {
  return routedOf.get(primary)?.$replica() ?? primary;
}

/** Closes the replicas' pools (tests and tools; the server keeps them for its lifetime). */
export async function disconnectReplicas(primary: Db): Promise<void> {
  await Promise.all((replicasOf.get(primary) ?? []).map((r) => r.$disconnect()));
}

type Operation = (args: unknown) => Promise<unknown>;

/** The same operation on the primary: a model call (`case.findMany`) or a raw one (`$queryRaw` with its Sql). */
function onPrimary(primary: Db, model: string | undefined, operation: string, args: unknown): Promise<unknown> {
  const client = primary as unknown as Record<string, Record<string, Operation>>;
  const target = model
    ? client[model.charAt(0).toLowerCase() + model.slice(1)]!
    : (primary as unknown as Record<string, Operation>);
  return target[operation]!.call(target, args);
}

/** The replica client, reading from the primary while its standby is unreachable (ADR 0014). */
export function withFallback(replica: Db, primary: Db, name: string): Db {
  let downUntil = 0;
  return replica.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (Date.now() < downUntil) return onPrimary(primary, model, operation, args);
        try {
          return await query(args);
        } catch (e) {
          if (!isDatabaseUnavailable(e)) throw e;
          const seconds = env().DATABASE_REPLICA_RETRY_SECONDS;
          downUntil = Date.now() + seconds * 1000;
          log("warn", "read replica unreachable: reading from the primary", { replica: name, retryInSeconds: seconds });
          return onPrimary(primary, model, operation, args);
        }
      },
    },
  }) as unknown as Db;
}
