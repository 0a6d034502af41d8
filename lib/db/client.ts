import { PrismaClient } from "./generated/client";
import { createPgAdapter } from "./pg-adapter";
import { guardTransactions } from "./transaction-guard";
import { env } from "../env";

export type Db = PrismaClient;

/** A Prisma client over the pg driver adapter; every process uses this path. */
export function createPrisma(url: string, opts: { max?: number; connectTimeoutMs?: number } = {}): PrismaClient {
  const config = env();
  const guard = config.NODE_ENV !== "production";
  const client = new PrismaClient({
    adapter: createPgAdapter(url, { max: opts.max, connectTimeoutMs: opts.connectTimeoutMs, guardTransactions: guard }),
    // Queue rather than fail (ADR 0007): on the embedded database interactive
    // transactions run one at a time, so under a burst they wait their turn far
    // longer than Prisma's default 2 s maxWait. Calls may ask for longer, not shorter.
    transactionOptions: {
      maxWait: config.DB_TRANSACTION_MAX_WAIT_SECONDS * 1000,
      timeout: config.DB_TRANSACTION_TIMEOUT_SECONDS * 1000,
    },
  });
  return guard ? guardTransactions(client, url) : client;
}
