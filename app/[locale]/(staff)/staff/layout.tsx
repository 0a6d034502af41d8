import type { ReactNode } from "react";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { StaffShell } from "@/components/staff/staff-shell";
import { getCurrentUser } from "@/lib/auth/current-user";
import { loginPath, REQUEST_PATH_HEADER, safeNext } from "@/lib/auth/paths";
import { can } from "@/lib/auth/permissions";

/**
 * The staff area's shell. It refuses liaisons and anonymous visitors too, but
 * it is not the lock: every page and action below checks its own permission in
 * its data functions (layouts do not re-run on client navigation).
 */
export default async function StaffLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await getCurrentUser();
  if (!user) {
    const requested = safeNext((await headers()).get(REQUEST_PATH_HEADER));
    redirect(loginPath(locale, requested ?? `/${locale}/staff`));
  }
  if (!can(user, "read:staff-area:any")) forbidden();
  return <StaffShell user={user}>{children}</StaffShell>;
}
