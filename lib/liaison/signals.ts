import "server-only";
import type { Db } from "@/lib/db/client";
import type { RequestStatus } from "@/lib/db/generated/client";
import { Prisma, pgEnum, table } from "@/lib/db/sql";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { courierOf, type CourierCode } from "./couriers";
import { densestWindow, type Observation } from "./leak-window";

/**
 * Leak signals: shops whose customers' order data the scammers knew.
 *
 * A report says so by naming a platform with role `order_leaked`; a Platform
 * row already merges spellings (Platform.key), so a shop is one Platform row.
 * Victims are distinct Report.victimKey values; a report's day is its incident
 * date, else the day it was submitted (as the case figures and the dashboard).
 * A shop is signalled when some run of `days` consecutive days holds reports
 * from at least `minVictims` victims; the window shown is the densest one,
 * the most recent among equals (lib/liaison/leak-window.ts says why).
 *
 * Two statements, whatever the number of reports:
 * 1. every order-leak observation as (shop, victim, day), deduplicated and
 *    only for shops with enough victims overall (a hash aggregate over
 *    ReportPlatform ⋈ Report; 100k reports take well under a second), victims
 *    numbered per shop so only integers cross the wire; the sliding window
 *    runs in JavaScript (a distinct count over a moving range has no SQL
 *    window function);
 * 2. for the signalled shops only, the window's reports through
 *    ReportPlatform(platformId): their cases, and the other platforms they
 *    name as impersonated/other, from which the couriers are picked.
 * Organisations and earlier notices are small lookups by platform id.
 */

export interface LeakSignalOptions {
  /** Default LEAK_SIGNAL_MIN_VICTIMS. */
  minVictims?: number;
  /** Default LEAK_SIGNAL_DAYS. */
  days?: number;
  /** Reports dated after this day (China time) are left out; default now. */
  now?: Date;
  /** One shop only (the notice action checks its signal still stands). */
  platformId?: number;
}

export interface LeakSignalCourier {
  /** A courier of the vocabulary (lib/liaison/couriers.ts), or null for one known only by its organisation. */
  code: CourierCode | null;
  /** The organisation's name, else the first spelling seen (show the code's translation when there is one). */
  name: string;
  /** Reports of the window naming it. */
  reports: number;
}

export interface LeakSignal {
  platform: { id: number; name: string };
  /** Distinct victims and order-leak reports in the window. */
  victims: number;
  reports: number;
  /** First and last report days in the window, YYYY-MM-DD. */
  firstDate: string;
  lastDate: string;
  /** The window's last day is within `days` of today: the burst may still be going on. */
  ongoing: boolean;
  /** Distinct victims naming the shop as leaked at any time. */
  allVictims: number;
  /** Cases of the window's reports, most reports first (at most MAX_CASES); reports not in any case are counted apart. */
  cases: { number: string; reports: number }[];
  caseCount: number;
  reportsWithoutCase: number;
  couriers: LeakSignalCourier[];
  /** The shop as an organisation that can receive a notice, or null (an administrator must add it). */
  organisation: { id: string; name: string } | null;
  /** Data-leak notices already made for this shop, newest first. */
  notices: { number: string; status: RequestStatus; createdAt: Date }[];
  /** A notice not yet answered or closed exists: the page offers no new one. */
  openNotice: boolean;
}

export const MAX_CASES = 50;
const OPEN: readonly RequestStatus[] = ["draft", "sent", "acknowledged"];
const EPOCH = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

const R = table("Report", "r");
const RP = table("ReportPlatform", "rp");
const RP2 = table("ReportPlatform", "rp2");
const P2 = table("Platform", "p2");
const O = table("Organisation", "o");
const C = table("Case", "c");

const dayOf = Prisma.sql`COALESCE(${R.incidentDate}, ${R.submittedAt}::date)`;
const leaked = Prisma.sql`'order_leaked'::${pgEnum("PlatformRole")}`;

const isoDay = (n: number) => new Date(EPOCH + n * DAY_MS).toISOString().slice(0, 10);
/** Today in China, where reports' days are reckoned. */
const chinaDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(d);

