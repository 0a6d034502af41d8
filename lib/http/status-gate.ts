/**
 * The status page's sign-in form (reference + PIN) at the gate (lib/http/edge.ts,
 * docs/decisions/0010-http-boundary.md): a plain form post from an address or
 * for a reference over its wrong-PIN limit gets the 429 page instead of the
 * form answered with 200. The address is asked about before the body; the
 * reference is in the (small) body, which is held back from Next.js until it
 * has arrived, read for its `reference` field, and then handed on untouched.
 *
 * The check only reads the counts; the sign-in action still counts and checks
 * every attempt under its locks (lib/victims/status-auth.ts) and stays the
 * authority: when the check is missing or fails, the request goes on. A
 * JavaScript submission (`Next-Action`) is answered in the page by the action.
 */
import type { IncomingMessage } from "node:http";
import { routing } from "@/i18n/routing";
import { log } from "@/lib/log";
import { statusLimitCheck, type StatusLimitCheck } from "./status-limit-hook";

export const STATUS_SIGN_IN_PATH = new RegExp(`^/(${routing.locales.join("|")})/status/?$`);

export function isStatusSignInPost(req: Pick<IncomingMessage, "method" | "headers">, pathname: string): boolean {
  return req.method === "POST" && !req.headers["next-action"] && STATUS_SIGN_IN_PATH.test(pathname);
}

/** Whether the reference (null: only the address) or the address is over its limit; false when unsure. */
export async function statusLimited(
  reference: string | null,
  ip: string,
  check: StatusLimitCheck | undefined = statusLimitCheck(),
): Promise<boolean> {
  if (!check) return false;
  try {
    return await check(reference, ip);
  } catch (e) {
    // The action checks again under its locks; a database hiccup here must not lock victims out.
    log("warn", "status limit check failed at the edge", { error: e instanceof Error ? e.message : String(e) });
    return false;
  }
}

export interface HeldBody {
  /** The whole body once it has arrived; null if the connection closed or the body was cut off first. */
  arrived: Promise<Buffer | null>;
  /** Hands the held body on to whoever reads the request (Next.js). */
  release(): void;
  /** Gives up on the body (it was cut off): `arrived` resolves with null. */
  abandon(): void;
  /**
   * Lets the body go unread (the request is refused): what is held is dropped
   * and the rest flows on to its end, so Node drains it and the kept-alive
   * connection stays usable for the browser's next request.
   */
  drop(): void;
}

/**
 * Holds the body back: Node's HTTP parser hands every chunk to `req.push`
 * (as capBody relies on), so taking the chunks there keeps them from any
 * reader until `release()` pushes them on, followed by the end. Install it
 * before anything awaits, so no chunk slips past.
 */
export function holdBody(req: IncomingMessage): HeldBody {
  const push = req.push.bind(req);
  const chunks: Buffer[] = [];
  let settle: (b: Buffer | null) => void = () => undefined;
  const arrived = new Promise<Buffer | null>((resolve) => (settle = resolve));
  // A kept-alive connection carries many requests: take the listener off again.
  const closed = () => settle(null);
  let ended = false;
  const done = (b: Buffer | null) => {
    ended = true;
    req.push = push;
    req.socket.off("close", closed);
    settle(b);
  };
  req.push = (chunk: unknown) => {
    if (chunk === null || chunk === undefined) done(Buffer.concat(chunks));
    else chunks.push(Buffer.from(chunk as Buffer));
    return true;
  };
  req.socket.once("close", closed);
  return {
    arrived,
    release() {
      for (const c of chunks) push(c);
      push(null);
    },
    abandon: () => {
      req.socket.off("close", closed);
      settle(null);
    },
    drop() {
      req.socket.off("close", closed);
      if (ended) push(null);
      else req.push = push;
      settle(null);
    },
  };
}

/** The form's `reference` field, from a urlencoded or multipart body; null if there is none. */
export async function referenceOf(body: Buffer, contentType: string | undefined): Promise<string | null> {
  if (!contentType) return null;
  try {
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
    const value = form.get("reference");
    return typeof value === "string" && value.trim() ? value : null;
  } catch {
    return null;
  }
}
