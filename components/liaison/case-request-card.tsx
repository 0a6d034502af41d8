import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestView } from "@/lib/liaison";
import { closeRequestForm, discardDraftForm, sendRequestForm } from "@/lib/liaison/actions";
import { formatMinor } from "@/lib/vocab";
import { Submit } from "@/components/cases/forms";

/**
 * One request of the case as the investigator sees it: number, organisation,
 * kind, status and times (overdue said in words, not by colour alone), each
 * identifier with what was paid to it and the organisation's answer, exactly
 * which victim data was shared and why, the request's files, and the next
 * steps (send or discard a draft, close an open request) as plain forms.
 */
export async function CaseRequestCard({
  r,
  locale,
  caseNumber,
  canAct,
}: {
  r: RequestView;
  locale: string;
  caseNumber: string;
  canAct: boolean;
}) {
  const t = await getTranslations("requests");
  const format = await getFormatter();
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const money = (m: bigint) => formatMinor(m, "CNY", locale);
  const headingId = `request-${r.number}`;
  const api = `/api/liaison/requests/${encodeURIComponent(r.number)}`;
  const times: [string, Date | null][] = [
    [t("createdAt"), r.createdAt],
    [t("sentAt"), r.sentAt],
    [t("dueAt"), r.status === "draft" ? null : r.dueAt],
    [t("acknowledgedAt"), r.acknowledgedAt],
    [t("answeredAt"), r.answeredAt],
    [t("closedAt"), r.closedAt],
  ];
  return (
    <article
      aria-labelledby={headingId}
      className={`space-y-3 rounded-md border p-3 ${r.overdue ? "border-red-700 border-l-4" : "border-slate-300"}`}
    >
      <h3 id={headingId} className="font-semibold">
        <span className="font-mono">{r.number}</span> · {r.org.name}
      </h3>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span>{t(`kinds.${r.kind}`)}</span>
        <span aria-hidden="true">·</span>
        <span className="rounded bg-slate-100 px-2 py-0.5 font-medium text-slate-900">
          {t("status")}: {t(`statuses.${r.status}`)}
        </span>
        {r.overdue ? (
          <span className="rounded bg-red-700 px-2 py-0.5 font-semibold text-white">{t("overdue")}</span>
        ) : null}
        {r.followUpOf ? <span>{t("followUpOf", { number: r.followUpOf })}</span> : null}
        {r.frozenMinor > 0n ? (
          <span className="font-medium">{t("frozenTotal", { amount: money(r.frozenMinor) })}</span>
        ) : null}
      </p>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
        {times
          .filter(([, d]) => d)
          .map(([label, d]) => (
            <div key={label}>
              <dt className="text-slate-700">{label}</dt>
              <dd>{when(d)}</dd>
            </div>
          ))}
        <div>
          <dt className="text-slate-700">{t("victims")}</dt>
          <dd>{r.victimCount}</dd>
        </div>
        {r.createdByName ? (
          <div>
            <dt className="text-slate-700">{t("createdBy")}</dt>
            <dd>{r.createdByName}</dd>
          </div>
        ) : null}
      </dl>
      {r.body ? (
        <div className="text-sm">
          <p className="text-slate-700">{t("message")}</p>
          <p className="whitespace-pre-wrap">{r.body}</p>
        </div>
      ) : null}
      {/* Scrolls sideways on phones: focusable so keyboard users can scroll it too. */}
      <div
        className="overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        tabIndex={0}
        role="group"
        aria-label={t("itemsCaption", { number: r.number })}
      >
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{t("itemsCaption", { number: r.number })}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-2 py-1">
                {t("colIdentifier")}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t("colPaid")}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t("colVictims")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("colAnswer")}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t("colFrozen")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("colNote")}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((i) => (
              <tr key={i.id} className="border-t border-slate-200 align-top">
                <th scope="row" className="px-2 py-1 font-mono font-normal break-all">
                  {i.display}
                </th>
                <td className="px-2 py-1 text-right whitespace-nowrap">
                  {money(i.paidMinor)}
                  <span className="block text-xs text-slate-700">
                    {t("payments", { count: i.paymentCount })}
                    {i.firstPaidAt ? ` · ${when(i.firstPaidAt)}` : ""}
                  </span>
                </td>
                <td className="px-2 py-1 text-right">{i.victimCount}</td>
                <td className="px-2 py-1">
                  {i.outcome ? t(`outcomes.${i.outcome}`) : <span className="text-slate-700">{t("pending")}</span>}
                  {i.answeredAt ? <span className="block text-xs text-slate-700">{when(i.answeredAt)}</span> : null}
                </td>
                <td className="px-2 py-1 text-right whitespace-nowrap">
                  {i.frozenMinor !== null ? money(i.frozenMinor) : "—"}
                  {i.recoveredMinor ? (
                    <span className="block text-xs text-slate-700">
                      {t("recovered", { amount: money(i.recoveredMinor) })}
                    </span>
                  ) : null}
                </td>
                <td className="px-2 py-1">
                  {i.answerNote ? <span className="whitespace-pre-wrap">{i.answerNote}</span> : null}
                  {i.attachmentName ? (
                    <a href={`${api}/attachments/${i.id}`} className="block text-brand-700 underline">
                      {t("attachment", { name: i.attachmentName })}
                    </a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="text-sm">
        <p className="font-medium">{t("disclosed")}</p>
        {r.disclosures.length === 0 ? (
          <p>{t("redacted")}</p>
        ) : (
          <ul className="list-disc pl-5">
            {r.disclosures.map((d) => (
              <li key={d.field}>
                {t("disclosedItem", { field: t(`fields.${d.field}`), justification: d.justification })}
              </li>
            ))}
          </ul>
        )}
      </div>
      {r.status !== "draft" ? (
        <p className="flex flex-wrap gap-x-4 text-sm">
          <span>{t("exports")}:</span>
          {(["csv", "json", "pdf"] as const).map((f) => (
            <a
              key={f}
              href={`${api}/export/${f}?locale=${locale}`}
              aria-label={t("exportLabel", { number: r.number, format: t(`exportFormats.${f}`) })}
              className="text-brand-700 underline"
            >
              {t(`exportFormats.${f}`)}
            </a>
          ))}
        </p>
      ) : null}
      {canAct ? <RequestActions r={r} locale={locale} caseNumber={caseNumber} /> : null}
    </article>
  );
}

async function RequestActions({ r, locale, caseNumber }: { r: RequestView; locale: string; caseNumber: string }) {
  const t = await getTranslations("requests");
  const hidden = (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="number" value={caseNumber} />
      <input type="hidden" name="request" value={r.number} />
    </>
  );
  if (r.status === "draft")
    return (
      <div className="flex flex-wrap gap-3">
        <form action={sendRequestForm}>
          {hidden}
          <Submit>
            {t("send")}
            <span className="sr-only"> {r.number}</span>
          </Submit>
        </form>
        <form action={discardDraftForm}>
          {hidden}
          <Submit variant="secondary">
            {t("discard")}
            <span className="sr-only"> {r.number}</span>
          </Submit>
        </form>
      </div>
    );
  if (r.status === "closed") return null;
  return (
    <form action={closeRequestForm}>
      {hidden}
      <Submit variant="secondary">
        {t("close")}
        <span className="sr-only"> {r.number}</span>
      </Submit>
    </form>
  );
}
