import { getTranslations } from "next-intl/server";
import { casePageHref, type CaseDetail, type ChainStep } from "@/lib/cases";
import { noLinkIdentifier } from "@/lib/cases/actions";
import { CaseFormFields, ReasonField, Section, Submit } from "./forms";
import { readAsText } from "./read-as";

/** Rows shown before "show all": a large ring names hundreds, each row with its own form. */
export const IDENTIFIERS_SHOWN = 100;

/** Identifiers with report counts and warning badges, the "why linked" text, and per-report chains. */
export async function CaseIdentifiers({
  c,
  locale,
  canDecide,
  chain,
  chainFor,
  showAll,
  whole = false,
}: {
  c: Pick<CaseDetail, "number" | "identifiers" | "identifierCount">;
  locale: string;
  canDecide: boolean;
  chain: ChainStep[] | null;
  chainFor: string | null;
  showAll: boolean;
  /** The page is rendered whole (no JavaScript): its links stay on such pages, anchors and all. */
  whole?: boolean;
}) {
  const t = await getTranslations("cases");
  const readAs = await readAsText();
  const linking = c.identifiers.filter((i) => i.linking);
  const rows = showAll ? c.identifiers : c.identifiers.slice(0, IDENTIFIERS_SHOWN);
  return (
    <Section id="identifiers" title={t("identifiers")}>
      <div id="why" className="rounded-md bg-slate-50 p-3">
        <h3 className="font-semibold">{t("why")}</h3>
        <p className="text-sm">{t("whyIntro")}</p>
        <ul className="mt-1 list-disc pl-5 text-sm">
          {linking.map((i) => (
            <li key={i.id}>
              <span className="font-mono">{i.display}</span> ({i.kind}) — {i.reports} {t("reports")}
            </li>
          ))}
        </ul>
        {chain && chainFor ? (
          <div className="mt-3" data-testid="chain">
            <h4 className="font-semibold">{t("whyReport", { reference: chainFor })}</h4>
            <p className="text-sm">{t("chainIntro")}</p>
            <ol className="mt-1 flex flex-wrap items-center gap-1 text-sm">
              {chain.map((s, k) => (
                <li
                  key={k}
                  className={
                    s.type === "report"
                      ? "rounded bg-brand-50 px-2 py-0.5 font-mono"
                      : "rounded bg-amber-50 px-2 py-0.5 font-mono"
                  }
                >
                  {s.type === "report" ? s.reference : `${s.display} (${s.kind})`}
                  {k < chain.length - 1 ? <span aria-hidden="true"> →</span> : null}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-2 py-1">
                {t("identifierCol")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("kindCol")}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t("reportsCol")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("linkingCol")}
              </th>
              {canDecide ? (
                <th scope="col" className="px-2 py-1">
                  <span className="sr-only">{t("noLinkIdentifier")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i.id} className="border-t border-slate-200 align-top">
                <td className="px-2 py-1 font-mono break-all">{i.display}</td>
                <td className="px-2 py-1">
                  {i.kind}
                  {i.enteredAs?.map((e) => (
                    <span key={e.kind} className="block text-xs text-slate-700">
                      {readAs.counted(e.kind, i.kind, e.reports)}
                    </span>
                  ))}
                </td>
                <td className="px-2 py-1 text-right">{i.reports}</td>
                <td className="px-2 py-1">
                  {i.blockedReason ? (
                    <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">
                      {i.blockedReason.startsWith("warning-list")
                        ? `${t("warning")}: ${i.blockedReason.slice(13)}`
                        : i.blockedReason === "do-not-link"
                          ? t("doNotLink")
                          : i.blockedReason === "shared-number"
                            ? t("sharedNumberHeld")
                            : t("unlinkable")}
                    </span>
                  ) : null}
                  {i.blockedReason === "shared-number" ? (
                    <a
                      className="ml-2 text-xs underline"
                      href={`/${locale}/staff/shared-numbers?status=held#sn-${i.id}`}
                    >
                      {t("sharedNumberReview")}
                    </a>
                  ) : null}
                  {i.blockedReason ? null : i.linking ? (
                    <span className="rounded bg-green-100 px-2 py-0.5 text-xs font-medium text-green-900">
                      {t("linkingYes")}
                    </span>
                  ) : (
                    <span className="text-xs text-slate-600">{t("linkingNo")}</span>
                  )}
                </td>
                {canDecide ? (
                  <td className="px-2 py-1">
                    {/* Only a linking identifier has anything to unlink; a big ring names hundreds that do not. */}
                    {i.linking ? (
                      <details>
                        <summary className="cursor-pointer text-xs text-brand-700 underline">
                          {t("noLinkIdentifier")}
                        </summary>
                        <form action={noLinkIdentifier} className="mt-2 space-y-2">
                          <CaseFormFields locale={locale} number={c.number} />
                          <input type="hidden" name="identifierId" value={i.id} />
                          <ReasonField id={`nl-${i.id}`} label={t("reason")} hint={t("reasonHint")} />
                          <Submit variant="secondary">{t("noLinkIdentifier")}</Submit>
                        </form>
                      </details>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.identifierCount > rows.length ? (
        <p className="text-sm" data-testid="identifiers-more">
          {t("identifiersShown", { shown: rows.length, total: c.identifierCount })}{" "}
          {rows.length < c.identifiers.length ? (
            <a
              href={casePageHref(locale, c.number, { identifiers: "all" }, "identifiers", whole)}
              className="text-brand-700 underline"
            >
              {t("identifiersShowAll", { count: c.identifiers.length })}
            </a>
          ) : null}
        </p>
      ) : null}
    </Section>
  );
}
