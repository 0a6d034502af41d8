/**
 * The routing of a case's identifiers as the service returns it, and grouped
 * per organisation for the request-creation step (one request per
 * organisation). Pure.
 */
import type { IdentifierKind } from "@/lib/vocab/choices";
import type { OrgKind } from "@/lib/users/schemas";
import type { RouteTarget } from "./routing";

export interface RouteOrg {
  id: string;
  name: string;
  kind: OrgKind;
}

/** How the organisation was found: staff's override, its routing keys, or its linked platform. */
export type RouteVia = "override" | "route-key" | "platform";

export interface IdentifierRouteRow {
  identifierId: number;
  kind: IdentifierKind;
  display: string;
  /** Where routing points (null: staff must name the organisation). */
  target: RouteTarget | null;
  org: RouteOrg | null;
  via: RouteVia | null;
  /** CNY paid to it as payee by the case's reports (fen). */
  paidMinor: bigint;
  /** Payments to it by the case's reports, any currency. */
  paymentCount: number;
  /** Distinct victims among the case's reports naming it. */
  victimCount: number;
  /** The case's reports naming it. */
  reportCount: number;
  firstPaidAt: Date | null;
  lastPaidAt: Date | null;
}

export interface OrganisationRoutes {
  org: RouteOrg;
  rows: IdentifierRouteRow[];
  paidMinor: bigint;
}

/**
 * Rows with an organisation, one group per organisation (most money first,
 * then by name), and the rows no organisation takes (`unrouted`), in the
 * order given.
 */
export function routesByOrganisation(rows: readonly IdentifierRouteRow[]): {
  groups: OrganisationRoutes[];
  unrouted: IdentifierRouteRow[];
} {
  const byOrg = new Map<string, OrganisationRoutes>();
  const unrouted: IdentifierRouteRow[] = [];
  for (const row of rows) {
    if (!row.org) {
      unrouted.push(row);
      continue;
    }
    let group = byOrg.get(row.org.id);
    if (!group) byOrg.set(row.org.id, (group = { org: row.org, rows: [], paidMinor: 0n }));
    group.rows.push(row);
    group.paidMinor += row.paidMinor;
  }
  const groups = [...byOrg.values()].sort((a, b) =>
    a.paidMinor === b.paidMinor ? a.org.name.localeCompare(b.org.name) : a.paidMinor > b.paidMinor ? -1 : 1,
  );
  return { groups, unrouted };
}
