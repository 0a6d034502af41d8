import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { signOutAction, signOutEverywhereAction } from "@/lib/auth/actions";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { LocaleSwitch } from "@/components/layout/locale-switch";

interface NavItem {
  href: string;
  label: string;
}

/**
 * Header of the staff and liaison pages (server-rendered; the user menu is a
 * <details> element and sign-out a plain form, so both work without JavaScript).
 * Without a user (the sign-in page) it shows only the name and language switch.
 */
export async function StaffShell({ user, children }: { user?: CurrentUser | null; children: ReactNode }) {
  const locale = await getLocale();
  const c = await getTranslations("common");
  const t = await getTranslations("staff");
  const d = await getTranslations("dashboard");
  const sn = await getTranslations("sharedNumbers");
  const ls = await getTranslations("liaisonStats");
  const sg = await getTranslations("signals");
  const lk = await getTranslations("lookup.admin");
  const nav: NavItem[] = [];
  if (user && can(user, "read:staff-area:any")) {
    nav.push({ href: `/${locale}/staff`, label: t("nav.home") });
    if (can(user, "read:case:any")) nav.push({ href: `/${locale}/staff/cases`, label: t("nav.cases") });
    if (can(user, "read:case:any")) nav.push({ href: `/${locale}/staff/dashboard`, label: d("navLabel") });
    if (can(user, "read:case:any")) nav.push({ href: `/${locale}/staff/shared-numbers`, label: sn("navLabel") });
    if (can(user, "read:request:any"))
      nav.push({ href: `/${locale}/staff/liaison-performance`, label: ls("navLabel") });
    if (can(user, "read:signal:any")) nav.push({ href: `/${locale}/staff/signals`, label: sg("navLabel") });
    if (can(user, "manage:user:any")) nav.push({ href: `/${locale}/staff/admin/users`, label: t("nav.users") });
    if (can(user, "manage:api-key:any")) nav.push({ href: `/${locale}/staff/admin/api-keys`, label: lk("nav") });
    if (can(user, "read:audit:any")) nav.push({ href: `/${locale}/staff/admin/audit`, label: t("nav.audit") });
  }
  // Liaisons work in the portal: their organisation's requests, nothing of the staff area.
  const liaison = !!user && can(user, "read:request:own-org");
  if (liaison) nav.push({ href: `/${locale}/portal`, label: t("nav.inbox") });
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        {c("skipToContent")}
      </a>
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
          <p className="font-semibold">
            {c("appName")}{" "}
            <span className="ml-1 rounded bg-slate-700 px-2 py-0.5 text-xs font-medium">
              {liaison ? (user?.orgName ?? t("badgeLiaison")) : t("badge")}
            </span>
          </p>
          <div className="flex items-center gap-4">
            <LocaleSwitch label={c("language")} current={locale} />
            {user ? (
              <details className="relative">
                <summary className="cursor-pointer rounded px-2 py-1 text-sm underline-offset-2 hover:underline">
                  {t("userMenu", { name: user.name || user.email })}
                </summary>
                <div className="absolute right-0 z-10 mt-2 w-64 rounded-md border border-slate-300 bg-white p-3 text-sm text-slate-900 shadow-lg">
                  <p className="break-all">{user.email}</p>
                  <p className="text-slate-700">
                    {t(`roles.${user.role}`)}
                    {user.orgName ? ` · ${user.orgName}` : ""}
                  </p>
                  <form action={signOutAction} className="mt-3">
                    <input type="hidden" name="locale" value={locale} />
                    <button
                      type="submit"
                      className="w-full rounded-md bg-slate-800 px-3 py-2 font-medium text-white hover:bg-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                    >
                      {t("signOut")}
                    </button>
                  </form>
                  <form action={signOutEverywhereAction} className="mt-3 border-t border-slate-200 pt-3">
                    <input type="hidden" name="locale" value={locale} />
                    <button
                      type="submit"
                      aria-describedby="sign-out-everywhere-hint"
                      className="w-full rounded-md border border-slate-400 px-3 py-2 font-medium text-slate-900 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                    >
                      {t("signOutEverywhere")}
                    </button>
                    <p id="sign-out-everywhere-hint" className="mt-1 text-xs text-slate-700">
                      {t("signOutEverywhereHint")}
                    </p>
                  </form>
                </div>
              </details>
            ) : null}
          </div>
        </div>
        {nav.length > 0 ? (
          <nav aria-label={t("nav.label")} className="border-t border-slate-700">
            <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-5 gap-y-1 px-4 py-2 text-sm">
              {nav.map((n) => (
                <li key={n.href}>
                  <a href={n.href} className="text-white underline-offset-2 hover:underline">
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
