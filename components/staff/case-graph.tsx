"use client";
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import type { Core } from "cytoscape";
import { colours, graphCounts, graphStyle, toElements, type CaseGraphData } from "./case-graph-model";

export type { CaseGraphData, CaseGraphEdge, CaseGraphNode, GraphCounts, GraphLinks } from "./case-graph-model";
export { graphCounts, graphLinks, toElements } from "./case-graph-model";

export interface CaseGraphLabels {
  title: string;
  report: string;
  identifier: string;
  blocked: string;
  bridge: string;
  mustLink: string;
  empty: string;
  /** Legend entry for a report → identifier edge; shown when given. */
  names?: string;
  /** Heading of the legend (visually hidden); defaults to `title`. */
  legend?: string;
  /** The drawing's aria-label, e.g. t("caseGraph.summary", graphCounts(data)); a plain count line when absent. */
  summary?: string;
  /** Shown instead of the drawing without JavaScript (or if the library fails to load). */
  noScript?: string;
}

const HEIGHT = 420;
const MAX_FIT_ZOOM = 1.5;

/** What cytoscape holds once drawn, shown as data attributes (tests read them; the canvas has no DOM). */
interface Drawn {
  nodes: number;
  names: number;
  bridges: number;
  mustLinks: number;
  islands: number;
}

/**
 * Reports ↔ identifiers of a case, drawn with cytoscape (cose layout). The
 * library is imported inside an effect, so it is in no first-load bundle and
 * nothing runs on the server; without JavaScript the legend and a note remain.
 * No network access: cytoscape draws on a canvas from the given data only.
 */
export function CaseGraph({ data, labels }: { data: CaseGraphData; labels: CaseGraphLabels }) {
  const container = useRef<HTMLDivElement>(null);
  const elements = useMemo(() => toElements(data), [data]);
  const counts = useMemo(() => graphCounts(data), [data]);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const legendId = useId();

  useEffect(() => {
    const el = container.current;
    if (!el || elements.length === 0) return;
    let cy: Core | undefined;
    let cancelled = false;
    import("cytoscape")
      .then(({ default: cytoscape }) => {
        if (cancelled) return;
        cy = cytoscape({
          container: el,
          elements,
          style: graphStyle(),
          layout: {
            name: "cose",
            animate: false,
            fit: true,
            padding: 24,
            nodeDimensionsIncludeLabels: true,
            // A handful of nodes would otherwise be blown up to fill the box.
            stop: (e) => {
              if (e.cy.zoom() > MAX_FIT_ZOOM) {
                e.cy.zoom(MAX_FIT_ZOOM);
                e.cy.center();
              }
            },
          },
          minZoom: 0.1,
          maxZoom: 4,
          boxSelectionEnabled: false,
        });
        // Groups of reports through edges that hold them together (not those to warning-listed identifiers).
        const holding = cy.elements().not("edge.blocked, node.blocked");
        setDrawn({
          nodes: cy.nodes().length,
          names: cy.edges(".names").length,
          bridges: cy.edges(".bridge").length,
          mustLinks: cy.edges(".mustLink").length,
          islands: holding.components().filter((c) => c.nodes(".report").length > 0).length,
        });
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      cy?.destroy();
      setDrawn(null);
    };
  }, [elements]);

  if (elements.length === 0) return <p className="text-slate-700">{labels.empty}</p>;

  const summary =
    labels.summary ?? `${labels.title}: ${counts.reports} ${labels.report}, ${counts.identifiers} ${labels.identifier}`;
  const legend: { key: string; label: string; swatch: ReactNode }[] = [
    {
      key: "report",
      label: labels.report,
      swatch: <rect x="2" y="5" width="20" height="14" rx="4" fill={colours.report} />,
    },
    { key: "identifier", label: labels.identifier, swatch: <circle cx="12" cy="12" r="8" fill={colours.identifier} /> },
    {
      key: "blocked",
      label: labels.blocked,
      swatch: (
        <circle
          cx="12"
          cy="12"
          r="8"
          fill={colours.blockedFill}
          stroke={colours.blockedBorder}
          strokeWidth="2"
          strokeDasharray="3 2"
        />
      ),
    },
    ...(labels.names
      ? [
          {
            key: "names",
            label: labels.names,
            swatch: <line x1="1" y1="12" x2="23" y2="12" stroke={colours.names} strokeWidth="2" />,
          },
        ]
      : []),
    {
      key: "bridge",
      label: labels.bridge,
      swatch: (
        <line
          x1="1"
          y1="12"
          x2="23"
          y2="12"
          stroke={colours.bridge}
          strokeWidth="3"
          strokeDasharray="1 3"
          strokeLinecap="round"
        />
      ),
    },
    {
      key: "mustLink",
      label: labels.mustLink,
      swatch: <line x1="1" y1="12" x2="23" y2="12" stroke={colours.mustLink} strokeWidth="3" />,
    },
  ];

  return (
    <div className="space-y-3">
      <div
        ref={container}
        role="img"
        aria-label={summary}
        data-drawn={drawn ? "true" : "false"}
        data-drawn-nodes={drawn?.nodes}
        data-drawn-names={drawn?.names}
        data-drawn-bridges={drawn?.bridges}
        data-drawn-must-links={drawn?.mustLinks}
        data-drawn-islands={drawn?.islands}
        style={{ height: HEIGHT }}
        className="relative w-full overflow-hidden rounded-md border border-slate-300 bg-slate-50"
      />
      {failed && labels.noScript ? <p className="text-sm text-slate-700">{labels.noScript}</p> : null}
      {labels.noScript ? (
        <noscript>
          <p className="text-sm text-slate-700">{labels.noScript}</p>
        </noscript>
      ) : null}
      <div>
        <p id={legendId} className="sr-only">
          {labels.legend ?? labels.title}
        </p>
        <ul aria-labelledby={legendId} className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-800">
          {legend.map((l) => (
            <li key={l.key} className="flex items-center gap-1.5">
              <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                {l.swatch}
              </svg>
              {l.label}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
