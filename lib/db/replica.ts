/**
 * Read replicas (ADR 0014) through Prisma's read-replica extension, which
 * takes ready-made clients: ours are built over the pg driver adapter like the
 * primary's (lib/db/client.ts). The primary client is left as it is: its
 * default routing would send every findMany anywhere in the app to a replica,
 * including session, rate-limit and idempotency checks that must see the
 * latest write. Only readDb() (lib/db/read-db.ts) hands out a replica, through
 * the extension's `$replica()`, which picks one of them at random per call.
 */
import { readReplicas } from "@prisma/extension-read-replicas";
import type { Db } from "./client";

interface Routed {
  $replica(): Db;
}

const routedOf = new WeakMap<Db, Routed>();
const replicasOf = new WeakMap<Db, Db[]>();

/** Registers `replicas` as the read replicas of `primary`; returns `primary` unchanged. */
export function attachReplicas(primary: Db, replicas: Db[]): Db {
  if (replicas.length === 0) return primary;
  routedOf.set(primary, primary.$extends(readReplicas({ replicas })) as unknown as Routed);
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
