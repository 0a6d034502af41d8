import { Suspense, type ReactNode } from "react";
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
  getCaseDecisions,
  getCaseGraph,
  getCaseHead,
  getCaseIdentifiers,
  getCaseReports,
  getCaseTimeline,
  parseCasePageParams,
  type ChainStep,
} from "@/lib/cases";
import { CaseWorkflow } from "@/components/cases/case-workflow";
import { CaseBannerView } from "@/components/cases/case-banner";
import { CaseSummary } from "@/components/cases/case-summary";
import {
  SectionPending,
  StreamedDecisions,
  StreamedGraph,
  StreamedIdentifiers,
  StreamedReports,
  StreamedTimeline,
  StreamedWithoutScript,
} from "@/components/cases/case-streamed";
import { CaseRequests } from "@/components/liaison/case-requests";
import { CaseRouting } from "@/components/liaison/case-routing";
import { caseRequestPanel, requestBannerOf, type CasePanel } from "@/lib/liaison";
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

/**
 * The head of the page (title, summary, status, notes) is sent as soon as the
 * case row is read; every other section loads in parallel and is streamed in
 * its place when its queries finish.
 */
/** The streamed sections' ids, in the page's order (below). */
const STREAMED_SECTIONS = [
  "identifiers",
  "requests",
  "graph",
  "timeline",
  "bulletins",
  "reports",
  "decisions",
] as const;

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
  const canWrite = can(user, "write:case:any");
  const [c, staff] = await Promise.all([
    pageData(locale, path, () => getCaseHead(client, ctx, { number })),
    canWrite ? assignableStaff(client, ctx) : Promise.resolve([]),
  ]);
  const key = { id: c.id, number: c.number };
  // Started here, awaited in their sections; a section that is never rendered
  // must not leave a rejected promise unhandled.
  const load = <T,>(fn: () => Promise<T>): Promise<T> => handled(pageData(locale, path, fn));
  const reports = load(() => getCaseReports(client, ctx, { case: key, afterReport: sp.after }));
  const identifiers = load(() => getCaseIdentifiers(client, ctx, { case: key }));
  const graph = load(async () => getCaseGraph(client, ctx, { case: key, stats: (await identifiers).stats }));
  const timeline = load(async () => getCaseTimeline(client, ctx, { case: key, reports: (await reports).reports }));
  const decisions = load(() => getCaseDecisions(client, ctx, { case: key }));
  const additions = load(async () =>
    additionsOfReports(client, ctx, { caseNumber: c.number, reportIds: (await reports).reports.map((r) => r.id) }),
  );
  const chain = handled(sp.why ? whyLinked(client, ctx, c.number, sp.why) : Promise.resolve(null));
  const panel = can(user, "read:request:any")
    ? load(() => caseRequestPanel(client, ctx, { caseNumber: c.number }))
    : null;
  // A request action's outcome is shown in its own section, not at the top.
  const requestBanner = requestBannerOf(query);
  const t = await getTranslations("cases");
  const rt = await getTranslations("requests");
  const bt = await getTranslations("bulletins");
  const canDecide = can(user, "decide:matching:any");
  // Each heavy section streams in behind its placeholder; with whole=1 (a
  // browser without JavaScript) the page waits for all of them instead.
  const streamed = (id: (typeof STREAMED_SECTIONS)[number], title: string, section: ReactNode) =>
    sp.whole ? section : <Suspense fallback={<SectionPending id={id} title={title} />}>{section}</Suspense>;

  return (
    <div className="space-y-6">
      {sp.whole ? null : (
        <StreamedWithoutScript sections={STREAMED_SECTIONS} whole={wholePageUrl(locale, path, query)} />
      )}
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
        canWrite={canWrite}
        staff={staff.map((s) => ({ id: s.id, label: s.name || s.email }))}
      />
      {streamed(
        "identifiers",
        t("identifiers"),
        <StreamedIdentifiers
          head={c}
          data={identifiers}
          chain={chain}
          chainFor={sp.why}
          locale={locale}
          canDecide={canDecide}
          showAll={sp.showAllIdentifiers}
          whole={sp.whole}
        />,
      )}
      {panel
        ? streamed(
            "requests",
            rt("title"),
            <StreamedRequests
              panel={panel}
              locale={locale}
              banner={requestBanner}
              ctx={ctx}
              number={c.number}
              showAllRouting={sp.showAllRouting}
              editRoute={sp.editRoute}
              whole={sp.whole}
            />,
          )
        : null}
      {streamed("graph", t("graph"), <StreamedGraph data={graph} />)}
      {streamed("timeline", t("timeline"), <StreamedTimeline data={timeline} locale={locale} />)}
      {streamed(
        "bulletins",
        bt("title"),
        <CaseBulletins number={c.number} locale={locale} ctx={ctx} canWrite={canWrite} />,
      )}
      {streamed(
        "reports",
        `${t("reportList")} (${c.reportCount})`,
        <StreamedReports
          head={c}
          page={reports}
          additions={additions}
          locale={locale}
          canDecide={canDecide}
          whole={sp.whole}
        />,
      )}
      {streamed(
        "decisions",
        t("decisions"),
        <StreamedDecisions head={c} page={reports} decisions={decisions} locale={locale} canDecide={canDecide} />,
      )}
    </div>
  );
}

async function StreamedRequests({
  panel,
  locale,
  banner,
  ctx,
  number,
  showAllRouting,
  editRoute,
  whole,
}: {
  panel: Promise<CasePanel>;
  locale: string;
  banner: ReturnType<typeof requestBannerOf>;
  ctx: Parameters<typeof CaseRouting>[0]["ctx"];
  number: string;
  showAllRouting: boolean;
  editRoute: number | null;
  whole: boolean;
}) {
  const p = await panel;
  return (
    <CaseRequests
      panel={p}
      locale={locale}
      banner={banner}
      showAll={showAllRouting}
      whole={whole}
      routing={
        <CaseRouting
          number={number}
          locale={locale}
          ctx={ctx}
          rows={p.routes}
          showAll={showAllRouting}
          editing={editRoute}
          whole={whole}
        />
      }
    />
  );
}

/** This page's URL with its query and whole=1: where a browser without JavaScript is sent. */
function wholePageUrl(locale: string, path: string, query: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (k === "whole") continue;
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, one);
  }
  params.set("whole", "1");
  return `/${locale}${path}?${params}`;
}

/** The same promise, marked as handled: its section still gets the rejection when it awaits it. */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
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
