import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatMinor } from "@/lib/vocab";
import { acknowledgeRequestForm } from "@/lib/liaison/actions";
import type { RequestView } from "@/lib/liaison";
import { chinaTime, OverdueBadge } from "./bits";

/**
 * What the investigator sent, as sent: organisation, number, kind, status,
 * times, the message, and the case number as a reference to quote (liaisons
 * never see case pages, so it links nowhere). Acknowledge while not yet done.
 */
export async function RequestSummary({ r, locale }: { r: RequestView; locale: string }) {
  const t = await getTranslations("portal");
  const format = await getFormatter();
  const row = (label: string, value: ReactNode, testId?: string) => (
    <div>
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <section
      id="details"
      aria-labelledby="details-h"
      className="space-y-4 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="details-h" className="text-lg font-semibold">
        {t("request.details")}
      </h2>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {row(t("request.organisation"), r.org.name)}
        {row(t("request.number"), r.number)}
        {row(t("request.kind"), t(`kinds.${r.kind}`))}
        {row(
          t("request.status"),
          <>
            {t(`statuses.${r.status}`)}
            {r.overdue ? <OverdueBadge>{t("overdue")}</OverdueBadge> : null}
          </>,
          "request-status",
        )}
        {row(t("request.sentAt"), chinaTime(format, r.sentAt))}
        {row(
          t("request.dueAt"),
          <span className={r.overdue ? "text-red-900" : undefined}>
            {r.dueAt ? chinaTime(format, r.dueAt) : t("request.noDue")}
          </span>,
        )}
        {row(
          t("request.acknowledgedAt"),
          r.acknowledgedAt ? chinaTime(format, r.acknowledgedAt) : t("request.notAcknowledged"),
        )}
        {row(
          t("request.caseNumber"),
          <>
            <span>{r.caseNumber}</span>
            <span className="block text-sm font-normal text-slate-700">{t("request.caseHint")}</span>
          </>,
        )}
        {r.followUpOf ? row(t("request.followUpOf"), r.followUpOf) : null}
        {row(t("request.victimCount"), r.victimCount)}
        {r.frozenMinor > 0n ? row(t("request.frozenTotal"), formatMinor(r.frozenMinor, "CNY", locale)) : null}
      </dl>
      <p className="text-sm text-slate-700">{t("timeZone")}</p>

      <div>
        <h3 className="font-semibold">{t("request.message")}</h3>
        {r.body.trim() ? (
          <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3">{r.body}</p>
        ) : (
          <p className="mt-1 text-slate-700">{t("request.noMessage")}</p>
        )}
      </div>

      {r.status === "closed" ? (
        <p className="rounded-md bg-slate-100 p-3">{t("request.closed")}</p>
      ) : !r.acknowledgedAt ? (
        <form action={acknowledgeRequestForm} className="space-y-1">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="number" value={r.number} />
          <button
            type="submit"
            aria-describedby="ack-hint"
            className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
          >
            {t("request.acknowledge")}
          </button>
          <p id="ack-hint" className="text-sm text-slate-700">
            {t("request.acknowledgeHint")}
          </p>
        </form>
      ) : null}

      <nav aria-labelledby="downloads-h">
        <h3 id="downloads-h" className="font-semibold">
          {t("downloads.title")}
        </h3>
        <ul className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          {(["csv", "json", "pdf"] as const).map((f) => (
            <li key={f}>
              <a
                href={`/api/liaison/requests/${encodeURIComponent(r.number)}/export/${f}?locale=${locale}`}
                className="text-brand-700 underline"
              >
                {t(`downloads.${f}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </section>
  );
}
