import { getTranslations, setRequestLocale } from "next-intl/server";

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("home");
  const c = await getTranslations("common");
  const l = await getTranslations("lookup");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-slate-700">{c("tagline")}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <a
          href={`/${locale}/report`}
          className="block rounded-lg bg-brand-700 p-5 text-white no-underline shadow hover:bg-brand-800"
        >
          <span className="block text-lg font-semibold">{t("reportCta")}</span>
          <span className="mt-1 block text-sm text-white">{t("reportHint")}</span>
        </a>
        <a
          href={`/${locale}/lookup`}
          className="block rounded-lg border-2 border-brand-700 bg-white p-5 text-brand-800 no-underline shadow hover:bg-brand-50"
        >
          <span className="block text-lg font-semibold">{l("homeCta")}</span>
          <span className="mt-1 block text-sm text-slate-700">{l("homeHint")}</span>
        </a>
        <a
          href={`/${locale}/status`}
          className="block rounded-lg border border-brand-700 bg-white p-5 text-brand-800 no-underline shadow hover:bg-brand-50"
        >
          <span className="block text-lg font-semibold">{t("statusCta")}</span>
          <span className="mt-1 block text-sm text-slate-700">{t("statusHint")}</span>
        </a>
      </div>
    </div>
  );
}
