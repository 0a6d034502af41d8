import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageUser } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "staff" });
  return { title: t("home.title") };
}

export default async function StaffHomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await pageUser(locale, "/staff", "read:staff-area:any");
  const t = await getTranslations("staff");
  const links = [
    can(user, "read:case:any") && { href: `/${locale}/staff/cases`, title: t("nav.cases"), hint: t("home.casesHint") },
    can(user, "manage:user:any") && {
      href: `/${locale}/staff/admin/users`,
      title: t("nav.users"),
      hint: t("home.usersHint"),
    },
    can(user, "read:audit:any") && {
      href: `/${locale}/staff/admin/audit`,
      title: t("nav.audit"),
      hint: t("home.auditHint"),
    },
  ].filter((l): l is { href: string; title: string; hint: string } => !!l);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("home.title")}</h1>
        <p className="mt-1 text-slate-700">
          {t("home.welcome", { name: user.name || user.email, role: t(`roles.${user.role}`) })}
        </p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {links.map((l) => (
          <li key={l.href}>
            <a
              href={l.href}
              className="block h-full rounded-lg border border-slate-300 bg-white p-4 no-underline shadow-sm hover:border-brand-700"
            >
              <span className="block font-semibold text-brand-800">{l.title}</span>
              <span className="mt-1 block text-sm text-slate-700">{l.hint}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
