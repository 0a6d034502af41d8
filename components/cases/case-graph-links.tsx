import { getFormatter, getTranslations } from "next-intl/server";
import type { GraphLinks } from "@/components/staff/case-graph-model";

/**
 * The link graph as text, under the drawing: the identifiers that link
 * reports (with the reports naming each), the bridges and the investigators'
 * links. Server-rendered in a <details>, so it is there for screen readers,
 * keyboards and browsers without JavaScript; every entry is a link drawn.
 */
export async function CaseGraphLinks({ links }: { links: GraphLinks }) {
  const g = await getTranslations("caseGraph");
  const format = await getFormatter();
  const groups = [
    {
      id: "graph-links-shared",
      heading: g("sharedHeading"),
      items: links.shared.map((s) => ({
        key: s.id,
        text: g("sharedItem", { identifier: s.label, reports: format.list(s.reports, { type: "conjunction" }) }),
      })),
    },
    {
      id: "graph-links-bridges",
      heading: g("bridgesHeading"),
      items: links.bridges.map((p, k) => ({ key: String(k), text: g("pair", p) })),
    },
    {
      id: "graph-links-must",
      heading: g("mustLinksHeading"),
      items: links.mustLinks.map((p, k) => ({ key: String(k), text: g("pair", p) })),
    },
  ].filter((x) => x.items.length > 0);
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700 underline">{g("linksTitle")}</summary>
      <div className="mt-2 space-y-2">
        <p>{groups.length ? g("linksIntro") : g("noLinks")}</p>
        {groups.map((x) => (
          <div key={x.id}>
            <h3 id={x.id} className="font-semibold">
              {x.heading}
            </h3>
            <ul aria-labelledby={x.id} className="list-disc pl-5 font-mono break-all">
              {x.items.map((i) => (
                <li key={i.key}>{i.text}</li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </details>
  );
}
