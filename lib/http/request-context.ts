/**
 * One id per request, set by the gate (lib/http/edge.ts) and carried through
 * everything the request runs: log lines (lib/log.ts), the X-Request-Id
 * response header and the error pages, so a person can quote it and an
 * operator can find every line of that request.
 *
 * The store lives on globalThis: scripts/serve.ts loads this file through tsx
 * and Next.js loads its own bundled copy in the same process; both must see
 * one AsyncLocalStorage.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

export interface RequestContext {
  id: string;
  /** Set when the request failed because the database could not be reached (lib/db/unavailable.ts). */
  databaseUnavailable?: boolean;
}

const SLOT = Symbol.for("casework.http.requestContext");
const g = globalThis as unknown as { [SLOT]?: AsyncLocalStorage<RequestContext> };
const storage = (g[SLOT] ??= new AsyncLocalStorage<RequestContext>());

/** Ids a trusted proxy may hand us: short, printable, nothing a log or header could be broken with. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The id for a new request: the one a trusted reverse proxy sent in
 * X-Request-Id (so its logs and ours share it), else a fresh UUID. A client
 * that is not a trusted proxy cannot choose its id.
 */
export function requestIdFor(viaTrustedProxy: boolean, sent: string | string[] | undefined): string {
  const given = Array.isArray(sent) ? sent[0] : sent;
  return viaTrustedProxy && given && ACCEPTED_ID.test(given) ? given : randomUUID();
}

/** Runs `fn` (and what it starts) outside any request: background work whose failure is no request's. */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
}

export function runWithRequest<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The current request's context, or undefined outside a request (start-up, timers, CLI tools). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.id;
}
