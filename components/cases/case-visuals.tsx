import { getTranslations } from "next-intl/server";
import type { CaseDetail } from "@/lib/cases";
import { CaseGraph } from "@/components/staff/case-graph";
import { CaseTimeline } from "@/components/staff/case-timeline";
import { Section } from "./forms";

/** The link graph (reports ↔ identifiers) and the timeline of incidents, payments and case events. */
export async function CaseVisuals({ c, locale }: { c: CaseDetail; locale: string }) {
  const t = await getTranslations("cases");
  const g = await getTranslations("caseGraph");
  const tl = await getTranslations("timeline");
  const et = await getTranslations("cases.eventTypes");
  const o = await getTranslations("options.scamType");
  const entries = c.timeline.map((e) => ({
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
    <>
      <Section id="graph" title={t("graph")}>
        <CaseGraph
          data={{ nodes: c.graph.nodes, edges: c.graph.edges }}
          labels={{
            title: g("title"),
            report: g("report"),
            identifier: g("identifier"),
            blocked: g("blocked"),
            bridge: g("bridge"),
            mustLink: g("mustLink"),
            empty: g("empty"),
          }}
        />
        {c.graph.truncated ? <p className="text-sm text-slate-700">{g("truncated")}</p> : null}
      </Section>
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
    </>
  );
}
