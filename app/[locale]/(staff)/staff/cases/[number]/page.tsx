import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/lib/db";
import { pageData, pageUser } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { clientIpFrom } from "@/lib/http/client-ip";
import { NotFoundError } from "@/lib/errors";
import {
  assignableStaff,
  caseNumberFromPath,
  explainReportChain,
  getCaseDetail,
  parseCasePageParams,
  type ChainStep,
} from "@/lib/cases";
import { CaseIdentifiers } from "@/components/cases/case-identifiers";
import { CaseReports } from "@/components/cases/case-reports";
import { CaseDecisions } from "@/components/cases/case-decisions";
import { CaseWorkflow } from "@/components/cases/case-workflow";
import { CaseVisuals } from "@/components/cases/case-visuals";
import { CaseBannerView } from "@/components/cases/case-banner";
import { CaseSummary } from "@/components/cases/case-summary";
import { CaseRequests } from "@/components/liaison/case-requests";
import { CaseRouting } from "@/components/liaison/case-routing";
import { caseRequestPanel, requestBannerOf } from "@/lib/liaison";
import { CaseBulletins } from "@/components/victims/case-bulletins";
import { additionsOfReports } from "@/lib/victims/additions-view";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; number: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, number } = await params;
  const t = await getTranslations({ locale, namespace: "cases" });
  return { title: t("caseTitle", { number: caseNumberFromPath(number) ?? "—" }) };
}

export default async function CasePage({ params, searchParams }: Props) {
  const { locale, number: raw } = await params;
  setRequestLocale(locale);
  // Malformed numbers and cursors name no page: 404, before anything reaches the database.
  const number = caseNumberFromPath(raw);
  const query = await searchParams;
  const sp = parseCasePageParams(query);
  const path = `/staff/cases/${number ?? ""}`;
  const user = await pageUser(locale, path, "read:case:any");
  if (!number || !sp) notFound();
  const client = await db();
  const ctx = { actor: user, ip: clientIpFrom(await headers()) };
  const c = await pageData(locale, path, () => getCaseDetail(client, ctx, { number, afterReport: sp.after }));
  const [chain, staff, panel, additions] = await Promise.all([
    sp.why ? whyLinked(client, ctx, c.number, sp.why) : Promise.resolve(null),
    can(user, "write:case:any") ? assignableStaff(client, ctx) : Promise.resolve([]),
    can(user, "read:request:any")
      ? pageData(locale, path, () => caseRequestPanel(client, ctx, { caseNumber: c.number }))
      : Promise.resolve(null),
    additionsOfReports(client, ctx, { caseNumber: c.number, reportIds: c.reports.map((r) => r.id) }),
  ]);
  // A request action's outcome is shown in its own section, not at the top.
  const requestBanner = requestBannerOf(query);
  const t = await getTranslations("cases");
  const canDecide = can(user, "decide:matching:any");

  return (
    <div className="space-y-6">
      <div>
        <p>
          <a href={`/${locale}/staff/cases`} className="text-brand-700 underline">
            ← {t("boardTitle")}
          </a>
        </p>
        <h1 className="text-2xl font-bold">{t("caseTitle", { number: c.number })}</h1>
        {c.via ? (
          <p className="mt-1 rounded-md bg-amber-50 p-2 text-amber-950">{t("absorbed", { via: c.via })}</p>
        ) : null}
        {c.aliases.length ? (
          <p className="text-sm text-slate-700">
            {t("aliases")}: {c.aliases.join(", ")}
          </p>
        ) : null}
        <CaseBannerView banner={requestBanner ? null : sp.banner} />
      </div>

      <CaseSummary c={c} locale={locale} />

      <CaseWorkflow
        c={c}
        locale={locale}
        canWrite={can(user, "write:case:any")}
        staff={staff.map((s) => ({ id: s.id, label: s.name || s.email }))}
      />
      <CaseIdentifiers
        c={c}
        locale={locale}
        canDecide={canDecide}
        chain={chain}
        chainFor={chain ? sp.why : null}
        showAll={sp.showAllIdentifiers}
      />
      {panel ? (
        <CaseRequests
          panel={panel}
          locale={locale}
          banner={requestBanner}
          routing={<CaseRouting number={c.number} locale={locale} ctx={ctx} rows={panel.routes} />}
        />
      ) : null}
      <CaseVisuals c={c} locale={locale} />
      <CaseBulletins number={c.number} locale={locale} ctx={ctx} canWrite={can(user, "write:case:any")} />
      <CaseReports c={c} locale={locale} canDecide={canDecide} additions={additions} />
      <CaseDecisions c={c} locale={locale} canDecide={canDecide} />
    </div>
  );
}

/** The "why linked" chain; a reference from another case (an old link after a split) just shows no chain. */
async function whyLinked(
  client: Awaited<ReturnType<typeof db>>,
  ctx: Parameters<typeof explainReportChain>[1],
  number: string,
  reference: string,
): Promise<ChainStep[] | null> {
  try {
    return await explainReportChain(client, ctx, { number, reference });
  } catch (e) {
    if (e instanceof NotFoundError) return null;
    throw e;
  }
}