/** The thresholds listLeakSignals uses by default (LEAK_SIGNAL_MIN_VICTIMS, LEAK_SIGNAL_DAYS), for the page's explanation. */
export function leakSignalSettings(): { minVictims: number; days: number } {
  const config = env();
  return { minVictims: config.LEAK_SIGNAL_MIN_VICTIMS, days: config.LEAK_SIGNAL_DAYS };
}

function positiveInt(v: number | undefined, fallback: number, max: number): number {
  const n = v ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`leak signal: ${n} is out of range`);
  return n;
}

export async function listLeakSignals(
  db: Db,
  ctx: ServiceContext,
  input: LeakSignalOptions = {},
): Promise<LeakSignal[]> {
  assertCan(ctx.actor, "read:signal:any");
  const config = env();
  const minVictims = positiveInt(input.minVictims, config.LEAK_SIGNAL_MIN_VICTIMS, 10_000);
  const days = positiveInt(input.days, config.LEAK_SIGNAL_DAYS, 3660);
  const today = chinaDay(input.now ?? new Date());
  const onlyShop =
    input.platformId === undefined ? Prisma.empty : Prisma.sql`AND ${RP.platformId} = ${input.platformId}::int`;

  // 1. Observations of shops with enough victims at all; a report without a victim key counts as its own victim.
  const rows = await db.$queryRaw<{ pid: number; victim: number; day: number; all: number }[]>(Prisma.sql`
    WITH k AS (
      SELECT ${RP.platformId} AS pid, COALESCE(NULLIF(${R.victimKey}, ''), ${R.reference}) AS v, ${dayOf} AS day
      FROM ${RP} JOIN ${R} ON ${R.id} = ${RP.reportId}
      WHERE ${RP.role} = ${leaked} AND ${dayOf} <= ${today}::date ${onlyShop}
    ), d AS (SELECT DISTINCT pid, v, day FROM k),
    cand AS (SELECT pid, count(DISTINCT v)::int AS "all" FROM d GROUP BY pid HAVING count(DISTINCT v) >= ${minVictims}::int)
    SELECT d.pid, (dense_rank() OVER (PARTITION BY d.pid ORDER BY d.v))::int AS victim,
           (d.day - DATE '2000-01-01')::int AS day, cand."all"
    FROM d JOIN cand ON cand.pid = d.pid`);

  const byShop = new Map<number, { all: number; obs: Observation[] }>();
  for (const r of rows) {
    const shop = byShop.get(r.pid) ?? { all: r.all, obs: [] };
    shop.obs.push({ victim: r.victim, day: r.day });
    byShop.set(r.pid, shop);
  }
  const windows = [...byShop].flatMap(([pid, shop]) => {
    const w = densestWindow(shop.obs, { minVictims, days });
    return w ? [{ pid, all: shop.all, ...w, from: isoDay(w.first), to: isoDay(w.last) }] : [];
  });
  if (windows.length === 0) return [];

  // 2. The windows' reports: cases, then couriers named beside the shop.
  const pids = windows.map((w) => w.pid);
  const inWindows = Prisma.sql`
    w AS (SELECT * FROM unnest(${pids}::int[], ${windows.map((w) => w.from)}::date[], ${windows.map((w) => w.to)}::date[])
          AS w(pid, dfrom, dto)),
    wr AS (SELECT w.pid, ${R.id} AS rid, ${R.caseId} AS "caseId"
           FROM w JOIN ${RP} ON ${RP.platformId} = w.pid AND ${RP.role} = ${leaked}
           JOIN ${R} ON ${R.id} = ${RP.reportId}
           WHERE ${dayOf} BETWEEN w.dfrom AND w.dto)`;
  const caseRows = await db.$queryRaw<{ pid: number; number: string | null; reports: number }[]>(Prisma.sql`
    WITH ${inWindows}
    SELECT wr.pid, ${C.number} AS number, count(*)::int AS reports
    FROM wr LEFT JOIN ${C} ON ${C.id} = wr."caseId"
    GROUP BY wr.pid, ${C.number}
    ORDER BY wr.pid, count(*) DESC, ${C.number}`);
  const named = await db.$queryRaw<{ pid: number; id: number; name: string; org: string | null; rids: number[] }[]>(
    Prisma.sql`
    WITH ${inWindows}
    SELECT wr.pid, ${P2.id} AS id, ${P2.name} AS name,
           (SELECT ${O.name} FROM ${O} WHERE ${O.platformId} = ${P2.id} AND ${O.kind} = 'courier'::${pgEnum("OrgKind")}
            ORDER BY ${O.name} LIMIT 1) AS org,
           array_agg(DISTINCT wr.rid) AS rids
    FROM wr JOIN ${RP2} ON ${RP2.reportId} = wr.rid AND ${RP2.platformId} <> wr.pid
         AND ${RP2.role} IN ('impersonated'::${pgEnum("PlatformRole")}, 'other'::${pgEnum("PlatformRole")})
    JOIN ${P2} ON ${P2.id} = ${RP2.platformId}
    GROUP BY wr.pid, ${P2.id}, ${P2.name}`,
  );

  const [platforms, orgs, notices] = await Promise.all([
    db.platform.findMany({ where: { id: { in: pids } }, select: { id: true, name: true } }),
    db.organisation.findMany({
      where: { platformId: { in: pids }, kind: "platform" },
      select: { id: true, name: true, platformId: true },
      orderBy: { name: "asc" },
    }),
    db.liaisonRequest.findMany({
      where: { kind: "data_leak_notice", platformId: { in: pids } },
      select: { number: true, status: true, createdAt: true, platformId: true },
      orderBy: { createdAt: "desc" },
    }),
  ]);

  const lastDay = Math.floor((Date.parse(`${today}T00:00:00Z`) - EPOCH) / DAY_MS);
  return windows
    .map((w): LeakSignal => {
      const cases = caseRows.filter((c) => c.pid === w.pid);
      const withCase = cases.filter((c): c is typeof c & { number: string } => c.number !== null);
      const shopNotices = notices.filter((n) => n.platformId === w.pid).map(({ platformId: _, ...n }) => n);
      const org = orgs.find((o) => o.platformId === w.pid);
      return {
        platform: platforms.find((p) => p.id === w.pid) ?? { id: w.pid, name: "" },
        victims: w.victims,
        reports: cases.reduce((n, c) => n + c.reports, 0),
        firstDate: w.from,
        lastDate: w.to,
        ongoing: w.last > lastDay - days,
        allVictims: w.all,
        cases: withCase.slice(0, MAX_CASES).map(({ number, reports }) => ({ number, reports })),
        caseCount: withCase.length,
        reportsWithoutCase: cases.find((c) => c.number === null)?.reports ?? 0,
        couriers: couriersOf(named.filter((n) => n.pid === w.pid)),
        organisation: org ? { id: org.id, name: org.name } : null,
        notices: shopNotices,
        openNotice: shopNotices.some((n) => OPEN.includes(n.status)),
      };
    })
    .sort(
      (a, b) =>
        b.lastDate.localeCompare(a.lastDate) || b.victims - a.victims || a.platform.name.localeCompare(b.platform.name),
    );
}

/** Couriers among the platforms named beside the shop, one entry per courier, reports counted once each. */
function couriersOf(named: { id: number; name: string; org: string | null; rids: number[] }[]): LeakSignalCourier[] {
  const found = new Map<string, { code: CourierCode | null; name: string; rids: Set<number> }>();
  for (const n of named) {
    const code = courierOf(n.name);
    if (!code && !n.org) continue;
    const key = code ?? `org:${n.org}`;
    const entry = found.get(key) ?? { code, name: n.org ?? n.name, rids: new Set<number>() };
    for (const id of n.rids) entry.rids.add(id);
    found.set(key, entry);
  }
  return [...found.values()]
    .map(({ code, name, rids }) => ({ code, name, reports: rids.size }))
    .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name));
}
