/**
 * A page that calls notFound() or forbidden(), or whose rendering fails, is
 * answered by Next.js 16 with its error shell: the status is right (404, 403,
 * 500) but the body is empty, the not-found, "no access" or "something went
 * wrong" page being drawn by JavaScript from the flight data (React's server
 * rendering runs no error boundary; vercel/next.js#62228, still open).
 * Without JavaScript the visitor sees a blank page. For such a page load the gate adds the words in a <noscript>
 * right after <body>: browsers with JavaScript ignore it and draw Next.js's
 * page as before, the others show it. Unmatched addresses are not affected:
 * Next.js renders app/not-found.tsx into their HTML itself.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { createTranslator } from "use-intl/core";
import { catalogues } from "@/messages";
import { escapeHtml } from "./html";
import { pageOf } from "./refusal";
import { REQUEST_ID_HEADER } from "./request-context";

/** Next.js's error shell: `<html id="__next_error__">`. */
const SHELL = 'id="__next_error__"';
const BODY_OPEN = /<body[^>]*>/;

type Codec = { decode: (b: Buffer) => Buffer; encode: (b: Buffer) => Buffer };
const CODECS: Record<string, Codec> = {
  identity: { decode: (b) => b, encode: (b) => b },
  gzip: { decode: zlib.gunzipSync, encode: zlib.gzipSync },
  deflate: { decode: zlib.inflateSync, encode: zlib.deflateSync },
  br: { decode: zlib.brotliDecompressSync, encode: zlib.brotliCompressSync },
};

export type ShellStatus = 403 | 404 | 500;
const SHELL_STATUSES = new Set([403, 404, 500]);

/**
 * What the <noscript> says: the not-found page in both languages (as
 * app/not-found.tsx); "no access" and "something went wrong" (as
 * app/[locale]/error.tsx, with the request's id) in the URL's.
 */
export function noScriptPage(status: ShellStatus, pathname: string, requestId = ""): string {
  const t = (locale: "en" | "zh-CN") => createTranslator({ locale, messages: catalogues[locale] });
  if (status === 404) {
    const [zh, en] = [t("zh-CN"), t("en")];
    return (
      `<main id="main"><h1>${escapeHtml(zh("notFound.title"))} · <span lang="en">${escapeHtml(en("notFound.title"))}</span></h1>` +
      `<p>${escapeHtml(zh("notFound.body"))}</p><p lang="en">${escapeHtml(en("notFound.body"))}</p>` +
      `<p><a href="/zh-CN">${escapeHtml(zh("notFound.home"))}</a> · <a href="/en" lang="en">${escapeHtml(en("notFound.home"))}</a></p></main>`
    );
  }
  const { locale, back } = pageOf(pathname);
  const tr = t(locale);
  const home = `<a href="/${locale}">${escapeHtml(tr("notFound.home"))}</a>`;
  if (status === 500) {
    const id = requestId ? `<p>${escapeHtml(tr("errorPage.requestId"))} <code>${escapeHtml(requestId)}</code></p>` : "";
    return (
      `<main id="main"><h1>${escapeHtml(tr("errorPage.title"))}</h1><p>${escapeHtml(tr("errorPage.body"))}</p>${id}` +
      `<p><a href="${escapeHtml(back)}">${escapeHtml(tr("errorPage.retry"))}</a> · ${home}</p></main>`
    );
  }
  return (
    `<main id="main"><h1>${escapeHtml(tr("staff.forbidden.title"))}</h1><p>${escapeHtml(tr("staff.forbidden.body"))}</p>` +
    `<p>${home}</p></main>`
  );
}

/** The shell with the page's words after <body>; anything else unchanged (null). */
export function withNoScript(html: string, status: ShellStatus, pathname: string, requestId = ""): string | null {
  const open = BODY_OPEN.exec(html);
  if (!html.includes(SHELL) || !open) return null;
  const at = open.index + open[0].length;
  return `${html.slice(0, at)}<noscript>${noScriptPage(status, pathname, requestId)}</noscript>${html.slice(at)}`;
}

/**
 * Holds back a page load's 403, 404 or 500 HTML (a few KiB) until Next.js has
 * written all of it, then sends it with the <noscript> added, in the same
 * content encoding. Every other response passes straight through.
 */
export function addNoScriptToErrorShells(req: IncomingMessage, res: ServerResponse, pathname: string): void {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  let held: { status: ShellStatus; args: unknown[]; chunks: Buffer[] } | null = null;
  const hold = (status: number) =>
    SHELL_STATUSES.has(status) && /^text\/html/.test(String(res.getHeader("content-type") ?? ""));

  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    // Held: the headers stay unsent, so every later write asks for them again (compression does).
    if (held) return this;
    if (hold(status)) {
      held = { status: status as ShellStatus, args: [status, ...rest], chunks: [] };
      return this;
    }
    return (original.writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse["writeHead"];
  // A first write would send the headers itself (Node's implicit writeHead): hold them before it does.
  const holdIfDue = () => {
    if (!held && !res.headersSent && hold(res.statusCode)) res.writeHead(res.statusCode);
  };
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    holdIfDue();
    if (!held) return (original.write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    held.chunks.push(toBuffer(chunk, rest[0]));
    const cb = rest.find((a) => typeof a === "function") as (() => void) | undefined;
    if (cb) process.nextTick(cb);
    return true;
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    holdIfDue();
    if (!held) return (original.end as (...a: unknown[]) => ServerResponse).apply(this, args);
    const h = held;
    held = null;
    const cb = args.find((a) => typeof a === "function") as (() => void) | undefined;
    if (args[0] !== undefined && typeof args[0] !== "function") h.chunks.push(toBuffer(args[0], args[1]));
    const body = rewrite(Buffer.concat(h.chunks), String(this.getHeader("content-encoding") ?? "identity"), h.status);
    if (body.changed) {
      this.removeHeader("content-length");
      h.args = h.args.map((a) => (a && typeof a === "object" && !Array.isArray(a) ? withoutLength(a) : a));
    }
    (original.writeHead as (...a: unknown[]) => ServerResponse).apply(this, h.args);
    return (original.end as (...a: unknown[]) => ServerResponse).call(
      this,
      req.method === "HEAD" ? undefined : body.bytes,
      cb,
    );
  } as ServerResponse["end"];

  function rewrite(bytes: Buffer, encoding: string, status: ShellStatus): { bytes: Buffer; changed: boolean } {
    const codec = CODECS[encoding.trim().toLowerCase()];
    if (!codec || bytes.length === 0) return { bytes, changed: false };
    try {
      const id = String(res.getHeader(REQUEST_ID_HEADER) ?? "");
      const html = withNoScript(codec.decode(bytes).toString("utf8"), status, pathname, id);
      return html === null ? { bytes, changed: false } : { bytes: codec.encode(Buffer.from(html)), changed: true };
    } catch {
      // Not what Next.js writes: send it as it came.
      return { bytes, changed: false };
    }
  }
}

function withoutLength(headers: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== "content-length"));
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
}
