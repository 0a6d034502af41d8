// The link graph's data model and its translation to cytoscape: pure (type
// imports only), so it is unit-tested without a browser and costs nothing in
// the page bundle beyond these few functions.
import type { ElementDefinition, StylesheetJson } from "cytoscape";

export interface CaseGraphNode {
  id: string;
  type: "report" | "identifier";
  label: string;
  /** Identifier kind (phone, qq, bank_account…). */
  kind?: string;
  /** Warning-listed: never links reports. */
  blocked?: boolean;
  /** Links reports of this case (shared, or bridged). */
  linking?: boolean;
}

export interface CaseGraphEdge {
  source: string;
  target: string;
  type: "names" | "bridge" | "mustLink";
}

export interface CaseGraphData {
  nodes: CaseGraphNode[];
  edges: CaseGraphEdge[];
}

export interface GraphCounts {
  reports: number;
  identifiers: number;
  links: number;
}

export const colours = {
  report: "#174c99",
  identifier: "#0f766e",
  linkingBorder: "#134e4a",
  blockedFill: "#e2e8f0",
  blockedBorder: "#64748b",
  names: "#94a3b8",
  bridge: "#b45309",
  mustLink: "#15803d",
  blockedEdge: "#cbd5e1",
  text: "#1e293b",
} as const;

/**
 * Cytoscape elements: nodes once each (first occurrence wins), edges only
 * between nodes that exist (cytoscape refuses dangling edges), each edge once
 * per (source, target, type). Classes carry the styling: report | identifier,
 * blocked, linking on nodes; the edge type and blocked (touching a
 * warning-listed identifier) on edges.
 */
export function toElements(data: CaseGraphData): ElementDefinition[] {
  const nodes = new Map<string, CaseGraphNode>();
  for (const n of data.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const out: ElementDefinition[] = [];
  for (const n of nodes.values()) {
    const classes: string[] = [n.type];
    if (n.type === "identifier" && n.blocked) classes.push("blocked");
    else if (n.type === "identifier" && n.linking) classes.push("linking");
    out.push({
      group: "nodes",
      data: { id: n.id, label: n.label, type: n.type, ...(n.kind ? { kind: n.kind } : {}) },
      classes: classes.join(" "),
    });
  }
  const seen = new Set<string>();
  for (const e of data.edges) {
    const a = nodes.get(e.source);
    const b = nodes.get(e.target);
    if (!a || !b || e.source === e.target) continue;
    const key = `${e.type}\u0000${e.source}\u0000${e.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const blocked = !!(a.blocked || b.blocked);
    out.push({
      group: "edges",
      data: { id: `e${seen.size}`, source: e.source, target: e.target, type: e.type },
      classes: blocked ? `${e.type} blocked` : e.type,
    });
  }
  return out;
}

/** What the aria-label summarises: reports, identifiers, and links drawn. */
export function graphCounts(data: CaseGraphData): GraphCounts {
  const elements = toElements(data);
  let reports = 0;
  let identifiers = 0;
  let links = 0;
  for (const el of elements) {
    if (el.group === "edges") links++;
    else if (el.data.type === "report") reports++;
    else identifiers++;
  }
  return { reports, identifiers, links };
}

/** Reports are blue rounded boxes, identifiers teal circles; warning-listed ones grey and dashed. */
export function graphStyle(): StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "font-size": 10,
        color: colours.text,
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-wrap": "ellipsis",
        "text-max-width": "120px",
        "min-zoomed-font-size": 7,
        // Edges run under the labels: keep the text readable.
        "text-background-color": "#f8fafc",
        "text-background-opacity": 0.85,
        "text-background-padding": "1px",
      },
    },
    {
      selector: "node.report",
      style: { shape: "round-rectangle", width: 28, height: 18, "background-color": colours.report },
    },
    {
      selector: "node.identifier",
      style: { shape: "ellipse", width: 20, height: 20, "background-color": colours.identifier },
    },
    { selector: "node.linking", style: { "border-width": 3, "border-color": colours.linkingBorder } },
    {
      selector: "node.blocked",
      style: {
        "background-color": colours.blockedFill,
        "border-width": 2,
        "border-style": "dashed",
        "border-color": colours.blockedBorder,
        color: colours.blockedBorder,
      },
    },
    { selector: "edge", style: { width: 1.5, "line-color": colours.names, "curve-style": "bezier" } },
    { selector: "edge.bridge", style: { width: 2.5, "line-color": colours.bridge, "line-style": "dotted" } },
    { selector: "edge.mustLink", style: { width: 3, "line-color": colours.mustLink } },
    { selector: "edge.blocked", style: { "line-style": "dashed", "line-color": colours.blockedEdge } },
    { selector: "node:selected", style: { "overlay-opacity": 0.15, "overlay-color": colours.report } },
  ];
}
