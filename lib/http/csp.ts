/**
 * Content-Security-Policy values (docs/decisions/0010-http-boundary.md).
 * Pages get a fresh nonce per request from proxy.ts; Next.js reads it from the
 * request's CSP header and puts it on its own scripts. Everything that is not
 * an HTML page (API routes, downloads, static files) gets NO_CONTENT_CSP.
 */
import { createHash, randomBytes } from "node:crypto";
import boundary from "./static-headers.json";

function join(directives: [string, ...string[]][]): string {
  return directives.map((d) => d.join(" ")).join("; ");
}

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * cytoscape (the case page's link graph) inserts this one style element, without
 * a nonce, the first time it draws; it is allowed by its hash and nothing else is.
 */
export const CYTOSCAPE_STYLE = ".__________cytoscape_container { position: relative; }";

export function newNonce(): string {
  return randomBytes(18).toString("base64");
}

/**
 * The policy of every HTML page. `script-src` must come before
 * `script-src-attr`: Next.js takes the nonce from the first directive that
 * starts with "script-src". Style attributes in server-rendered markup (chart
 * and graph boxes whose height depends on the data, Next's built-in error page)
 * need `style-src-attr 'unsafe-inline'`; style elements still need the nonce.
 */
export function pageCsp(nonce: string, opts: { https: boolean; dev?: boolean }): string {
  const n = `'nonce-${nonce}'`;
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // 'self' is for browsers without 'strict-dynamic' (CSP 2); newer ones ignore it.
    ["script-src", "'self'", n, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])],
    ["script-src-attr", "'none'"],
    ["style-src", "'self'", n, sha256(CYTOSCAPE_STYLE)],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
    ["media-src", "'none'"],
    ["frame-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (opts.https) directives.push(["upgrade-insecure-requests"]);
  return join(directives);
}

/** JSON, downloads, scripts and styles: nothing in them may run or load anything (set by next.config.js). */
export const NO_CONTENT_CSP: string = boundary.noContentCsp;

/** A page without scripts whose only inline content is one fixed <style> element. */
export function staticPageCsp(style: string): string {
  return join([
    ["default-src", "'none'"],
    ["style-src", sha256(style)],
    ["base-uri", "'none'"],
    ["form-action", "'none'"],
    ["frame-ancestors", "'none'"],
  ]);
}
