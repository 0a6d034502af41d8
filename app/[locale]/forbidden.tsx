import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { homePathFor } from "@/lib/auth/paths";

/** 403 for any page under a locale (forbidden() in a page, layout or data function). */
export default async function Forbidden() {
  const locale = await getLocale();
  const t = await getTranslations("staff");
  const user = await getCurrentUser().catch(() => null);
  const home = user ? homePathFor(user.role, locale) : `/${locale}`;
  return (
    <main id="main" className="mx-auto max-w-xl space-y-4 px-4 py-12">
      <h1 className="text-2xl font-bold">{t("forbidden.title")}</h1>
      <p className="text-slate-700">{t("forbidden.body")}</p>
      <p>
        <a href={home} className="text-brand-700 underline">
          {t("forbidden.back")}
        </a>
      </p>
    </main>
  );
}
