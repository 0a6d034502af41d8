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
import { formDataOf, mutation } from "@/lib/actions/mutation";
import type { StaffActionState } from "@/lib/actions/staff-action-state";
import { db } from "@/lib/db";
import { clientIpFrom } from "@/lib/http/client-ip";

function localeOf(value: unknown): string {
  return typeof value === "string" && (routing.locales as readonly string[]).includes(value)
    ? value
    : routing.defaultLocale;
}

type SignInResult =
  | { kind: "invalid" }
  | { kind: "throttled"; retryAfterSeconds: number }
  | { kind: "ok"; role: Parameters<typeof landingPath>[0]; next: string | undefined };

const signInMutation = mutation({
  name: "signIn",
  access: "public",
  schema: signInSchema,
  // The password is checked as typed; every other field is cleaned like any form's.
  text: { verbatim: ["password"] },
  handler: async (input, { db }): Promise<SignInResult> => {
    const email = normaliseEmail(input.email);
    try {
      await signIn("credentials", { email, password: input.password, redirect: false });
    } catch (e) {
      if (e instanceof LoginThrottledError)
        return { kind: "throttled", retryAfterSeconds: e.throttled.retryAfterSeconds };
      if (e instanceof AuthError && e.type === "CredentialsSignin") return { kind: "invalid" };
      throw e;
    }
    const user = await db.user.findUnique({ where: { email }, select: { role: true } });
    return { kind: "ok", role: user?.role ?? "liaison", next: input.next };
  },
});

/**
 * Email + password sign-in (Auth.js Credentials, see lib/auth/config.ts) on the
 * mutation core (lib/actions/mutation.ts): the password check, throttling, the
 * new server-side session and auditing happen in authorize() → verifyLogin().
 * On success the browser is redirected to the page it asked for or the role's home.
 */
export async function signInAction(prev: StaffActionState, fd: FormData): Promise<StaffActionState> {
  const seq = (typeof prev?.seq === "number" && Number.isSafeInteger(prev.seq) ? prev.seq : 0) + 1;
  const outcome = await signInMutation(prev, fd);
  if (outcome.status === "malformed") return { seq, status: "error", code: "badRequest" };
  const raw = outcome.values as Record<string, string | undefined>;
  const values = { email: raw.email ?? "" };
  if (outcome.status === "invalid")
    return { seq, status: "error", code: "invalid", fieldErrors: outcome.fieldErrors, values };
  if (outcome.status === "failed") {
    const { code, errorId } = outcome.failure;
    return { seq, status: "error", code, ...(errorId ? { errorId } : {}), values };
  }
  const r = outcome.data;
  if (r.kind === "invalid") return { seq, status: "error", code: "loginInvalid", values };
  if (r.kind === "throttled") {
    // Seconds for short waits, minutes for long ones.
    const wait = r.retryAfterSeconds;
    return wait <= 90
      ? { seq, status: "error", code: "loginWait", params: { seconds: wait }, values }
      : { seq, status: "error", code: "loginThrottled", params: { minutes: Math.ceil(wait / 60) }, values };
  }
  redirect(landingPath(r.role, localeOf(raw.locale), r.next));
}

/** Plain form actions (the staff shell): they work without JavaScript and end on the sign-in page. */
async function endSessions(fd: FormData, everywhere: boolean): Promise<never> {
  // A crafted call without a form still just signs out.
  const locale = localeOf(formDataOf([fd])?.get("locale"));
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
