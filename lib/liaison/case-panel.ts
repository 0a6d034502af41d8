import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, can, type ServiceContext } from "@/lib/auth/permissions";
import { caseByNumber } from "@/lib/cases";
import type { OrgKind } from "@/lib/users/schemas";
import { routeCaseIdentifiers, type IdentifierRouteRow } from "./routes";
import { defaultDueAt } from "./due";
import { followUpSuggestions, type FollowUpSuggestion } from "./follow-ups";
import { defaultKindFor } from "./request-form";
import { identifierKindsByRequest, requestKinds, type RequestKind } from "./shared";
import { listCaseRequests, type RequestView } from "./views";
import { allOrganisations } from "./route-override";
import { Prisma, table } from "@/lib/db/sql";

const R = table("Report", "r");
const RP = table("ReportPlatform", "rp");
const O = table("Organisation", "o");
const PL = table("Platform", "pl");

/**
 * Everything the case page's liaison panel shows: the case's requests with
 * their answers (listCaseRequests), and — for investigators who may create
 * requests — one creation step per organisation, pre-filled with the
 * identifiers that concern it and what the victims paid to each, the shops
 * named as "knew my order" (data-leak notices), follow-up suggestions, and the
 * due-time settings per kind.
 */
export interface PanelOrg {
  id: string;
  name: string;
  kind: OrgKind;
}

export interface PanelIdentifier {
  identifierId: number;
  kind: string;
  display: string;
  paidMinor: bigint;
  paymentCount: number;
  victimCount: number;
  firstPaidAt: Date | null;
  lastPaidAt: Date | null;
  /** Requests of this case to the group's organisation (not closed) that already name it. */
  requestedIn: string[];
}

export interface PanelGroup {
  /** Null: identifiers no organisation takes; the form asks for one. */
  org: PanelOrg | null;
  /** The shop the victims said knew their orders, when this organisation is that shop. */
  leakPlatform: { id: number; name: string } | null;
  defaultKind: RequestKind;
  rows: PanelIdentifier[];
}

/** A suggested follow-up freeze request, with its organisation and accounts. */
export interface PanelFollowUp {
  followUpOf: string;
  org: PanelOrg;
  rows: PanelIdentifier[];
}

export interface CasePanel {
  caseNumber: string;
  requests: RequestView[];
  /** Where each of the case's identifiers routes (the routing table shows them). */
  routes: IdentifierRouteRow[];
  /** Only for those who may create requests (create:request:any); otherwise empty. */
  groups: PanelGroup[];
  organisations: PanelOrg[];
  followUps: PanelFollowUp[];
  /** Hours from sending to the due time, per kind (settings). */
  dueHours: Record<RequestKind, number>;
  canCreate: boolean;
}

const offered = new Set(Object.values(identifierKindsByRequest).flat());

