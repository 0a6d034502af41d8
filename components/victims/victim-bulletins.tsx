import { getFormatter, getTranslations } from "next-intl/server";
import type { VictimBulletin } from "@/lib/victims/bulletins";

/**
 * Bulletins on a victim's status page (from bulletinsForReport, called by
 * the page after the PIN was checked). A bulletin not written in the
 * victim's language is shown in the other, with a note saying so.
 */
export async function VictimBulletins({ bulletins, locale }: { bulletins: VictimBulletin[]; locale: string }) {
  const t = await getTranslations("bulletins");
  const format = await getFormatter();
  const otherLang = locale === "en" ? "zh-CN" : "en";
  return (
    <section aria-labelledby="victim-bulletins-h" className="space-y-3">
      <h2 id="victim-bulletins-h" className="text-lg font-semibold">
        {t("victimTitle")}
      </h2>
      {bulletins.length ? (
        <ul className="space-y-3">
          {bulletins.map((b) => (
            <li key={b.id} className="rounded-md border border-slate-200 bg-white p-3" data-testid="victim-bulletin">
              <p className="text-sm text-slate-700">
                {t("postedAt", { date: format.dateTime(b.postedAt, { dateStyle: "medium", timeStyle: "short" }) })}
              </p>
              {b.fallback ? <p className="mt-1 text-sm text-slate-700">{t("fallbackNote")}</p> : null}
              <p lang={b.fallback ? otherLang : locale} className="mt-1 whitespace-pre-line">
                {b.text}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">{t("victimNone")}</p>
      )}
    </section>
  );
}
