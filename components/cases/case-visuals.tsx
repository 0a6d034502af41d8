import { getTranslations } from "next-intl/server";
import type { CaseDetail } from "@/lib/cases";
import { CaseGraph } from "@/components/staff/case-graph";
import { graphCounts, graphLinks } from "@/components/staff/case-graph-model";
import { CaseTimeline } from "@/components/staff/case-timeline";
import { Section } from "./forms";
import { CaseGraphLinks } from "./case-graph-links";

/** The link graph (reports ↔ identifiers) and the timeline of incidents, payments and case events. */
export async function CaseVisuals({ c, locale }: { c: Pick<CaseDetail, "graph" | "timeline">; locale: string }) {
  return (
    <>
      <CaseGraphSection graph={c.graph} />
      <CaseTimelineSection timeline={c.timeline} locale={locale} />
    </>
  );
}

/** The link graph, drawn (client component) and as text under it. */
export async function CaseGraphSection({ graph: data }: { graph: CaseDetail["graph"] }) {
  const t = await getTranslations("cases");
  const g = await getTranslations("caseGraph");
  const graph = { nodes: data.nodes, edges: data.edges };
  return (
    <Section id="graph" title={t("graph")}>
      <CaseGraph
        data={graph}
        labels={{
          title: g("title"),
          report: g("report"),
          identifier: g("identifier"),
          blocked: g("blocked"),
          names: g("names"),
          bridge: g("bridge"),
          mustLink: g("mustLink"),
          empty: g("empty"),
          legend: g("legend"),
          summary: g("summary", { ...graphCounts(graph) }),
          noScript: g("noScript"),
        }}
      />
      {data.truncated ? <p className="text-sm text-slate-700">{g("truncated")}</p> : null}
      {graph.nodes.length ? <CaseGraphLinks links={graphLinks(graph)} /> : null}
    </Section>
  );
}

/** Incidents and payments of the shown reports, and the case's events, by day. */
export async function CaseTimelineSection({ timeline, locale }: { timeline: CaseDetail["timeline"]; locale: string }) {
  const t = await getTranslations("cases");
  const tl = await getTranslations("timeline");
  const et = await getTranslations("cases.eventTypes");
  const o = await getTranslations("options.scamType");
  const entries = timeline.map((e) => ({
    ...e,
    label:
      e.type === "event"
        ? et.has(e.label)
          ? et(e.label)
          : e.label
        : e.type === "incident"
          ? `${e.reference} · ${o.has(e.label) ? o(e.label) : e.label}`
          : `${e.reference} → ${e.label}`,
  }));
  return (
    <Section id="timeline" title={t("timeline")}>
      <CaseTimeline
        entries={entries}
        locale={locale}
        labels={{
          title: tl("title"),
          empty: tl("empty"),
          incident: tl("incident"),
          payment: tl("payment"),
          report: tl("report"),
          event: tl("event"),
        }}
      />
    </Section>
  );
}
