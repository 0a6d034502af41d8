import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { CasePanel, RequestBanner } from "@/lib/liaison";
import { Section } from "@/components/cases/forms";
import { CaseRequestCard } from "./case-request-card";
import { CaseRequestCreate } from "./case-request-create";

/**
 * The case page's "Requests to organisations" section (id="requests"): the
 * outcome of the last request action, the case's requests with their
 * answers, the routing of the case's identifiers (when given: where each goes,
 * and staff's override), suggested follow-ups and the creation step per
 * organisation. Server component: no JavaScript.
 */
export async function CaseRequests({
  panel,
  locale,
  banner,
  routing,
  showAll = false,
  whole = false,
}: {
  panel: CasePanel;
  locale: string;
  banner: RequestBanner | null;
  /** The routing and override UI, shown in the same section. */
  routing?: ReactNode;
  /** Every identifier in the form for those with no organisation ("?routing=all"). */
  showAll?: boolean;
  /** The page is rendered whole (no JavaScript): its links stay on such pages, anchors and all. */
  whole?: boolean;
}) {
  const t = await getTranslations("requests");
  const overdue = panel.requests.filter((r) => r.overdue).length;
  return (
    <Section id="requests" title={t("title")}>
      <PanelBanner banner={banner} />
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {overdue ? (
        <p className="font-medium text-red-800">
          <span className="rounded bg-red-700 px-2 py-0.5 text-white">{t("overdue")}</span>{" "}
          {t("overdueCount", { count: overdue })}
        </p>
      ) : null}
      {panel.requests.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="space-y-3">
          {panel.requests.map((r) => (
            <CaseRequestCard
              key={r.number}
              r={r}
              locale={locale}
              caseNumber={panel.caseNumber}
              canAct={panel.canCreate}
            />
          ))}
        </div>
      )}
      {routing}
      {panel.canCreate ? <CaseRequestCreate panel={panel} locale={locale} showAll={showAll} whole={whole} /> : null}
    </Section>
  );
}

async function PanelBanner({ banner }: { banner: RequestBanner | null }) {
  if (!banner) return null;
  const t = await getTranslations("requests");
  if (banner.kind === "done")
    return (
      <p role="status" className="rounded-md bg-green-50 p-2 text-green-900">
        {t(`done.${banner.what}`)}
      </p>
    );
  let text: string;
  if (banner.scope === "liaisonErrors") text = (await getTranslations("liaisonErrors"))(banner.code as never);
  else {
    const te = await getTranslations("errors");
    text =
      banner.code === "unexpected" && !banner.errorId
        ? te("unexpectedNoId")
        : te(banner.code as "unexpected", { errorId: banner.errorId ?? "" });
  }
  return (
    <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-2 text-red-900">
      {text}
    </p>
  );
}
