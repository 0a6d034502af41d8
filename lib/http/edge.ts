/**
 * The gate in front of Next.js, run by scripts/serve.ts for every request
 * before Next.js sees it (docs/decisions/0010-http-boundary.md):
 *
 * - the client address comes from the socket and trusted proxies only, and is
 *   handed to the app as the single X-Forwarded-For entry plus the edge mark;
 *   forwarded host/protocol headers from anyone else are dropped;
 * - a form or action from another origin is refused (403), before its body;
 * - a body over the path's limit is refused (413) on its Content-Length, or
 *   cut off once a chunked body passes it; a report from an address over its
 *   limit is refused (429) before its body; a status sign-in (reference + PIN)
 *   for a reference or from an address over its wrong-PIN limit gets 429 too
 *   (status-gate.ts);
 * - HSTS when the client's connection was HTTPS;
 * - one request id (X-Request-Id: a trusted proxy's, else fresh) on every log
 *   line of the request, on the response and on error pages, and one access
 *   log line per request (method, path without its query, status, time);
 * - a request that failed because the database could not be reached is
 *   answered 503, not 500, however Next.js rendered it (lib/db/unavailable.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "@/lib/log";
import { REQUEST_ID_HEADER, requestIdFor, runWithRequest, type RequestContext } from "./request-context";
import { bodyLimitFor, capBody, declaredLength, SMALL_BODY_BYTES } from "./body-limit";
import { EDGE_HEADER, edgeToken, isFromEdge } from "./edge-mark";
import { checkOrigin, isSafeMethod } from "./origin";
import { refusal, unavailablePage, type RefusalStatus } from "./refusal";
import { reportLimitCheck } from "./report-limit-hook";
import { addNoScriptToErrorShells } from "./no-script-fallback";
import { RETRY_AFTER_SECONDS } from "./retry";
import { holdBody, isStatusSignInPost, referenceOf, statusLimited } from "./status-gate";
import type { StatusLimitCheck } from "./status-limit-hook";
import { compileTrust, resolveClient, type Trust } from "./trusted-proxy";

export const HSTS = "max-age=31536000";

/** Only a trusted proxy may say how the client reached it. */
const FORWARDED_DETAILS = ["forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"];

/** After a refusal, the rest of the body is drained for at most this long, so the client can read the page. */
const LINGER_MS = 5_000;

type Handle = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface EdgeOptions {
  trust?: Trust;
  /** Whether an address is over the report limit; default: the app's (report-limit-hook.ts). */
  reportLimited?: (ip: string) => Promise<boolean>;
  /** Whether a reference (null: just the address) or the address is over the wrong-PIN limit; default: the app's. */
  statusLimited?: StatusLimitCheck;
  /** After a refusal, how long the unread body may drain before the connection is closed (tests). */
  lingerMs?: number;
}

