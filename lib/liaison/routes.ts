import "server-only";
import type { Db } from "@/lib/db";
import { Prisma, table } from "@/lib/db/sql";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { blockChecker, caseByNumber } from "@/lib/cases";
import type { IdentifierKind, MetaValue } from "@/lib/matching";
import type { OrgKind } from "@/lib/users/schemas";
import { paidToIdentifiers } from "./case-money";
import { routeTarget, type RouteTarget } from "./routing";
import type { IdentifierRouteRow, RouteOrg, RouteVia } from "./route-groups";

/**
 * Routing of a case's identifiers to organisations (docs/liaison-routing.md):
 * the pure rules in routing.ts, fed with what the case's reports say about
 * each identifier, matched to the organisations' routing keys or linked
 * platform; staff's override (IdentifierRoute) wins. Overrides are set in
 * route-override.ts.
 */
export { routesByOrganisation, type IdentifierRouteRow, type OrganisationRoutes, type RouteOrg } from "./route-groups";
export { setIdentifierRoute, listRouteOrganisations, type SetIdentifierRouteInput } from "./route-override";
export type { RouteTarget } from "./routing";

const R = table("Report", "r");
const RI = table("ReportIdentifier", "ri");
const I = table("Identifier", "i");
const IR = table("IdentifierRoute", "ir");
const O = table("Organisation", "o");
const RP = table("ReportPlatform", "rp");
const P = table("Platform", "p");

interface NamedRow {
  id: number;
  kind: IdentifierKind;
  value: string;
  display: string;
  meta: Record<string, MetaValue>;
  linkable: boolean;
  reports: number;
  victims: number;
  statedBanks: string[];
  platformNames: string[];
  overrideId: string | null;
  overrideName: string | null;
  overrideKind: OrgKind | null;
}

/**
 * Every identifier the case's reports name that may link (warning-listed,
 * unlinkable, "do not link" and held shared numbers are left out: nobody is
 * asked to act on a bank's hotline), with where it routes and what the case's
 * victims paid to it. Most money first. Needs read:request:any.
 */
export async function routeCaseIdentifiers(
  db: Db,
  ctx: ServiceContext,
  input: { caseNumber: string },
): Promise<IdentifierRouteRow[]> {
  assertCan(ctx.actor, "read:request:any");
  const { caseId } = await caseByNumber(db, input.caseNumber);
  const [named, check] = await Promise.all([namedIdentifiers(db, caseId), blockChecker(db)]);
  const open = named.filter((n) => !check(n.id, n, n.linkable));
  if (!open.length) return [];
  const [platforms, paid] = await Promise.all([
    giftCardPlatforms(
      db,
      caseId,
      open.filter((n) => n.kind === "gift_card").map((n) => n.id),
    ),
    paidToIdentifiers(db, caseId, open).then((f) => f.byIdentifier),
  ]);
  const targets = new Map(
    open.map((n) => {
      // The identifier row keeps the first report's facts; the others' may name the seller.
      const meta =
        n.kind === "gift_card" && !n.meta.platform ? { ...n.meta, platform: n.platformNames[0] ?? null } : n.meta;
      const hints = {
        statedBanks: [...n.statedBanks, ...(paid.get(n.id)?.statedBanks ?? [])],
        platforms: platforms.get(n.id) ?? [],
      };
      return [n.id, routeTarget({ kind: n.kind, value: n.value, display: n.display, meta }, hints)] as const;
    }),
  );
  const orgFor = await organisationsFor(db, [...targets.values()]);
  const rows = open.map((n): IdentifierRouteRow => {
    const target = targets.get(n.id) ?? null;
    const override: RouteOrg | null =
      n.overrideId && n.overrideName && n.overrideKind
        ? { id: n.overrideId, name: n.overrideName, kind: n.overrideKind }
        : null;
    const auto = target ? orgFor(target) : null;
    const money = paid.get(n.id);
    return {
      identifierId: n.id,
      kind: n.kind,
      display: n.display,
      target,
      org: override ?? auto?.org ?? null,
      via: override ? "override" : (auto?.via ?? null),
      paidMinor: money?.paidMinor ?? 0n,
      paymentCount: money?.paymentCount ?? 0,
      victimCount: n.victims,
      reportCount: n.reports,
      firstPaidAt: money?.firstPaidAt ?? null,
      lastPaidAt: money?.lastPaidAt ?? null,
    };
  });
  return rows.sort(
    (a, b) =>
      (a.paidMinor === b.paidMinor ? 0 : a.paidMinor > b.paidMinor ? -1 : 1) ||
      b.victimCount - a.victimCount ||
      b.reportCount - a.reportCount ||
      a.identifierId - b.identifierId,
  );
}

