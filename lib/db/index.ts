import "server-only";
import { createPrisma, type Db } from "./client";
import { findRunningEmbedded } from "./embedded";
import { attachReplicas } from "./replica";
import { typedUnavailable } from "./unavailable";
import { env } from "@/lib/env";

// One client per server process. `npm start` passes DATABASE_URL (a real
// server, or the embedded one it started); a bare `next start` finds the
// embedded server another process runs on DATA_DIR.
const g = globalThis as unknown as { __db?: Promise<Db> };

async function connect(): Promise<Db> {
  const url = env().DATABASE_URL ?? (await findRunningEmbedded());
  if (!url) {
    throw new Error(
      "No database: set DATABASE_URL, or start the app with `npm start`, which runs the embedded database.",
    );
  }
  // Replicas only beside a real primary: the embedded database has no standbys.
  const replicas = env().DATABASE_URL ? env().DATABASE_REPLICA_URLS : [];
  // The replicas stay bare: a standby that cannot be reached is not the
  // database being down (the primary answers those reads, lib/db/replica.ts).
  // A connect timeout only for a real server: the embedded one runs on this
  // machine, and under a long import its connections may rightly wait.
  const connectTimeoutMs = env().DATABASE_URL ? env().DATABASE_CONNECT_TIMEOUT_SECONDS * 1000 : undefined;
  return attachReplicas(
    typedUnavailable(createPrisma(url, { connectTimeoutMs })),
    replicas.map((u) => createPrisma(u, { connectTimeoutMs: env().DATABASE_REPLICA_CONNECT_TIMEOUT_SECONDS * 1000 })),
  );
}

export function db(): Promise<Db> {
  g.__db ??= connect().catch((e) => {
    g.__db = undefined;
    throw e;
  });
  return g.__db;
}

export type { Db };
export { readDb } from "./read-db";
export { Prisma } from "./generated/client";
