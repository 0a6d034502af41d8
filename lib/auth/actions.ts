"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { routing } from "@/i18n/routing";
import { LoginThrottledError, signIn, signOut } from "@/lib/auth/config";
import { getCurrentUser } from "@/lib/auth/current-user";
import { landingPath } from "@/lib/auth/paths";
import { normaliseEmail } from "@/lib/auth/password";
import { signInSchema } from "@/lib/auth/schemas";
import { signOutEverywhere, signOutSession } from "@/lib/auth/sign-out";
import { fieldErrorsOf, formDataToObject, type StaffActionState } from "@/lib/actions/staff-action-state";
import { db } from "@/lib/db";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logError } from "@/lib/log";

function localeOf(value: unknown): string {
  return typeof value === "string" && (routing.locales as readonly string[]).includes(value)
    ? value
    : routing.defaultLocale;
}

/** The form's message for a throttled attempt: seconds for short waits, minutes for long ones. */
function throttledState(seq: number, e: LoginThrottledError, values: Record<string, string>): StaffActionState {
  const wait = e.throttled.retryAfterSeconds;
  return wait <= 90
    ? { seq, status: "error", code: "loginWait", params: { seconds: wait }, values }
    : { seq, status: "error", code: "loginThrottled", params: { minutes: Math.ceil(wait / 60) }, values };
}

/**
 * Email + password sign-in (Auth.js Credentials, see lib/auth/config.ts): the
 * password check, throttling, the new server-side session and auditing happen
 * in authorize() → verifyLogin(). On success the browser is redirected to the
 * page it asked for or the role's home.
 */
export async function signInAction(prev: StaffActionState, fd: FormData): Promise<StaffActionState> {
  const seq = (prev?.seq ?? 0) + 1;
  const raw = formDataToObject(fd);
  const locale = localeOf(raw.locale);
  const values = { email: raw.email ?? "" };
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success)
    return { seq, status: "error", code: "invalid", fieldErrors: fieldErrorsOf(parsed.error), values };
  const email = normaliseEmail(parsed.data.email);
  try {
    await signIn("credentials", { email, password: parsed.data.password, redirect: false });
  } catch (e) {
    if (e instanceof LoginThrottledError) return throttledState(seq, e, values);
    if (e instanceof AuthError && e.type === "CredentialsSignin") {
      return { seq, status: "error", code: "loginInvalid", values };
    }
    const errorId = logError(e, { context: "signIn" });
    return { seq, status: "error", code: "unexpected", errorId, values };
  }
  const user = await (await db()).user.findUnique({ where: { email }, select: { role: true } });
  redirect(landingPath(user?.role ?? "liaison", locale, parsed.data.next));
}

/** Plain form actions (the staff shell): they work without JavaScript and end on the sign-in page. */
async function endSessions(fd: FormData, everywhere: boolean): Promise<never> {
  const locale = localeOf(fd.get("locale"));
  const user = await getCurrentUser();
  if (user) {
    const ctx = { actor: user, ip: clientIpFrom(await headers()), sessionId: user.sessionId };
    if (everywhere) await signOutEverywhere(await db(), ctx);
    else await signOutSession(await db(), ctx);
  }
  // Deletes the cookie; the session row has ended above (a copied cookie is refused from now on).
  await signOut({ redirect: false });
  redirect(`/${locale}/login?signedOut=${everywhere ? "everywhere" : "1"}`);
}

export async function signOutAction(fd: FormData): Promise<void> {
  await endSessions(fd, false);
}

/** Ends every session of the signed-in user, on every device. */
export async function signOutEverywhereAction(fd: FormData): Promise<void> {
  await endSessions(fd, true);
}
