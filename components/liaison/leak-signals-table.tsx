import { getFormatter, getTranslations } from "next-intl/server";
import type { LeakSignal } from "@/lib/liaison/signals";
import { createLeakNoticeForm } from "@/lib/liaison/actions";
import { Submit } from "@/components/cases/forms";

/**
 * The platform signals table (server component): one row per signalled shop,
 * the shop's name as the row header. Cases link to their pages; the last
 * column offers a data-leak notice when the shop is an organisation, no notice
 * is open and the visitor may create requests. A plain form: works without
 * JavaScript. On a phone the table scrolls sideways inside its frame (positioned,
 * so the buttons' screen-reader text is clipped with it instead of widening the page).
 */
export async function LeakSignalsTable({
  locale,
  signals,
  canCreate,
}: {
  locale: string;
  signals: LeakSignal[];
  canCreate: boolean;
}) {
  const t = await getTranslations("signals");
  const format = await getFormatter();
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const th = "px-3 py-2 font-semibold";
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-300 bg-white">
      <table className="min-w-[56rem] text-left text-sm">
        <caption className="px-3 pt-3 text-left font-medium">{t("caption")}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className={th}>
              {t("colShop")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("colVictims")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("colReports")}
            </th>
            <th scope="col" className={th}>
              {t("colPeriod")}
            </th>
            <th scope="col" className={th}>
              {t("colCases")}
            </th>
            <th scope="col" className={th}>
              {t("colCouriers")}
            </th>
            <th scope="col" className={th}>
              {t("colNotice")}
            </th>
          </tr>
        </thead>
        <tbody>
          {signals.map((s) => (
            <tr key={s.platform.id} id={`shop-${s.platform.id}`} className="border-t border-slate-200 align-top">
              <th scope="row" className="px-3 py-2 font-semibold">
                <span className="break-words">{s.platform.name}</span>
                {s.ongoing ? (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                    {t("ongoing")}
                  </span>
                ) : null}
                <span className="block text-xs font-normal text-slate-700">
                  {t("allVictims", { count: s.allVictims })}
                </span>
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{s.victims}</td>
              <td className="px-3 py-2 text-right tabular-nums">{s.reports}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {t("period", { from: day(s.firstDate), to: day(s.lastDate) })}
              </td>
              <td className="px-3 py-2">
                <ul className="space-y-0.5">
                  {s.cases.map((c) => (
                    <li key={c.number} className="whitespace-nowrap">
                      <a href={`/${locale}/staff/cases/${c.number}`} className="font-mono text-brand-700 underline">
                        {c.number}
                      </a>{" "}
                      <span className="text-slate-700">({t("caseReports", { count: c.reports })})</span>
                    </li>
                  ))}
                </ul>
                {s.caseCount > s.cases.length ? (
                  <p className="text-slate-700">{t("moreCases", { count: s.caseCount - s.cases.length })}</p>
                ) : null}
                {s.reportsWithoutCase > 0 ? (
                  <p className="text-slate-700">{t("withoutCase", { count: s.reportsWithoutCase })}</p>
                ) : null}
              </td>
              <td className="px-3 py-2">
                {s.couriers.length === 0 ? (
                  t("noCouriers")
                ) : (
                  <ul className="space-y-0.5">
                    {s.couriers.map((c) => (
                      <li key={c.code ?? c.name}>
                        {c.code ? t(`courier.${c.code}`) : c.name}{" "}
                        <span className="text-slate-700">({t("caseReports", { count: c.reports })})</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="min-w-60 px-3 py-2">
                <NoticeCell locale={locale} signal={s} canCreate={canCreate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function NoticeCell({ locale, signal, canCreate }: { locale: string; signal: LeakSignal; canCreate: boolean }) {
  const t = await getTranslations("signals");
  return (
    <div className="space-y-2">
      {signal.notices.length > 0 ? (
        <ul className="space-y-0.5">
          {signal.notices.map((n) => (
            <li key={n.number}>{t("notice", { number: n.number, status: t(`status.${n.status}`) })}</li>
          ))}
        </ul>
      ) : null}
      {signal.openNotice ? null : signal.organisation ? (
        canCreate ? (
          <form action={createLeakNoticeForm} className="space-y-1">
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="platformId" value={signal.platform.id} />
            <Submit>
              {t("send")}
              <span className="sr-only"> — {signal.platform.name}</span>
            </Submit>
            <p className="text-xs text-slate-700">{t("sendTo", { organisation: signal.organisation.name })}</p>
          </form>
        ) : null
      ) : (
        <p className="text-slate-700">{t("noOrganisation")}</p>
      )}
    </div>
  );
}
