import { getFormatter, getTranslations } from "next-intl/server";
import type { SharedNumberFilter, SharedNumberRow } from "@/lib/cases";
import { SHARED_NUMBERS_PAGE } from "@/lib/cases";
import { decideSharedNumberForm } from "@/lib/cases/actions";
import { inputClass } from "@/components/ui/field";
import { ReasonField, Submit } from "./forms";

type Banner = { kind: "done"; decision: "official" | "scammer" | "reopen" } | { kind: "error"; code: string } | null;

const QUEUE_ERRORS = new Set(["alreadyDecided", "notDecided"]);
const COMMON_ERRORS = new Set(["reasonRequired", "tooLong", "invalid", "invalidChoice", "forbidden", "notFound"]);

/** The review queue: tabs, one article per number with its cases, samples and decision forms. */
export async function SharedNumbersQueue({
  locale,
  filter,
  page,
  data,
  canDecide,
  banner,
}: {
  locale: string;
  filter: SharedNumberFilter;
  page: number;
  data: { rows: SharedNumberRow[]; total: number; counts: Record<SharedNumberFilter, number> };
  canDecide: boolean;
  banner: Banner;
}) {
  const t = await getTranslations("sharedNumbers");
  const e = await getTranslations("errors");
  const o = await getTranslations("options");
  const format = await getFormatter();
  const base = `/${locale}/staff/shared-numbers`;
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "Asia/Shanghai" });
  const message = (code: string) =>
    QUEUE_ERRORS.has(code) ? t(code) : COMMON_ERRORS.has(code) ? e(code) : e("invalid");
  const tabs: [SharedNumberFilter, string][] = [
    ["held", t("tabHeld", { count: data.counts.held })],
    ["decided", t("tabDecided", { count: data.counts.decided })],
    ["released", t("tabReleased", { count: data.counts.released })],
  ];
  const pages = Math.max(1, Math.ceil(data.total / SHARED_NUMBERS_PAGE));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="max-w-3xl text-slate-700">{t("intro")}</p>
      {banner ? (
        <p
          role={banner.kind === "error" ? "alert" : "status"}
          className={`rounded-md p-3 ${banner.kind === "error" ? "bg-red-50 text-red-900" : "bg-green-50 text-green-900"}`}
        >
          {banner.kind === "done" ? t(`done_${banner.decision}`) : t("error", { message: message(banner.code) })}
        </p>
      ) : null}
      <nav aria-label={t("title")}>
        <ul className="flex flex-wrap gap-4">
          {tabs.map(([key, label]) => (
            <li key={key}>
              <a
                href={`${base}?status=${key}`}
                aria-current={key === filter ? "page" : undefined}
                className={key === filter ? "font-semibold underline" : "text-brand-700 underline"}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {data.rows.length === 0 ? <p>{t("empty")}</p> : null}
      {data.rows.map((row) => (
        <article
          key={row.id}
          id={`sn-${row.identifierId}`}
          aria-labelledby={`sn-${row.identifierId}-h`}
          className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
        >
          <h2 id={`sn-${row.identifierId}-h`} className="font-mono text-lg font-semibold break-all">
            {row.display}
          </h2>
          <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">{t("type")}</dt>
            <dd>{row.phoneType && t.has(`phoneType_${row.phoneType}`) ? t(`phoneType_${row.phoneType}`) : "—"}</dd>
            <dt className="font-medium">{t("reports")}</dt>
            <dd>{row.reports}</dd>
            <dt className="font-medium">{t("groups")}</dt>
            <dd>{row.groupsWhenHeld}</dd>
            <dt className="font-medium">{t("cases")}</dt>
            <dd>
              {row.cases.map((c, k) => (
                <span key={c.number}>
                  {k > 0 ? ", " : null}
                  <a className="text-brand-700 underline" href={`/${locale}/staff/cases/${c.number}`}>
                    {c.number}
                  </a>{" "}
                  ({c.reports})
                </span>
              ))}
              {row.caseCount > row.cases.length
                ? ` ${t("moreCases", { count: row.caseCount - row.cases.length })}`
                : null}
            </dd>
          </dl>
          <p>
            <strong>{t(`status_${row.status}`)}</strong>
            {row.label ? ` — ${row.label}` : null}.{" "}
            {row.decidedAt && row.decidedBy
              ? t("decided", { date: day(row.decidedAt), name: row.decidedBy })
              : t("heldAt", { date: day(row.heldAt) })}
          </p>
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="text-left font-medium">{t("samples")}</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col" className="px-2 py-1">
                    {t("sampleCol")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("dateCol")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("scamTypeCol")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("caseCol")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {row.samples.map((s) => (
                  <tr key={s.reference} className="border-t border-slate-200">
                    <td className="px-2 py-1 font-mono">{s.reference}</td>
                    <td className="px-2 py-1">{day(s.submittedAt)}</td>
                    <td className="px-2 py-1">
                      {s.scamType && o.has(`scamType.${s.scamType}`) ? o(`scamType.${s.scamType}`) : s.scamType}
                    </td>
                    <td className="px-2 py-1">{s.caseNumber ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canDecide ? <Decide row={row} locale={locale} filter={filter} /> : null}
        </article>
      ))}
      {pages > 1 ? (
        <nav aria-label={t("pages")} className="flex gap-4">
          {page > 1 ? (
            <a className="text-brand-700 underline" href={`${base}?status=${filter}&page=${page - 1}`}>
              {t("prev")}
            </a>
          ) : null}
          {page < pages ? (
            <a className="text-brand-700 underline" href={`${base}?status=${filter}&page=${page + 1}`}>
              {t("next")}
            </a>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

async function Decide({ row, locale, filter }: { row: SharedNumberRow; locale: string; filter: SharedNumberFilter }) {
  const t = await getTranslations("sharedNumbers");
  const hidden = (decision: string) => (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="id" value={row.id} />
      <input type="hidden" name="anchor" value={row.identifierId} />
      <input type="hidden" name="tab" value={filter} />
      <input type="hidden" name="decision" value={decision} />
    </>
  );
  if (row.status === "official" || row.status === "scammer")
    return (
      <form action={decideSharedNumberForm} className="space-y-2 rounded-md bg-slate-50 p-3">
        {hidden("reopen")}
        <ReasonField id={`sn-${row.id}-reopen-reason`} label={t("reason")} hint={t("reasonHint")} />
        <Submit variant="secondary">{t("reopen")}</Submit>
      </form>
    );
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <form action={decideSharedNumberForm} className="space-y-2 rounded-md bg-slate-50 p-3">
        {hidden("official")}
        <div className="space-y-1">
          <label htmlFor={`sn-${row.id}-label`} className="block text-sm font-medium">
            {t("label")}
          </label>
          <input
            id={`sn-${row.id}-label`}
            name="label"
            maxLength={200}
            aria-describedby={`sn-${row.id}-label-hint`}
            className={inputClass}
          />
          <p id={`sn-${row.id}-label-hint`} className="text-xs text-slate-600">
            {t("labelHint")}
          </p>
        </div>
        <ReasonField id={`sn-${row.id}-official-reason`} label={t("reason")} hint={t("reasonHint")} />
        <Submit>{t("decideOfficial")}</Submit>
      </form>
      <form action={decideSharedNumberForm} className="space-y-2 rounded-md bg-slate-50 p-3">
        {hidden("scammer")}
        <ReasonField id={`sn-${row.id}-scammer-reason`} label={t("reason")} hint={t("reasonHint")} />
        <Submit variant="secondary">{t("decideScammer")}</Submit>
      </form>
    </div>
  );
}
