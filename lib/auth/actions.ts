"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { routing } from "@/i18n/routing";
import { signIn, signOut } from "@/lib/auth/config";
import { getCurrentUser } from "@/lib/auth/current-user";
import { landingPath } from "@/lib/auth/paths";
import { normaliseEmail } from "@/lib/auth/password";
import { signInSchema } from "@/lib/auth/schemas";
import { formDataOf, mutation } from "@/lib/actions/mutation";
import type { StaffActionState } from "@/lib/actions/staff-action-state";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";

function localeOf(value: unknown): string {
  return typeof value === "string" && (routing.locales as readonly string[]).includes(value)
    ? value
    : routing.defaultLocale;
}

const signInMutation = mutation({
  name: "signIn",
  access: "public",
  schema: signInSchema,
  // The password is checked as typed; every other field is cleaned like any form's.
  text: { verbatim: ["password"] },
  handler: async (input, { db }) => {
    const email = normaliseEmail(input.email);
    try {
      await signIn("credentials", { email, password: input.password, redirect: false });
    } catch (e) {
      if (e instanceof AuthError && e.type === "CredentialsSignin") {
        return (e as AuthError & { code?: string }).code === "throttled" ? "loginThrottled" : "loginInvalid";
      }
      throw e;
    }
    const user = await db.user.findUnique({ where: { email }, select: { role: true } });
    return { role: user?.role ?? "liaison", next: input.next };
  },
});

/**
 * Email + password sign-in (Auth.js Credentials, see lib/auth/config.ts) on the
 * mutation core (lib/actions/mutation.ts): the password check, throttling and
 * auditing happen in authorize(). On success the browser is redirected to the
 * page it asked for or the role's home.
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
  if (r === "loginThrottled")
    return { seq, status: "error", code: r, params: { minutes: env().LOGIN_THROTTLE_WINDOW_MINUTES }, values };
  if (r === "loginInvalid") return { seq, status: "error", code: r, values };
  redirect(landingPath(r.role, localeOf(raw.locale), r.next));
}

export async function signOutAction(fd: FormData): Promise<void> {
  // A crafted call without a form still just signs out.
  const locale = localeOf(formDataOf([fd])?.get("locale"));
  const user = await getCurrentUser();
  if (user) {
    await recordAudit(await db(), {
      actorId: user.id,
      action: "auth.logout",
      resourceType: "user",
      resourceId: user.id,
      ip: clientIpFrom(await headers()),
    });
  }
  await signOut({ redirect: false });
  redirect(`/${locale}/login?signedOut=1`);
}
