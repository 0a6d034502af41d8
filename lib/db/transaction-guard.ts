/**
 * Development and tests: a query through the outer client while an
 * interactive transaction's callback runs is an error at once.
 *
 * The embedded database gives the transaction's connection the one backend
 * until it commits (ADR 0007); a query on another connection waits behind it,
 * and if the transaction awaits that query, neither can go on until the idle
 * timeout ends the transaction. On PostgreSQL the same code reads outside the
 * transaction and holds a second pooled connection. Either way it is a bug:
 * use the callback's `tx`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "./generated/client";

/** The databases (URLs) with a transaction callback running, in this async context. */
const insideTransaction = new AsyncLocalStorage<ReadonlySet<string>>();

export class OuterClientInTransactionError extends Error {
  constructor() {
    super(
      "A query went through the outer Prisma client inside an interactive transaction's callback. " +
        "Use the callback's `tx`: on the embedded database the outer query waits for the transaction, " +
        "which waits for it (ADR 0007).",
    );
  }
}

/**
 * Runs every interactive transaction's callback in a context the adapters can
 * see. Keyed by database, not by client: a second client on the same embedded
 * database waits for the transaction just the same; another database does not.
 */
export function guardTransactions(client: PrismaClient, database: string): PrismaClient {
  const original = client.$transaction.bind(client) as (arg: unknown, opts?: unknown) => Promise<unknown>;
  const inside = (fn: (tx: unknown) => unknown) => (tx: unknown) =>
    insideTransaction.run(new Set([...(insideTransaction.getStore() ?? []), database]), () => fn(tx));
  const guarded = (arg: unknown, opts?: unknown) =>
    typeof arg === "function" ? original(inside(arg as (tx: unknown) => unknown), opts) : original(arg, opts);
  client.$transaction = guarded as PrismaClient["$transaction"];
  return client;
}

/** Called by the adapter before any query that is not on a transaction's own connection. */
export function assertOutsideTransaction(database: string): void {
  if (insideTransaction.getStore()?.has(database)) throw new OuterClientInTransactionError();
}