export async function caseRequestPanel(db: Db, ctx: ServiceContext, input: { caseNumber: string }): Promise<CasePanel> {
  assertCan(ctx.actor, "read:request:any");
  const kase = await caseByNumber(db, input.caseNumber);
  const requests = await listCaseRequests(db, ctx, { caseNumber: kase.number });
  const now = new Date();
  const dueHours = Object.fromEntries(
    requestKinds.map((k) => [k, Math.round((defaultDueAt(k, now).getTime() - now.getTime()) / 3600_000)]),
  ) as Record<RequestKind, number>;
  // Routed once: the creation steps, the follow-ups and the routing table all use it.
  const routes = await routeCaseIdentifiers(db, ctx, { caseNumber: kase.number });
  const canCreate = can(ctx.actor, "create:request:any");
  if (!canCreate) {
    const none = { groups: [], organisations: [], followUps: [] };
    return { caseNumber: kase.number, requests, routes, ...none, dueHours, canCreate };
  }
  const rows = requestable(routes);
  // Most cases have no request yet: nothing to follow up or to leave unchecked.
  const anyRequest = requests.length > 0;
  const [organisations, leaked, suggestions, askedItems] = await Promise.all([
    allOrganisations(db),
    leakedShops(db, kase.caseId),
    anyRequest
      ? followUpSuggestions(
          db,
          ctx,
          { caseNumber: kase.number },
          routes.map((r) => ({ identifierId: r.identifierId, kind: r.kind, orgId: r.org?.id ?? null })),
        )
      : [],
    anyRequest
      ? db.liaisonRequestItem.findMany({
          where: { request: { caseId: kase.caseId, status: { not: "closed" } }, identifierId: { not: null } },
          select: { identifierId: true, request: { select: { number: true, orgId: true } } },
        })
      : [],
  ]);
  // Identifiers already asked of an organisation by a request still in play are not pre-checked again.
  const asked = new Map<string, string[]>();
  for (const item of askedItems) {
    const k = `${item.request.orgId}:${item.identifierId}`;
    asked.set(k, [...(asked.get(k) ?? []), item.request.number]);
  }
  const groups = new Map<string, PanelGroup>();
  const unrouted: PanelIdentifier[] = [];
  for (const row of rows) {
    if (!row.org) {
      unrouted.push({ ...row.figures, requestedIn: [] });
      continue;
    }
    let g = groups.get(row.org.id);
    if (!g) groups.set(row.org.id, (g = { org: row.org, leakPlatform: null, defaultKind: "information", rows: [] }));
    g.rows.push({ ...row.figures, requestedIn: asked.get(`${row.org.id}:${row.figures.identifierId}`) ?? [] });
  }
  for (const shop of leaked) {
    const g = groups.get(shop.org.id);
    if (g) g.leakPlatform = shop.platform;
    else groups.set(shop.org.id, { org: shop.org, leakPlatform: shop.platform, defaultKind: "information", rows: [] });
  }
  for (const g of groups.values()) g.defaultKind = defaultKindFor(g.org!.kind, !!g.leakPlatform);
  const list = [...groups.values()];
  // Most money first; the form lists the first ones unless all are asked for (components/liaison/case-request-create.tsx).
  if (unrouted.length) list.push({ org: null, leakPlatform: null, defaultKind: "information", rows: unrouted });
  return {
    caseNumber: kase.number,
    requests,
    routes,
    groups: list,
    organisations,
    followUps: withRows(suggestions, rows, organisations),
    dueHours,
    canCreate,
  };
}

interface RoutedRow {
  org: PanelOrg | null;
  figures: Omit<PanelIdentifier, "requestedIn">;
}

/** The routed identifiers a request can be about (routing leaves out warning-listed and held ones). */
function requestable(routes: readonly IdentifierRouteRow[]): RoutedRow[] {
  return routes
    .filter((r) => offered.has(r.kind))
    .map((r) => ({
      org: r.org,
      figures: {
        identifierId: r.identifierId,
        kind: r.kind,
        display: r.display,
        paidMinor: r.paidMinor,
        paymentCount: r.paymentCount,
        victimCount: r.victimCount,
        firstPaidAt: r.firstPaidAt,
        lastPaidAt: r.lastPaidAt,
      },
    }));
}

function withRows(
  suggestions: readonly FollowUpSuggestion[],
  rows: readonly RoutedRow[],
  organisations: readonly PanelOrg[],
): PanelFollowUp[] {
  const byId = new Map(rows.map((r) => [r.figures.identifierId, r.figures]));
  return suggestions.flatMap((s) => {
    const org = organisations.find((o) => o.id === s.orgId);
    const found = s.identifierIds.flatMap((id) => {
      const f = byId.get(id);
      return f ? [{ ...f, requestedIn: [] }] : [];
    });
    return org && found.length ? [{ followUpOf: s.followUpOf, org, rows: found }] : [];
  });
}

/** Organisations that are a shop the case's victims said knew their orders. */
async function leakedShops(db: Db, caseId: number) {
  // The case's reports' platforms probed per report (OFFSET 0 keeps the probe), as elsewhere on the case page.
  const rows = await db.$queryRaw<
    { id: string; name: string; kind: OrgKind; platformId: number; platformName: string }[]
  >(Prisma.sql`
    SELECT ${O.id}, ${O.name}, ${O.kind}::text AS kind, ${PL.id} AS "platformId", ${PL.name} AS "platformName"
    FROM ${O} JOIN ${PL} ON ${PL.id} = ${O.platformId}
    WHERE ${O.platformId} IN (
      SELECT rp."platformId" FROM ${R}
      CROSS JOIN LATERAL (
        SELECT ${RP.$.platformId} FROM ${RP.$table} WHERE ${RP.$.reportId} = ${R.id} AND ${RP.$.role} = 'order_leaked' OFFSET 0
      ) rp
      WHERE ${R.caseId} = ${caseId})
    ORDER BY ${O.name}`);
  return rows.map((o) => ({
    org: { id: o.id, name: o.name, kind: o.kind },
    platform: { id: o.platformId, name: o.platformName },
  }));
}
