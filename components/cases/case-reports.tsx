import { getFormatter, getTranslations } from "next-intl/server";
import { casePageHref, type CaseDetail, type CaseReportsPage } from "@/lib/cases";
import { formatMinor } from "@/lib/vocab";
import { detach, split } from "@/lib/cases/actions";
import { CaseFormFields, ReasonField, Section, Submit } from "./forms";
import { readAsText } from "./read-as";
import { ReportAdditions } from "@/components/victims/report-additions";
import type { AdditionView } from "@/lib/victims/additions-view";

/**
 * One page of the linked reports (victim details only with permission), with
 * split and detach, and links to the pages before and after (plain GET links:
 * no JavaScript needed).
 */
export async function CaseReports({
  c,
  locale,
  canDecide,
  additions,
  whole = false,
}: {
  c: Pick<CaseDetail, "id" | "number" | "reportCount" | "piiVisible" | "reports" | "reportsCursor"> &
    Partial<Pick<CaseReportsPage, "position" | "previous">>;
  locale: string;
  canDecide: boolean;
  /** What victims added later, per report id (lib/victims additionsOfReports). */
  additions?: Map<number, AdditionView[]>;
  /** The page is rendered whole (no JavaScript): its links stay on such pages, anchors and all. */
  whole?: boolean;
}) {
  const t = await getTranslations("cases");
  const o = await getTranslations("options");
  const format = await getFormatter();
  const readAs = await readAsText();
  const href = (query: Record<string, string | number | null>, anchor: string) =>
    casePageHref(locale, c.number, query, anchor, whole);
  const splitForm = `split-${c.id}`;
  const position = c.position ?? 0;
  const paged = position > 0 || c.reportsCursor !== null;
  return (
    <Section id="reports" title={`${t("reportList")} (${c.reportCount})`}>
      {!c.piiVisible ? <p className="text-sm text-slate-700">{t("piiHidden")}</p> : null}
      {canDecide ? (
        <form id={splitForm} action={split} className="space-y-2 rounded-md bg-slate-50 p-3">
          <h3 className="font-semibold">{t("split")}</h3>
          <CaseFormFields locale={locale} number={c.number} />
          <ReasonField id="split-reason" label={t("reason")} hint={t("reasonHint")} />
          <Submit variant="secondary">{t("splitButton")}</Submit>
        </form>
      ) : null}
      {paged && c.reports.length ? (
        <p className="text-sm text-slate-700" data-testid="reports-range">
          {t("reportsRange", {
            from: format.number(position + 1),
            to: format.number(position + c.reports.length),
            total: format.number(c.reportCount),
          })}
        </p>
      ) : null}
      <ul className="space-y-3">
        {c.reports.map((r) => (
          <li key={r.id} className="rounded-md border border-slate-200 p-3" data-testid="case-report">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-mono font-semibold">{r.reference}</h3>
              <span className="text-sm text-slate-700">
                {t(`reportSource.${r.source}` as never)} ·{" "}
                {r.incidentDate ? format.dateTime(r.incidentDate, { dateStyle: "medium", timeZone: "UTC" }) : "—"} ·{" "}
                {o(`scamType.${r.scamType}` as never)}
                {r.province ? ` · ${o(`province.${r.province}` as never)}` : ""}
              </span>
            </div>
            {r.victim ? (
              <p className="mt-1 text-sm">
                <span className="font-medium">{t("victim")}:</span> {r.victim.name} · {r.victim.phone}{" "}
                {r.victim.city ? `· ${r.victim.city}` : ""}
              </p>
            ) : null}
            {r.victim?.narrative ? (
              <p className="mt-1 text-sm text-slate-800">
                <span className="font-medium">{t("narrative")}:</span> {r.victim.narrative}
              </p>
            ) : null}
            <p className="mt-1 text-sm">
              <span className="font-medium">{t("contacts")}:</span>{" "}
              {r.contacts.map((x) => `${x.value} (${x.kind})`).join(" · ") || "—"}
            </p>
            {r.payments.length ? (
              <p className="mt-1 text-sm">
                <span className="font-medium">{t("payments")}:</span>{" "}
                {r.payments
                  .map(
                    (p) =>
                      `${formatMinor(p.amountMinor, p.currency, locale)} → ${p.payeeValue}${p.payeeName ? ` (${p.payeeName})` : ""}`,
                  )
                  .join(" · ")}
              </p>
            ) : null}
            {r.readAs.length ? (
              <div className="mt-1 text-sm" data-testid="read-as">
                <span className="font-medium">{t("readAsTitle")}:</span>
                <ul className="list-disc pl-5">
                  {r.readAs.map((x) => (
                    <li key={x.identifierId}>
                      <span className="font-mono">{x.display}</span> — {readAs.one(x.enteredAs, x.kind)}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {r.platforms.length ? (
              <p className="mt-1 text-sm">
                <span className="font-medium">{t("platforms")}:</span>{" "}
                {r.platforms.map((p) => `${p.name} (${o(`platformRole.${p.role}` as never)})`).join(" · ")}
              </p>
            ) : null}
            {r.evidence.length ? (
              <p className="mt-1 text-sm">
                <span className="font-medium">{t("evidence")}:</span>{" "}
                {r.evidence.map((e) => (
                  <a key={e.id} href={`/api/evidence/${e.id}`} className="mr-2 text-brand-700 underline">
                    {e.originalName} ({t("download")})
                  </a>
                ))}
              </p>
            ) : null}
            <ReportAdditions additions={additions?.get(r.id)} locale={locale} />
            <div className="mt-2 flex flex-wrap items-center gap-4 text-sm">
              <a href={href({ why: r.reference }, "why")} className="text-brand-700 underline">
                {t("showWhy")}
              </a>
              {canDecide ? (
                <>
                  <span className="flex items-center gap-2">
                    <input
                      id={`split-${r.id}`}
                      type="checkbox"
                      name={`split.${r.id}`}
                      form={splitForm}
                      className="h-4 w-4"
                    />
                    <label htmlFor={`split-${r.id}`}>{t("splitPick")}</label>
                  </span>
                  <details>
                    <summary className="cursor-pointer text-brand-700 underline">{t("detach")}</summary>
                    <form action={detach} className="mt-2 space-y-2">
                      <CaseFormFields locale={locale} number={c.number} />
                      <input type="hidden" name="reportId" value={r.id} />
                      <ReasonField id={`detach-${r.id}`} label={t("reason")} hint={t("reasonHint")} />
                      <Submit variant="secondary">{t("detachReport", { reference: r.reference })}</Submit>
                    </form>
                  </details>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {paged ? (
        <nav aria-label={t("reportPages")} className="flex flex-wrap gap-4 text-sm">
          {c.previous?.after ? (
            <a href={href({}, "reports")} className="text-brand-700 underline">
              {t("firstReports")}
            </a>
          ) : null}
          {c.previous ? (
            <a
              href={href({ after: c.previous.after ?? null }, "reports")}
              rel="prev"
              className="text-brand-700 underline"
            >
              {t("previousReports")}
            </a>
          ) : null}
          {c.reportsCursor ? (
            <a href={href({ after: c.reportsCursor }, "reports")} rel="next" className="text-brand-700 underline">
              {t("moreReports")}
            </a>
          ) : null}
        </nav>
      ) : null}
    </Section>
  );
}
