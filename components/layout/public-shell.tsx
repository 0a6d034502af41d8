import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { LocaleSwitch } from "./locale-switch";

/** Header, emergency notice and footer of the public pages (server-rendered, no JS). */
export async function PublicShell({ children }: { children: ReactNode }) {
  const t = await getTranslations("common");
  const locale = await getLocale();
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        {t("skipToContent")}
      </a>
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
          <a href={`/${locale}`} className="font-semibold text-white no-underline">
            {t("appName")}
          </a>
          <LocaleSwitch label={t("language")} current={locale} />
        </div>
      </header>
      <p className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950">{t("emergency")}</p>
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        {children}
      </main>
      <footer className="mx-auto max-w-3xl px-4 pb-8 text-sm text-slate-600">{t("footer")}</footer>
    </>
  );
}
