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
import { fieldErrorsOf, formDataToObject, type StaffActionState } from "@/lib/actions/staff-action-state";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logError } from "@/lib/log";

function localeOf(value: unknown): string {
  return typeof value === "string" && (routing.locales as readonly string[]).includes(value)
    ? value
    : routing.defaultLocale;
}

/**
 * Email + password sign-in (Auth.js Credentials, see lib/auth/config.ts): the
 * password check, throttling and auditing happen in authorize(). On success the
 * browser is redirected to the page it asked for or the role's home.
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
    if (e instanceof AuthError && e.type === "CredentialsSignin") {
      if ((e as AuthError & { code?: string }).code === "throttled") {
        return {
          seq,
          status: "error",
          code: "loginThrottled",
          params: { minutes: env().LOGIN_THROTTLE_WINDOW_MINUTES },
          values,
        };
      }
      return { seq, status: "error", code: "loginInvalid", values };
    }
    const errorId = logError(e, { context: "signIn" });
    return { seq, status: "error", code: "unexpected", errorId, values };
  }
  const user = await (await db()).user.findUnique({ where: { email }, select: { role: true } });
  redirect(landingPath(user?.role ?? "liaison", locale, parsed.data.next));
}

export async function signOutAction(fd: FormData): Promise<void> {
  const locale = localeOf(fd.get("locale"));
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
