import { describe, expect, it } from "vitest";
import { routesByOrganisation, type IdentifierRouteRow, type RouteOrg } from "./route-groups";

const icbc: RouteOrg = { id: "o-icbc", name: "ICBC", kind: "bank" };
const tencent: RouteOrg = { id: "o-tencent", name: "Tencent", kind: "internet" };

function row(identifierId: number, org: RouteOrg | null, paidMinor = 0n): IdentifierRouteRow {
  return {
    identifierId,
    kind: "bank_account",
    display: String(identifierId),
    target: null,
    org,
    via: org ? "route-key" : null,
    paidMinor,
    paymentCount: paidMinor > 0n ? 1 : 0,
    victimCount: 1,
    reportCount: 1,
    firstPaidAt: null,
    lastPaidAt: null,
  };
}

describe("routesByOrganisation", () => {
  it("groups rows per organisation, most money first, and keeps the unrouted apart", () => {
    const rows = [row(1, tencent), row(2, icbc, 500n), row(3, null), row(4, icbc, 100n), row(5, null)];
    const { groups, unrouted } = routesByOrganisation(rows);
    expect(groups.map((g) => [g.org.name, g.rows.map((r) => r.identifierId), g.paidMinor])).toEqual([
      ["ICBC", [2, 4], 600n],
      ["Tencent", [1], 0n],
    ]);
    expect(unrouted.map((r) => r.identifierId)).toEqual([3, 5]);
  });

  it("orders organisations with equal amounts by name", () => {
    const { groups } = routesByOrganisation([row(1, tencent), row(2, icbc)]);
    expect(groups.map((g) => g.org.name)).toEqual(["ICBC", "Tencent"]);
  });

  it("is empty for no rows", () => {
    expect(routesByOrganisation([])).toEqual({ groups: [], unrouted: [] });
  });
});
