import { getFormatter, getTranslations } from "next-intl/server";
import type { StatusView } from "@/lib/victims/status-view";

/** The report's stage, its case's size and what was asked of organisations, in plain words. */
export async function StatusDetails({ view }: { view: StatusView }) {
  const t = await getTranslations("status");
  const format = await getFormatter();
  return (
    <>
      <section aria-labelledby="status-stage" className="space-y-2">
        <h2 id="status-stage" className="text-lg font-semibold">
          {t("stageHeading")}
        </h2>
        <p className="rounded-md bg-slate-100 p-4 text-slate-900" data-testid="status-stage">
          {t(`stages.${view.stage}`)}
        </p>
        <p className="text-sm text-slate-700">
          {t("submittedOn", {
            date: format.dateTime(view.submittedAt, { dateStyle: "long", timeZone: "Asia/Shanghai" }),
          })}
        </p>
      </section>
      <section aria-labelledby="status-case" className="space-y-2">
        <h2 id="status-case" className="text-lg font-semibold">
          {t("caseHeading")}
        </h2>
        <p data-testid="status-case">
          {view.caseSize
            ? t("caseSize", { reports: view.caseSize.reports, victims: view.caseSize.victims })
            : t("notJoined")}
        </p>
      </section>
      <section aria-labelledby="status-requests" className="space-y-2">
        <h2 id="status-requests" className="text-lg font-semibold">
          {t("requestsHeading")}
        </h2>
        {view.requests.length === 0 ? (
          <p>{t("noRequests")}</p>
        ) : (
          <ul className="list-disc space-y-2 pl-6" data-testid="status-requests">
            {view.requests.map((r) => (
              <li key={`${r.kind}-${r.orgKind}`}>
                {t(`requestKinds.${r.kind}`, { count: r.count, org: t("org", { org: r.orgKind }) })}
                {r.answers.length > 0 ? (
                  <ul className="mt-1 list-[circle] pl-6 text-slate-800">
                    {r.answers.map((a) => (
                      <li key={a.outcome}>{t(`outcomes.${a.outcome}`, { count: a.count })}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
