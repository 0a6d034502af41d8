"use server";
import { redirect } from "next/navigation";
import { formDataOf, mutation } from "@/lib/actions/mutation";
import { routing } from "@/i18n/routing";
import { recordAudit } from "@/lib/audit/record";
import { checkStatusPin } from "./status-auth";
import { statusSignInSchema, statusSignOutSchema, type StatusSignInState } from "./status-form";
import {
  clearStatusCookie,
  endStatusSession,
  pruneStatusSessionsSoon,
  setStatusCookie,
  statusCookieToken,
} from "./status-session";

function localeOf(value: unknown): string {
  return typeof value === "string" && (routing.locales as readonly string[]).includes(value)
    ? value
    : routing.defaultLocale;
}

const signIn = mutation({
  name: "statusSignIn",
  access: "public",
  schema: statusSignInSchema,
  // The PIN is compared as typed (after trimming by the schema); nothing else needs lines.
  text: { multiline: [], verbatim: ["pin"] },
  handler: async (input, { db, ip }) => {
    const result = await checkStatusPin(db, { actor: null, ip }, input);
    if (result.ok) {
      await setStatusCookie(result.token, result.expiresAt);
      pruneStatusSessionsSoon(db);
    }
    return result.ok ? ({ ok: true } as const) : ({ ok: false, reason: result.reason } as const);
  },
});

/**
 * Reference + PIN (the receipt's) → a short sign-in to that one report, then
 * its status page. A wrong PIN, an unknown reference and a throttled attempt
 * come back to the form with their message; the first two read the same.
 */
export async function statusSignInAction(prev: StatusSignInState, form: FormData): Promise<StatusSignInState> {
  const seq = (typeof prev?.seq === "number" && Number.isSafeInteger(prev.seq) ? prev.seq : 0) + 1;
  const fd = formDataOf([prev, form]);
  const outcome = await signIn(prev, form);
  if (outcome.status === "malformed") return { seq, status: "error", code: "badRequest" };
  const reference = String((outcome.values as { reference?: unknown }).reference ?? "").slice(0, 40);
  if (outcome.status === "invalid")
    return { seq, status: "error", code: "checkFields", fieldErrors: outcome.fieldErrors, reference };
  if (outcome.status === "failed") {
    const { code, errorId } = outcome.failure;
    return { seq, status: "error", code, ...(errorId ? { errorId } : {}), reference };
  }
  if (!outcome.data.ok) return { seq, status: "error", code: outcome.data.reason, reference };
  redirect(`/${localeOf(fd?.get("locale"))}/status/report`);
}

const signOut = mutation({
  name: "statusSignOut",
  access: "public",
  schema: statusSignOutSchema,
  handler: async (_input, { db, ip }) => {
    const ended = await endStatusSession(db, await statusCookieToken());
    await clearStatusCookie();
    if (ended) {
      await recordAudit(db, {
        actorId: null,
        action: "status.signout",
        resourceType: "report",
        resourceId: ended.reference,
        ip,
      });
    }
  },
});

/** "Sign out of this report": ends the session and its cookie, back to the empty form. A plain form action. */
export async function statusSignOutAction(form: FormData): Promise<void> {
  await signOut(form);
  redirect(`/${localeOf(form instanceof FormData ? form.get("locale") : null)}/status`);
}
