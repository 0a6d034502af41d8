// The link graph's data model and its translation to cytoscape: pure (type
// imports only), so it is unit-tested without a browser and costs nothing in
// the page bundle beyond these few functions.
import type { ElementDefinition, StylesheetJson } from "cytoscape";
import type { CaseGraphEdge, CaseGraphNode } from "@/lib/cases/shared";

export type { CaseGraphEdge, CaseGraphNode };

export interface CaseGraphData {
  nodes: CaseGraphNode[];
  edges: CaseGraphEdge[];
}

export interface GraphCounts {
  reports: number;
  identifiers: number;
  /** Every edge drawn… */
  links: number;
  /** …of which report → identifier, */
  names: number;
  /** identifier ↔ identifier bridges, */
  bridges: number;
  /** and investigators' report ↔ report links. */
  mustLinks: number;
  /** Connected groups the drawing falls into: 1 when every link that holds the case together is drawn. */
  islands: number;
}

/** The drawn links as text, for the list shown with the drawing. */
export interface GraphLinks {
  /** Identifiers that link (not warning-listed), each with the drawn reports naming it. */
  shared: { id: string; label: string; reports: string[] }[];
  /** Bridges, as the two identifiers' labels. */
  bridges: { a: string; b: string }[];
  /** Investigators' must-links, as the two reports' labels. */
  mustLinks: { a: string; b: string }[];
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

const hasClass = (el: ElementDefinition, c: string): boolean => (el.classes ?? "").toString().split(" ").includes(c);

/**
 * What the aria-label summarises: reports, identifiers, links drawn by type,
 * and how many groups the reports fall into through the drawn links that
 * hold reports together (every one but those touching a warning-listed
 * identifier): 1 when nothing that holds the case together is missing.
 */
export function graphCounts(data: CaseGraphData): GraphCounts {
  const elements = toElements(data);
  const counts: GraphCounts = { reports: 0, identifiers: 0, links: 0, names: 0, bridges: 0, mustLinks: 0, islands: 0 };
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    // Path halving: each step points a node at its grandparent.
    while (parent.get(x) !== x) {
      const up = parent.get(parent.get(x)!)!;
      parent.set(x, up);
      x = up;
    }
    return x;
  };
  const reports: string[] = [];
  for (const el of elements) {
    if (el.group === "nodes") {
      parent.set(el.data.id!, el.data.id!);
      if (el.data.type === "report") {
        counts.reports++;
        reports.push(el.data.id!);
      } else counts.identifiers++;
      continue;
    }
    counts.links++;
    const type = el.data.type as CaseGraphEdge["type"];
    counts[type === "names" ? "names" : type === "bridge" ? "bridges" : "mustLinks"]++;
    if (!hasClass(el, "blocked")) parent.set(find(el.data.source as string), find(el.data.target as string));
  }
  counts.islands = new Set(reports.map(find)).size;
  return counts;
}

/** The links as text: what holds the case together, so it can be read without the drawing. */
export function graphLinks(data: CaseGraphData): GraphLinks {
  const elements = toElements(data);
  const label = new Map<string, string>();
  const kind = new Map<string, string>();
  const namedBy = new Map<string, string[]>();
  for (const el of elements) {
    if (el.group !== "nodes") continue;
    label.set(el.data.id!, el.data.label as string);
    if (el.data.kind) kind.set(el.data.id!, el.data.kind as string);
    if (hasClass(el, "linking")) namedBy.set(el.data.id!, []);
  }
  const out: GraphLinks = { shared: [], bridges: [], mustLinks: [] };
  for (const el of elements) {
    if (el.group !== "edges" || hasClass(el, "blocked")) continue;
    const { source, target, type } = el.data as { source: string; target: string; type: CaseGraphEdge["type"] };
    let a = label.get(source)!;
    let b = label.get(target)!;
    if (type === "names") namedBy.get(target)?.push(a);
    else if (type === "mustLink") out.mustLinks.push({ a, b });
    else {
      // One number used in two apps: the same label twice, told apart by kind.
      if (a === b) [a, b] = [`${a} (${kind.get(source)})`, `${b} (${kind.get(target)})`];
      out.bridges.push({ a, b });
    }
  }
  out.shared = [...namedBy].map(([id, reports]) => ({ id, label: label.get(id)!, reports }));
  return out;
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