/** The identifiers the case's reports name, with counts, what the reports stated, and staff's override. */
function namedIdentifiers(db: Db, caseId: number): Promise<NamedRow[]> {
  // The case's reports' identifiers probed per report, aggregated per identifier,
  // then each identifier read by its key (OFFSET 0 keeps both probes: joined
  // plainly, the planner scanned the whole table for a large case). The override
  // is probed per identifier too: joined plainly, the planner rescanned every
  // organisation once per identifier (13 of 24 ms on a 1,907-report case with
  // 120 organisations).
  return db.$queryRaw<NamedRow[]>(Prisma.sql`
    WITH rs AS (
      SELECT ${R.id} AS id, COALESCE(NULLIF(${R.victimKey}, ''), ${R.reference}) AS victim FROM ${R} WHERE ${R.caseId} = ${caseId}
    ),
    named AS (
      SELECT ${RI.identifierId} AS id, count(*)::int AS reports, count(DISTINCT rs.victim)::int AS victims,
             array_remove(array_agg(DISTINCT ${RI.meta}->>'statedBank'), NULL) AS "statedBanks",
             array_remove(array_agg(DISTINCT ${RI.meta}->>'platform'), NULL) AS "platformNames"
      FROM rs
      CROSS JOIN LATERAL (
        SELECT ${RI.$.identifierId}, ${RI.$.meta} FROM ${RI.$table} WHERE ${RI.$.reportId} = rs.id OFFSET 0
      ) ri
      GROUP BY ${RI.identifierId}
    )
    SELECT named.*, i.kind, i.value, i.display, i.meta, i.linkable,
           ${O.id} AS "overrideId", ${O.name} AS "overrideName", ${O.kind}::text AS "overrideKind"
    FROM named
    CROSS JOIN LATERAL (
      SELECT ${I.kind}::text AS kind, ${I.value} AS value, ${I.display} AS display, ${I.meta} AS meta, ${I.linkable} AS linkable
      FROM ${I} WHERE ${I.id} = named.id OFFSET 0
    ) i
    LEFT JOIN LATERAL (
      SELECT ${O.id}, ${O.name}, ${O.kind} FROM ${IR} JOIN ${O} ON ${O.id} = ${IR.orgId}
      WHERE ${IR.identifierId} = named.id OFFSET 0
    ) o ON true`);
}

type PlatformHint = { key: string; name: string; role: string };

/** Platforms (and the role the report gave each) of the case's reports naming each gift-card account. */
async function giftCardPlatforms(db: Db, caseId: number, ids: number[]): Promise<Map<number, PlatformHint[]>> {
  const out = new Map<number, PlatformHint[]>();
  if (!ids.length) return out;
  const rows = await db.$queryRaw<({ identifierId: number } & PlatformHint)[]>(Prisma.sql`
    SELECT DISTINCT ${RI.identifierId} AS "identifierId", ${P.key} AS key, ${P.name} AS name, ${RP.role}::text AS role
    FROM ${RI}
    JOIN ${R} ON ${R.id} = ${RI.reportId} AND ${R.caseId} = ${caseId}
    JOIN ${RP} ON ${RP.reportId} = ${R.id}
    JOIN ${P} ON ${P.id} = ${RP.platformId}
    WHERE ${RI.identifierId} = ANY(${ids}::int[])`);
  for (const { identifierId, ...p } of rows) out.set(identifierId, [...(out.get(identifierId) ?? []), p]);
  return out;
}

/**
 * The organisation for each target: the first by name whose routing keys hold
 * the target's key, else (platform targets) the first linked to that platform.
 */
async function organisationsFor(
  db: Db,
  targets: (RouteTarget | null)[],
): Promise<(t: RouteTarget) => { org: RouteOrg; via: RouteVia } | null> {
  const keys = [...new Set(targets.flatMap((t) => (t ? [t.key] : [])))];
  const platformKeys = keys.filter((k) => k.startsWith("platform:")).map((k) => k.slice("platform:".length));
  const orgs = keys.length
    ? await db.$queryRaw<(RouteOrg & { routeKeys: string[]; platformKey: string | null })[]>(Prisma.sql`
        SELECT ${O.id}, ${O.name}, ${O.kind}::text AS kind, ${O.routeKeys}, ${P.key} AS "platformKey"
        FROM ${O} LEFT JOIN ${P} ON ${P.id} = ${O.platformId}
        WHERE ${O.routeKeys} && ${keys}::text[] OR ${P.key} = ANY(${platformKeys}::text[])
        ORDER BY ${O.name}`)
    : [];
  return (t) => {
    const byKey = orgs.find((o) => o.routeKeys.includes(t.key));
    if (byKey) return { org: { id: byKey.id, name: byKey.name, kind: byKey.kind }, via: "route-key" };
    const byPlatform = t.key.startsWith("platform:")
      ? orgs.find((o) => o.platformKey !== null && `platform:${o.platformKey}` === t.key)
      : undefined;
    return byPlatform
      ? { org: { id: byPlatform.id, name: byPlatform.name, kind: byPlatform.kind }, via: "platform" }
      : null;
  };
}
