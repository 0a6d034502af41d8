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
 * reads go straight to the primary; then it is tried again. A standby that
 * answers but has fallen more than DATABASE_REPLICA_MAX_LAG_SECONDS behind
 * (replay paused, its stream broken, a long query holding replay back) has its
 * reads answered by the primary too, until it catches up. The state is a
 * per-process health observation that each server makes for itself, not data
 * another server needs.
 */
import { readReplicas } from "@prisma/extension-read-replicas";
import { env } from "../env";
import { log } from "../log";
import type { Db } from "./client";
import { isDatabaseUnavailable } from "./unavailable";
import { LagTracker, parseLsn } from "./replica-lag";
import { outsideRequest } from "../http/request-context";

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

/**
 * Whether the standby is too far behind, from checks made in the background
 * (one at a time, every few seconds while reads come): the read that starts a
 * check does not wait for it. Checks start only once a read has reached the
 * standby: one that cannot be reached is the fallback's business.
 */
function lagMonitor(replica: Db, primary: Db, name: string): (reachable: boolean) => boolean {
  const tracker = new LagTracker(Date.now());
  let checkedAt = 0;
  let checking = false;
  let lagging = false;
  const check = async () => {
    const [p] = await primary.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
    const at = Date.now();
    const [r] = await replica.$queryRaw<{ lsn: string | null }[]>`SELECT pg_last_wal_replay_lsn()::text AS lsn`;
    const primaryLsn = parseLsn(p?.lsn);
    if (primaryLsn !== null) tracker.primaryAt(primaryLsn, at);
    const lagMs = tracker.standbyAt(parseLsn(r?.lsn), Date.now());
    const behind = lagMs > env().DATABASE_REPLICA_MAX_LAG_SECONDS * 1000;
    if (behind !== lagging)
      log(
        behind ? "warn" : "info",
        behind ? "read replica lagging: reading from the primary" : "read replica caught up",
        {
          replica: name,
          lagSeconds: Math.round(lagMs / 1000),
        },
      );
    lagging = behind;
  };
  return (reachable) => {
    const maxLag = env().DATABASE_REPLICA_MAX_LAG_SECONDS * 1000;
    if (maxLag === 0) return false;
    const now = Date.now();
    if (reachable && !checking && now - checkedAt >= Math.min(5_000, maxLag / 2)) {
      checking = true;
      checkedAt = now;
      // A failed check changes nothing, and is not the failure of the request whose read started it.
      void outsideRequest(() => check())
        .catch(() => undefined)
        .finally(() => (checking = false));
    }
    return lagging;
  };
}

/** The replica client, reading from the primary while its standby is unreachable or too far behind (ADR 0014). */
export function withFallback(replica: Db, primary: Db, name: string): Db {
  let downUntil = 0;
  let reached = false;
  const lagging = lagMonitor(replica, primary, name);
  return replica.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (Date.now() < downUntil || lagging(reached)) return onPrimary(primary, model, operation, args);
        try {
          const result = await query(args);
          reached = true;
          return result;
        } catch (e) {
          if (!isDatabaseUnavailable(e)) throw e;
          reached = false;
          const seconds = env().DATABASE_REPLICA_RETRY_SECONDS;
          downUntil = Date.now() + seconds * 1000;
          log("warn", "read replica unreachable: reading from the primary", { replica: name, retryInSeconds: seconds });
          return onPrimary(primary, model, operation, args);
        }
      },
    },
  }) as unknown as Db;
}
