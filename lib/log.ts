import { randomUUID } from "node:crypto";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const l = (process.env.LOG_LEVEL as Level) || "info";
  return order[l] ?? 20;
}

/** One JSON line per event, so logs can be searched by error id. */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}) {
  if (order[level] < threshold()) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  (level === "error" || level === "warn" ? console.error : console.log)(line);
}

/** Logs an unexpected error and returns the id shown to the user. */
export function logError(err: unknown, context: Record<string, unknown> = {}): string {
  const errorId = randomUUID().slice(0, 8);
  const e = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { value: String(err) };
  log("error", "unexpected error", { errorId, ...context, error: e });
  return errorId;
}
