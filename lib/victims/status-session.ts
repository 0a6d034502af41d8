import "server-only";
import { cookies, headers } from "next/headers";
import { db as appDb, type Db } from "@/lib/db";
import { appOrigin } from "@/lib/env";
import { isFromEdge } from "@/lib/http/edge-mark";
import { logError } from "@/lib/log";
import { routing } from "@/i18n/routing";
import { hashStatusToken } from "./status-auth";

/**
 * The victim's short sign-in to one report (after a correct reference + PIN).
 * The cookie holds a random token; the StatusSession row (by the token's
 * SHA-256) decides, so every app server agrees and sign-out ends it at once.
 *
 * The cookie is scoped to the status pages: one copy per locale path
 * (/zh-CN/status and /en/status), so switching language keeps the sign-in
 * while no other page (report form, staff area) ever receives it. The copies
 * have names of their own (status_session.en, status_session.zh-CN): Next's
 * cookie store keeps one cookie per name in a response.
 */
export const STATUS_COOKIE = "status_session";

export function statusCookies(): { name: string; path: string }[] {
  return routing.locales.map((l) => ({ name: `${STATUS_COOKIE}.${l}`, path: `/${l}/status` }));
}

export interface StatusReport {
  reportId: number;
  reference: string;
}

/** The open session behind a token, or null (unknown, ended or expired). */
export async function findStatusSession(db: Db, token: string, now = new Date()): Promise<StatusReport | null> {
  if (!token) return null;
  const row = await db.statusSession.findUnique({
    where: { tokenHash: hashStatusToken(token) },
    select: { endedAt: true, expiresAt: true, report: { select: { id: true, reference: true } } },
  });
  if (!row || row.endedAt || row.expiresAt <= now) return null;
  return { reportId: row.report.id, reference: row.report.reference };
}

/** Ends the session behind a token (sign-out). Returns the report it was for, if it was open. */
export async function endStatusSession(db: Db, token: string, now = new Date()): Promise<StatusReport | null> {
  const open = await findStatusSession(db, token, now);
  if (!open) return null;
  await db.statusSession.updateMany({
    where: { tokenHash: hashStatusToken(token), endedAt: null },
    data: { endedAt: now },
  });
  return open;
}

/** The report the current request is signed in to, or null. For pages and the additions form's action. */
export async function currentStatusReport(): Promise<StatusReport | null> {
  const token = await statusCookieToken();
  if (!token) return null;
  return findStatusSession(await appDb(), token);
}

/** The cookie token of this request ("" when none): the browser sends only the copy of the page's path. */
export async function statusCookieToken(): Promise<string> {
  const jar = await cookies();
  for (const { name } of statusCookies()) {
    const value = jar.get(name)?.value;
    if (value) return value;
  }
  return "";
}

/** Secure when the app is served over HTTPS (APP_URL) or this request came in over HTTPS. */
async function secureCookie(): Promise<boolean> {
  if (appOrigin().startsWith("https:")) return true;
  const h = await headers();
  return isFromEdge(h) && h.get("x-forwarded-proto") === "https";
}

export async function setStatusCookie(token: string, expiresAt: Date): Promise<void> {
  const jar = await cookies();
  const secure = await secureCookie();
  for (const { name, path } of statusCookies()) {
    jar.set({ name, value: token, path, httpOnly: true, sameSite: "lax", secure, expires: expiresAt });
  }
}

export async function clearStatusCookie(): Promise<void> {
  const jar = await cookies();
  const secure = await secureCookie();
  for (const { name, path } of statusCookies()) {
    jar.set({ name, value: "", path, httpOnly: true, sameSite: "lax", secure, maxAge: 0 });
  }
}

const KEEP_ENDED_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 10 * 60_000;
let lastPrune = -Infinity;

/** Deletes sessions ended or expired a day ago, at most every ten minutes per server. */
export function pruneStatusSessionsSoon(db: Db, now = Date.now()): void {
  if (now - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = now;
  const before = new Date(now - KEEP_ENDED_MS);
  db.statusSession
    .deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { endedAt: { lt: before } }] } })
    .catch((e) => logError(e, { context: "pruneStatusSessions" }));
}
