import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { importReports } from "@/lib/interchange/import";
import {
  dashboardTotals,
  fillMonths,
  loadDashboard,
  lossByMonth,
  lossByPlatform,
  lossByProvince,
  lossByScamType,
  type DashboardRange,
} from "./views/dashboard";
import { parseDashboardRange, parseDay } from "./shared";

// A small known data set in 2001, which no other test uses: every figure
// below is exact in fen. Platform names are unique to this run.
const run = randomUUID().slice(0, 8);
const shop = `Dash Shop ${run}`;
const pay = `Dash Pay ${run}`;
const phone = () => `139${randomInt(10_000_000, 99_999_999)}`;
const sameVictim = phone();

type Line = Record<string, unknown>;
const line = (id: string, fields: Line): string =>
  JSON.stringify({
    externalId: `DASH-${run}-${id}`,
    submittedAt: "2001-12-31T10:00:00+08:00",
    narrative: "dashboard test",
    ...fields,
  });

const lines = [
  // March: one victim, two reports. 1,000.50 + 200.00 CNY (50 USD left out); the shop named in two roles.
  line("A", {
    incidentDate: "2001-03-05",
    scamType: "courier_compensation",
    victim: { phone: sameVictim, province: "Hubei" },
    payments: [
      { amount: 1000.5, currency: "CNY" },
      { amount: 200, currency: "CNY" },
      { amount: 50, currency: "USD" },
    ],
    platforms: [
      { name: shop, role: "order_leaked" },
      { name: shop, role: "impersonated" },
      { name: pay, role: "payment" },
    ],
  }),
  line("B", {
    incidentDate: "2001-03-20",
    scamType: "courier_compensation",
    victim: { phone: sameVictim, province: "Hubei" },
    payments: [{ amount: 300.25, currency: "CNY" }],
    platforms: [{ name: shop, role: "order_leaked" }],
  }),
  // May: no payment, no province.
  line("C", { incidentDate: "2001-05-02", scamType: "fake_customer_service_refund", victim: { phone: phone() } }),
  // No incident date: counts on the day it was submitted (31 May).
  line("D", {
    submittedAt: "2001-05-31T08:00:00+08:00",
    scamType: "other",
    victim: { phone: phone(), province: "Guangdong" },
    payments: [{ amount: 99.99, currency: "CNY" }],
  }),
  // July (June has nothing).
  line("E", {
    incidentDate: "2001-07-15",
    scamType: "order_brushing",
    victim: { phone: phone(), province: "Guangdong" },
    payments: [{ amount: 10, currency: "CNY" }],
    platforms: [{ name: pay, role: "payment" }],
  }),
  // Outside 2001 on both sides.
  line("F", {
    incidentDate: "2000-12-31",
    scamType: "other",
    victim: { phone: phone(), province: "Hubei" },
    payments: [{ amount: 5000, currency: "CNY" }],
    platforms: [{ name: shop, role: "other" }],
  }),
  line("G", {
    incidentDate: "2002-01-01",
    scamType: "other",
    victim: { phone: phone(), province: "Hubei" },
    payments: [{ amount: 7000, currency: "CNY" }],
  }),
];

const investigator = { actor: { id: "dashboard-test", role: "investigator", orgId: null } satisfies Actor };
const year: DashboardRange = { from: "2001-01-01", to: "2001-12-31" };

