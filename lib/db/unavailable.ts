/**
 * Which errors mean "the database cannot be reached right now" rather than a
 * bug: the server is down or restarting (ECONNREFUSED, 57P01 admin shutdown,
 * 57P03 starting up), a connection was cut (ECONNRESET, "Connection
 * terminated"), or no connection came in time. They become the typed
 * DatabaseUnavailableError, which pages show as the "please try again" page
 * with status 503 and /api/ready reports; the pg pool drops the broken
 * connections and opens new ones once the server is back, so the app recovers
 * without a restart.
 */
import type { Db } from "./client";
import { DatabaseUnavailableError } from "../errors";
import { currentRequest } from "../http/request-context";

/** Prisma's codes: can't reach (P1001), timed out (P1002, P1008), closed (P1017), no pooled connection in time (P2024). */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, starting up), 53300 (too many connections). */
const SQLSTATE = /^(08\d{3}|08P01|57P0[123]|53300)$/;
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EAI_AGAIN",
]);
/** The driver adapter's error kinds (@prisma/adapter-pg), found on DriverAdapterError causes. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Can't reach database server|Server has closed the connection|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

function matches(e: Record<string, unknown>): boolean {
  const code = typeof e.code === "string" ? e.code : undefined;
  const originalCode = typeof e.originalCode === "string" ? e.originalCode : undefined;
  if (code && (PRISMA_CODES.has(code) || SQLSTATE.test(code) || SOCKET_CODES.has(code))) return true;
  if (originalCode && SQLSTATE.test(originalCode)) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  return typeof e.message === "string" && MESSAGES.test(e.message);
}

/** Whether an error (or anything it wraps) says the database could not be reached. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  if (!err || typeof err !== "object" || depth > 6) return false;
  const e = err as Record<string, unknown>;
  if (matches(e)) return true;
  const meta = e.meta as Record<string, unknown> | undefined;
  const nested = [e.cause, meta?.driverAdapterError, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((n) => n !== undefined && n !== err && isDatabaseUnavailable(n, depth + 1));
}

/**
 * The error to throw on: a DatabaseUnavailableError for an unreachable
 * database (the request is marked, so the gate answers 503 however Next.js
 * renders it), anything else unchanged.
 */
export function asDatabaseError(err: unknown): unknown {
  if (!isDatabaseUnavailable(err)) return err;
  const ctx = currentRequest();
  if (ctx) ctx.databaseUnavailable = true;
  return err instanceof DatabaseUnavailableError ? err : new DatabaseUnavailableError(ctx?.id);
}

/**
 * The app's client (lib/db/index.ts): every query that fails because the
 * database cannot be reached throws DatabaseUnavailableError, so pages,
 * actions and routes answer "please try again" with 503 instead of a 500.
 * The pool itself recovers: pg drops broken connections and opens new ones on
 * the next query.
 */
export function typedUnavailable(client: Db): Db {
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (e) {
          throw asDatabaseError(e);
        }
      },
    },
  });
  return extended as unknown as Db;
}