export function createEdge(handle: Handle, opts: EdgeOptions = {}) {
  const trust = opts.trust ?? compileTrust();
  const token = edgeToken();

  function refuse(
    req: IncomingMessage,
    res: ServerResponse,
    status: RefusalStatus,
    reportForm = false,
    reason?: "statusPin",
  ) {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    const r = refusal(status, pathOf(req), { reportForm, reason });
    // Not "Connection: close": Node then drains the unread body so the client,
    // still sending, gets to read this page; the timer bounds the draining.
    const { connection: _close, ...headers } = r.headers;
    res.writeHead(r.status, headers);
    res.end(r.body);
    const timer = setTimeout(() => req.socket.destroy(), opts.lingerMs ?? LINGER_MS);
    timer.unref();
    req.socket.once("close", () => clearTimeout(timer));
    // Drained to its end in time: the connection is in step again and stays
    // open (a browser reuses it; closing it under its next request would make
    // the browser send that request twice).
    req.once("end", () => clearTimeout(timer));
  }

  async function gate(req: IncomingMessage, res: ServerResponse, expectContinue: boolean) {
    // Our own server calling itself (Next.js renders an action's redirect target
    // through a request to itself, with the original headers): already prepared.
    if (isFromEdge(req.headers)) {
      if (expectContinue) res.writeContinue();
      return handle(req, res);
    }
    const client = resolveClient(req, trust);
    if (!client.viaTrustedProxy) for (const h of FORWARDED_DETAILS) delete req.headers[h];
    req.headers["x-forwarded-for"] = client.ip;
    req.headers["x-forwarded-proto"] = client.https ? "https" : "http";
    req.headers[EDGE_HEADER] = token;
    if (client.https) res.setHeader("strict-transport-security", HSTS);

    const origin = req.headers.origin;
    if (!isSafeMethod(req.method) && origin !== undefined) {
      if (checkOrigin(req.method, origin) === "cross-site") {
        log("warn", "request from another origin refused", { method: req.method, origin: origin.slice(0, 100) });
        return refuse(req, res, 403);
      }
      // Next.js compares Origin with X-Forwarded-Host itself; ours is the
      // stricter check (configured origins), so make its comparison agree.
      if (URL.canParse(origin)) req.headers["x-forwarded-host"] = new URL(origin).host;
    }

    if (isStatusSignInPost(req, pathOf(req))) return statusSignIn(req, res, client.ip, expectContinue);

    const limit = bodyLimitFor(pathOf(req));
    let bytes = limit.bytes;
    let over: RefusalStatus = 413;
    if (limit.reportForm && req.method === "POST" && (await isLimited(client.ip))) {
      // A form post gets the 429 page. A JavaScript submission is answered in
      // the page by the action (which checks the limit too), so it may go on,
      // but only with a small body: no evidence uploads from a limited address.
      if (!req.headers["next-action"]) return refuse(req, res, 429);
      bytes = SMALL_BODY_BYTES;
      over = 429;
    }
    const length = declaredLength(req.headers["content-length"]);
    if (length !== undefined && length > bytes) return refuse(req, res, over, limit.reportForm);
    capBody(req, bytes, () => refuse(req, res, over, limit.reportForm));
    if (expectContinue) res.writeContinue();
    return handle(req, res);
  }

  /**
   * The status page's sign-in form: the address is asked about before the
   * body, the reference once the (small) body has arrived; until then the body
   * is held back from Next.js. Everything before the first await is
   * synchronous, so no chunk passes before it is held.
   */
  async function statusSignIn(req: IncomingMessage, res: ServerResponse, ip: string, expectContinue: boolean) {
    const length = declaredLength(req.headers["content-length"]);
    if (length !== undefined && length > SMALL_BODY_BYTES) return refuse(req, res, 413);
    const held = holdBody(req);
    capBody(req, SMALL_BODY_BYTES, () => {
      held.abandon();
      refuse(req, res, 413);
    });
    const tooMany = () => {
      held.drop();
      refuse(req, res, 429, false, "statusPin");
    };
    if (await statusLimited(null, ip, opts.statusLimited)) return tooMany();
    if (expectContinue) res.writeContinue();
    const body = await held.arrived;
    if (body === null) return;
    const reference = await referenceOf(body, req.headers["content-type"]);
    if (reference !== null && (await statusLimited(reference, ip, opts.statusLimited))) return tooMany();
    held.release();
    return handle(req, res);
  }

  async function isLimited(ip: string): Promise<boolean> {
    const check = opts.reportLimited ?? reportLimitCheck();
    if (!check) return false;
    try {
      return await check(ip);
    } catch (e) {
      // The report action checks the limit again; a database hiccup here must not refuse victims.
      log("warn", "report limit check failed at the edge", { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }

  function requestId(req: IncomingMessage): string {
    const sent = req.headers[REQUEST_ID_HEADER];
    // Our own server calling itself carries the id this gate gave the original request.
    if (isFromEdge(req.headers) && typeof sent === "string") return sent;
    const peer = req.socket.remoteAddress;
    return requestIdFor(peer !== undefined && trust(peer, 0), sent);
  }

  const run = (expectContinue: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    const internal = isFromEdge(req.headers);
    const ctx: RequestContext = { id: requestId(req) };
    req.headers[REQUEST_ID_HEADER] = ctx.id;
    res.setHeader(REQUEST_ID_HEADER, ctx.id);
    answerUnavailableAs503(req, res, ctx);
    if (isPageLoad(req)) addNoScriptToErrorShells(req, res, pathOf(req));
    if (!internal) accessLog(req, res, ctx.id);
    runWithRequest(ctx, () =>
      gate(req, res, expectContinue).catch((e: unknown) => {
        log("error", "edge gate failed", { error: e instanceof Error ? e.message : String(e) });
        if (!res.headersSent) res.writeHead(500).end();
      }),
    );
  };
  /** For the server's "request" and "checkContinue" events. */
  return { onRequest: run(false), onCheckContinue: run(true) };
}

/**
 * A request that met an unreachable database (marked on its context by
 * lib/db/unavailable.ts) and would be answered with a 5xx is answered 503 with
 * Retry-After. For a page load, Next.js would send its error shell, which
 * shows nothing without JavaScript (React renders error boundaries only in the
 * browser): the gate sends its own "please try again" page instead and drops
 * what Next.js writes. Client-side navigations (RSC requests) keep Next.js's
 * answer, which shows app/[locale]/error.tsx; API routes keep their JSON.
 */
function answerUnavailableAs503(req: IncomingMessage, res: ServerResponse, ctx: RequestContext) {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  const pageLoad = isPageLoad(req);
  let replaced = false;
  const unavailable = (status: number) => ctx.databaseUnavailable === true && status >= 500;
  /** Sends the gate's page if this is the moment to; true when Next.js's output is to be dropped. */
  const replace = (status: number): boolean => {
    if (replaced) return true;
    if (res.headersSent || !pageLoad || !unavailable(status)) return false;
    replaced = true;
    const page = unavailablePage(pathOf(req), ctx.id, RETRY_AFTER_SECONDS);
    for (const name of res.getHeaderNames()) if (!KEEP_ON_REPLACE.has(name)) res.removeHeader(name);
    (original.writeHead as (s: number, h: Record<string, string>) => ServerResponse).call(
      res,
      page.status,
      page.headers,
    );
    (original.end as (chunk?: string) => ServerResponse).call(res, req.method === "HEAD" ? undefined : page.body);
    return true;
  };
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (replace(status)) return this;
    if (unavailable(status) && status !== 503) {
      this.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
      this.statusMessage = "Service Unavailable";
      status = 503;
      rest = rest.filter((r) => typeof r !== "string");
    }
    return (original.writeHead as (s: number, ...r: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse["writeHead"];
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (replace(this.statusCode)) return true;
    return (original.write as (...a: unknown[]) => boolean).apply(this, args);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (replace(this.statusCode)) {
      const cb = args.find((a) => typeof a === "function") as (() => void) | undefined;
      if (cb) process.nextTick(cb);
      return this;
    }
    return (original.end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["end"];
}

/** A browser loading a page: not a client-side navigation (RSC), an action, an API route or a static file. */
function isPageLoad(req: IncomingMessage): boolean {
  return (
    (req.method === "GET" || req.method === "HEAD") &&
    req.headers.rsc === undefined &&
    req.headers["next-action"] === undefined &&
    !/^\/(api|_next)\//.test(pathOf(req))
  );
}

/** Headers the gate set that its own page keeps. */
const KEEP_ON_REPLACE = new Set([REQUEST_ID_HEADER, "strict-transport-security"]);

/** One line per request. Never the query string: lookups carry phone numbers in it. */
function accessLog(req: IncomingMessage, res: ServerResponse, reqId: string) {
  const started = performance.now();
  res.once("close", () => {
    log("info", "request", {
      reqId,
      method: req.method,
      path: pathOf(req).slice(0, 300),
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
      ...(res.writableFinished ? {} : { aborted: true }),
    });
  });
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? "/").split("?")[0]!;
}
