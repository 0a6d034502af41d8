import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import type { CaseDetail, CaseHead, CaseIdentifierSection, CaseReportsPage, ChainStep } from "@/lib/cases";
import type { AdditionView } from "@/lib/victims/additions-view";
import { CaseIdentifiers } from "./case-identifiers";
import { CaseReports } from "./case-reports";
import { CaseDecisions } from "./case-decisions";
import { CaseGraphSection, CaseTimelineSection } from "./case-visuals";

/**
 * The case page's streamed sections (ADR 0013): each awaits its own data, so
 * the head of the page is sent before these finish, and they run side by side
 * (docs/benchmarks.md, "Case page, streamed").
 * The placeholder stands where the section will be, with its id, so a link to
 * "#reports" lands there and screen readers hear that it is being loaded.
 */
export async function SectionPending({ id, title }: { id: string; title: string }) {
  const t = await getTranslations("cases");
  return (
    <section
      id={id}
      aria-labelledby={`${id}-h`}
      aria-busy="true"
      className="streamed-pending space-y-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-700">{t("sectionLoading")}</p>
    </section>
  );
}

export async function StreamedIdentifiers(props: {
  head: CaseHead;
  data: Promise<CaseIdentifierSection>;
  chain: Promise<ChainStep[] | null>;
  chainFor: string | null;
  locale: string;
  canDecide: boolean;
  showAll: boolean;
  whole: boolean;
}) {
  const [ids, chain] = await Promise.all([props.data, props.chain]);
  return (
    <CaseIdentifiers
      c={{ number: props.head.number, identifiers: ids.identifiers, identifierCount: ids.identifierCount }}
      locale={props.locale}
      canDecide={props.canDecide}
      chain={chain}
      chainFor={chain ? props.chainFor : null}
      showAll={props.showAll}
      whole={props.whole}
    />
  );
}

export async function StreamedGraph({ data }: { data: Promise<CaseDetail["graph"]> }) {
  return <CaseGraphSection graph={await data} />;
}

export async function StreamedTimeline({ data, locale }: { data: Promise<CaseDetail["timeline"]>; locale: string }) {
  return <CaseTimelineSection timeline={await data} locale={locale} />;
}

export async function StreamedReports(props: {
  head: CaseHead;
  page: Promise<CaseReportsPage>;
  additions: Promise<Map<number, AdditionView[]>>;
  locale: string;
  canDecide: boolean;
  whole: boolean;
}) {
  const [page, additions] = await Promise.all([props.page, props.additions]);
  return (
    <CaseReports
      c={{ ...props.head, ...page }}
      locale={props.locale}
      canDecide={props.canDecide}
      additions={additions}
      whole={props.whole}
    />
  );
}

export async function StreamedDecisions(props: {
  head: CaseHead;
  page: Promise<CaseReportsPage>;
  decisions: Promise<CaseDetail["decisions"]>;
  locale: string;
  canDecide: boolean;
}) {
  const [page, decisions] = await Promise.all([props.page, props.decisions]);
  return (
    <CaseDecisions
      c={{ number: props.head.number, reports: page.reports, decisions }}
      locale={props.locale}
      canDecide={props.canDecide}
    />
  );
}

/**
 * Without JavaScript, React leaves each streamed section hidden at the end of
 * the document (its script would move each into place), and a large section
 * may arrive in several pieces. Until 2026-11-30 they stayed hidden
 * (Tailwind's preflight won), so the case page's lower half was missing.
 * Such a browser is sent to `whole`, the same page rendered at once (an
 * immediate refresh: axe allows a zero delay). Until it arrives, or where a
 * browser ignores the refresh, the sections are shown where they are: below
 * the main column, as wide as it, in the page's order where their ids tell
 * it (`sections`), with the placeholders hidden. The style carries the
 * request's CSP nonce (proxy.ts).
 */
export async function StreamedWithoutScript({ sections, whole }: { sections: readonly string[]; whole: string }) {
  const csp = (await headers()).get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const streamed = "[id^=S\\:][hidden]";
  const css = [
    // The body becomes a column so the sections can be ordered; its children keep their full width.
    "body{display:flex;flex-direction:column}body>*{width:100%}",
    // Tailwind's preflight hides [hidden] with !important in its base layer; an
    // important rule wins only from the same layer, by being more specific.
    `@layer base{${streamed}{display:block!important}}`,
    `${streamed}{max-width:72rem;margin:0 auto 1.5rem;padding:0 1rem}`,
    ...sections.map((id, k) => `${streamed}:has(#${id}){order:${k + 1}}`),
    ".streamed-pending{display:none}",
  ].join("");
  return (
    <noscript>
      <meta httpEquiv="refresh" content={`0; url=${whole}`} />
      <style nonce={nonce}>{css}</style>
    </noscript>
  );
}
