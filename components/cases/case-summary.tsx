import { getFormatter, getTranslations } from "next-intl/server";
import type { CaseHead } from "@/lib/cases";
import { formatMinor } from "@/lib/vocab";
import { Section } from "./forms";

/**
 * The case's figures: loss (per currency) with what the organisations froze
 * and returned next to it, reports and victims, period, provinces, platforms,
 * and how many requests are overdue (said in words, with a link to them).
 */
export async function CaseSummary({ c, locale }: { c: CaseHead; locale: string }) {
  const t = await getTranslations("cases");
  const o = await getTranslations("options");
  const format = await getFormatter();
  const day = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" }) : "—");
  const cny = (m: bigint) => formatMinor(m, "CNY", locale);
  return (
    <Section id="summary" title={t("summary")}>
      <dl className="grid gap-3 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-700">{t("lossTotal")}</dt>
          <dd className="text-lg font-semibold">
            {c.lossByCurrency.length
              ? c.lossByCurrency.map((l) => formatMinor(l.minor, l.currency.trim(), locale)).join(" + ")
              : "—"}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">{t("frozenTotal")}</dt>
          <dd className="text-lg font-semibold" data-testid="case-frozen">
            {cny(c.frozenMinor)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">{t("recoveredTotal")}</dt>
          <dd className="text-lg font-semibold">{cny(c.recoveredMinor)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">
            {t("reports")} / {t("victims")}
          </dt>
          <dd className="text-lg font-semibold">
            {c.reportCount} / {c.victimCount}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">{t("period")}</dt>
          <dd>
            {day(c.firstIncident)} – {day(c.lastIncident)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">{t("overdueRequests")}</dt>
          <dd className={c.overdueRequests ? "font-semibold text-red-800" : undefined}>
            {c.overdueRequests ? (
              <a href="#requests" className="underline">
                {t("overdueRequestsCount", { count: c.overdueRequests })}
              </a>
            ) : (
              t("overdueRequestsNone")
            )}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">{t("provinces")}</dt>
          <dd>{c.provinces.map((p) => o(`province.${p}` as never)).join(", ") || "—"}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-sm text-slate-700">{t("platforms")}</dt>
          <dd>{c.platforms.join(", ") || "—"}</dd>
        </div>
      </dl>
    </Section>
  );
}
