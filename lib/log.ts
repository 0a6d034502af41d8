/**
 * Structured logs: one JSON line per event (pino), each carrying the id of the
 * request it belongs to (`reqId`, lib/http/request-context.ts) so an operator
 * can pull every line of one request, and a user can quote the id shown on an
 * error page. Never log victims' details (names, phone numbers, narratives),
 * request bodies or query strings: an e2e check greps the server's output for
 * the personal data its fixtures seed (e2e/pii.ts).
 *
 * Relative imports only: prisma.config.ts reaches this file (through
 * lib/db/session-server.ts) with a loader that knows no "@/" alias.
 */
import { randomUUID } from "node:crypto";
import { format } from "node:util";
import pino, { type Logger } from "pino";
import { env } from "./env";
import { currentRequestId } from "./http/request-context";

type Level = "debug" | "info" | "warn" | "error";

// One logger per process: serve.ts (through tsx) and Next.js's bundle load
// this file twice; both write the same lines to the same descriptor.
const SLOT = Symbol.for("casework.log.logger");
const g = globalThis as unknown as { [SLOT]?: Logger };

export function logger(): Logger {
  return (g[SLOT] ??= pino(
    {
      level: env().LOG_LEVEL,
      base: undefined,
      messageKey: "msg",
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    // Synchronous: a line is written before a crash can lose it, and tests read the output in order.
    pino.destination({ fd: 1, sync: true }),
  ));
}

/** One event; `fields` are merged into the line (never put personal data in them). */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}) {
  logger()[level](fields, msg);
}

/**
 * Prisma's validation errors print the whole query, arguments included (a
 * victim's narrative, say): keep their first line only.
 */
function describe(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { value: String(err).slice(0, 200) };
  const verbose = err.name === "PrismaClientValidationError";
  const message = verbose ? (err.message.trim().split("\n")[0] ?? "") : err.message;
  return { name: err.name, message, stack: verbose ? undefined : err.stack };
}

/** Logs an unexpected error and returns the id shown to the user. */
export function logError(err: unknown, context: Record<string, unknown> = {}): string {
  const errorId = randomUUID().slice(0, 8);
  // An unreachable database (lib/db/unavailable.ts) is an outage to watch, not a bug to debug.
  if (err instanceof Error && err.name === "DatabaseUnavailableError")
    log("warn", "database unavailable", { errorId, ...context });
  else log("error", "unexpected error", { errorId, ...context, error: describe(err) });
  return errorId;
}

/**
 * Next.js and libraries write with console.*: in the server (scripts/serve.ts)
 * those become log lines too, with the request id of the request they belong to.
 */
export function routeConsoleToLog(): void {
  const l = logger();
  const to =
    (level: Level) =>
    (...args: unknown[]) => {
      // Next.js prints every failed render with its stack; an unreachable database is expected, not a bug.
      if (args.some((a) => a instanceof Error && a.name === "DatabaseUnavailableError"))
        return l.warn("database unavailable");
      l[level](format(...args));
    };
  console.log = to("info");
  console.info = to("info");
  console.warn = to("warn");
  console.error = to("error");
  console.debug = to("debug");
}
