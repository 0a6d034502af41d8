import { getFormatter, getTranslations } from "next-intl/server";
import type { CaseDetail } from "@/lib/cases";
import { inputClass } from "@/components/ui/field";
import { merge, noLinkReports, undo } from "@/lib/cases/actions";
import { CaseFormFields, ReasonField, Section, Submit } from "./forms";

/** Matching decisions touching the case, each with an undo; merge and do-not-link forms. */
export async function CaseDecisions({
  c,
  locale,
  canDecide,
}: {
  c: Pick<CaseDetail, "number" | "reports" | "decisions">;
  locale: string;
  canDecide: boolean;
}) {
  const t = await getTranslations("cases");
  const format = await getFormatter();
  return (
    <Section id="decisions" title={t("decisions")}>
      {c.decisions.length === 0 ? <p className="text-sm">{t("noDecisions")}</p> : null}
      <ul className="space-y-2">
        {c.decisions.map((d) => (
          <li key={d.id} className="rounded-md border border-slate-200 p-2 text-sm" data-testid="decision">
            <p>
              <span className="font-medium">{t(`decisionTypes.${d.type}` as never)}</span> ·{" "}
              {format.dateTime(d.at, { dateStyle: "medium", timeStyle: "short" })}
              {d.actor ? ` · ${d.actor}` : ""} · {t("reason")}: {d.reason}
              {d.revokedAt ? <span className="ml-2 rounded bg-slate-200 px-2 text-xs">{t("undone")}</span> : null}
            </p>
            {canDecide && !d.revokedAt ? (
              <details className="mt-1">
                <summary className="cursor-pointer text-brand-700 underline">{t("undo")}</summary>
                <form action={undo} className="mt-2 space-y-2">
                  <CaseFormFields locale={locale} number={c.number} />
                  <input type="hidden" name="decisionId" value={d.id} />
                  <ReasonField id={`undo-${d.id}`} label={t("reason")} hint={t("reasonHint")} />
                  <Submit variant="secondary">{t("undo")}</Submit>
                </form>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {canDecide ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <form action={merge} className="space-y-2 rounded-md bg-slate-50 p-3">
            <h3 className="font-semibold">{t("merge")}</h3>
            <CaseFormFields locale={locale} number={c.number} />
            <label htmlFor="merge-other" className="block text-sm font-medium">
              {t("mergeWith")} *
            </label>
            <input id="merge-other" name="other" required placeholder="C-2026-00042" className={inputClass} />
            <ReasonField id="merge-reason" label={t("reason")} hint={t("reasonHint")} />
            <Submit variant="secondary">{t("mergeButton")}</Submit>
          </form>
          <form action={noLinkReports} className="space-y-2 rounded-md bg-slate-50 p-3">
            <h3 className="font-semibold">{t("noLinkPair")}</h3>
            <CaseFormFields locale={locale} number={c.number} />
            <label htmlFor="nl-a" className="block text-sm font-medium">
              {t("reportA")} *
            </label>
            <select id="nl-a" name="a" required className={inputClass}>
              {c.reports.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.reference}
                </option>
              ))}
            </select>
            <label htmlFor="nl-b" className="block text-sm font-medium">
              {t("reportB")} *
            </label>
            <select id="nl-b" name="b" required className={inputClass} defaultValue={c.reports[1]?.id}>
              {c.reports.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.reference}
                </option>
              ))}
            </select>
            <ReasonField id="nl-reason" label={t("reason")} hint={t("reasonHint")} />
            <Submit variant="secondary">{t("noLinkButton")}</Submit>
          </form>
        </div>
      ) : null}
    </Section>
  );
}