describe("dashboard aggregates", () => {
  beforeAll(async () => {
    const s = await importReports(await db(), lines);
    expect(s.malformed).toEqual([]);
    expect(s.imported).toBe(lines.length);
  }, 120_000);

  afterAll(async () => (await db()).$disconnect());

  it("totals: reports, distinct victims and CNY loss in the range", async () => {
    expect(await dashboardTotals(await db(), investigator, year)).toEqual({
      reports: 5,
      victims: 4,
      lossCnyMinor: 100050n + 20000n + 30025n + 9999n + 1000n,
    });
  });

  it("by incident month, with empty months filled", async () => {
    expect(await lossByMonth(await db(), investigator, year)).toEqual([
      { month: "2001-03", reports: 2, victims: 1, lossCnyMinor: 150075n },
      { month: "2001-04", reports: 0, victims: 0, lossCnyMinor: 0n },
      { month: "2001-05", reports: 2, victims: 2, lossCnyMinor: 9999n },
      { month: "2001-06", reports: 0, victims: 0, lossCnyMinor: 0n },
      { month: "2001-07", reports: 1, victims: 1, lossCnyMinor: 1000n },
    ]);
  });

  it("by scam type, largest loss first", async () => {
    expect(await lossByScamType(await db(), investigator, year)).toEqual([
      { scamType: "courier_compensation", reports: 2, lossCnyMinor: 150075n },
      { scamType: "other", reports: 1, lossCnyMinor: 9999n },
      { scamType: "order_brushing", reports: 1, lossCnyMinor: 1000n },
      { scamType: "fake_customer_service_refund", reports: 1, lossCnyMinor: 0n },
    ]);
  });

  it("by platform: a report counts once per platform, even when named in two roles", async () => {
    const rows = await lossByPlatform(await db(), investigator, year);
    expect(rows.map(({ platformId: _, ...r }) => r)).toEqual([
      { name: shop, reports: 2, lossCnyMinor: 150075n },
      { name: pay, reports: 2, lossCnyMinor: 120050n + 1000n },
    ]);
    expect(await lossByPlatform(await db(), investigator, year, 1)).toHaveLength(1);
  });

  it("by province, with reports without one under the empty key", async () => {
    expect(await lossByProvince(await db(), investigator, year)).toEqual([
      { province: "Hubei", reports: 2, lossCnyMinor: 150075n },
      { province: "Guangdong", reports: 2, lossCnyMinor: 10999n },
      { province: "", reports: 1, lossCnyMinor: 0n },
    ]);
  });

  it("narrows by date: inclusive ends, submission day when no incident date", async () => {
    const may = await loadDashboard(await db(), investigator, { range: { from: "2001-05-01", to: "2001-05-31" } });
    expect(may.totals).toEqual({ reports: 2, victims: 2, lossCnyMinor: 9999n });
    expect(may.months.map((m) => m.month)).toEqual(["2001-05"]);
    expect(may.platforms).toEqual([]);
    // Open-ended ranges.
    const fromJune = await lossByMonth(await db(), investigator, { from: "2001-06-01" });
    expect(fromJune[0]).toEqual({ month: "2001-07", reports: 1, victims: 1, lossCnyMinor: 1000n });
    const upToMarch = await lossByMonth(await db(), investigator, { to: "2001-03-19" });
    expect(upToMarch.at(-1)).toEqual({ month: "2001-03", reports: 1, victims: 1, lossCnyMinor: 100050n + 20000n });
    // A day with nothing.
    expect(await dashboardTotals(await db(), investigator, { from: "2001-06-01", to: "2001-06-30" })).toEqual({
      reports: 0,
      victims: 0,
      lossCnyMinor: 0n,
    });
  });

  it("without a range covers everything, including these reports", async () => {
    const all = await loadDashboard(await db(), investigator);
    expect(all.totals.reports).toBeGreaterThanOrEqual(lines.length);
    expect(all.months.some((m) => m.month === "2000-12")).toBe(true);
    expect(all.months.some((m) => m.month === "2002-01")).toBe(true);
  });

  it("refuses actors without read:case:any", async () => {
    const liaison = { actor: { id: "x", role: "liaison", orgId: "some-org" } satisfies Actor };
    for (const fn of [dashboardTotals, lossByMonth, lossByScamType, lossByPlatform, lossByProvince]) {
      await expect(fn(await db(), liaison, year)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(loadDashboard(await db(), liaison, { range: year })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("dashboard range and months", () => {
  it("parses real days only, swaps a reversed range", () => {
    expect(parseDay("2026-02-28")).toBe("2026-02-28");
    expect(parseDay("2026-02-30")).toBeUndefined();
    expect(parseDay("26-02-01")).toBeUndefined();
    expect(parseDay(["2026-01-01"])).toBeUndefined();
    expect(parseDay("1899-12-31")).toBeUndefined();
    expect(parseDashboardRange({ from: "2026-05-31", to: "2026-05-01" })).toEqual({
      from: "2026-05-01",
      to: "2026-05-31",
    });
    expect(parseDashboardRange({ from: "", to: "junk" })).toEqual({});
    expect(parseDashboardRange({ to: "2026-05-01" })).toEqual({ to: "2026-05-01" });
  });

  it("fills gaps across years, leaves absurd spans alone", () => {
    const m = (month: string) => ({ month, reports: 1, victims: 1, lossCnyMinor: 1n });
    expect(fillMonths([m("2025-11"), m("2026-02")]).map((x) => x.month)).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(fillMonths([m("1900-01"), m("2026-01")])).toHaveLength(2);
    expect(fillMonths([])).toEqual([]);
  });
});
