import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/i18n/page-title";
import { db } from "@/lib/db";
import { pageData, pageUser } from "@/lib/auth/page";
import { liaisonPerformance } from "@/lib/liaison";

export const dynamic = "force-dynamic";

export const generateMetadata = pageTitle("liaisonStats");

/** Per organisation: requests sent, median times to acknowledge and to answer, share answered in time. */
export default async function LiaisonPerformancePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = "/staff/liaison-performance";
  const user = await pageUser(locale, path, "read:request:any");
  const client = await db();
  const rows = await pageData(locale, path, () => liaisonPerformance(client, { actor: user }));
  const t = await getTranslations("liaisonStats");
  const format = await getFormatter();
  const duration = (s: number | null) =>
    s === null
      ? t("noValue")
      : s < 48 * 3600
        ? t("duration", { hours: s / 3600 })
        : t("durationDays", { days: s / 86400 });
  const cell = "px-3 py-2 text-right tabular-nums whitespace-nowrap";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t("intro")}</p>
      </div>
      {rows.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="p-3 text-left font-semibold">{t("caption")}</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("colOrganisation")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colKind")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("colSent")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("colAcknowledge")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("colAnswer")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("colOnTime")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.orgId} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {r.name}
                  </th>
                  <td className="px-3 py-2">{t(`orgKinds.${r.kind}`)}</td>
                  <td className={cell}>{format.number(r.sent)}</td>
                  <td className={cell}>{duration(r.medianAcknowledgeSeconds)}</td>
                  <td className={cell}>{duration(r.medianAnswerSeconds)}</td>
                  <td className={cell}>
                    {r.judged === 0
                      ? t("noValue")
                      : t("share", {
                          share: r.answeredOnTime / r.judged,
                          answered: r.answeredOnTime,
                          judged: r.judged,
                        })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="definitions" className="max-w-3xl space-y-2 text-sm text-slate-800">
        <h2 id="definitions" className="text-lg font-semibold">
          {t("definitions")}
        </h2>
        <p>{t("defAcknowledge")}</p>
        <p>{t("defAnswer")}</p>
        <p>{t("defOnTime")}</p>
      </section>
    </div>
  );
}
