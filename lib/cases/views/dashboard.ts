import "server-only";
import type { Db } from "@/lib/db/client";
import { readDb } from "@/lib/db/read-db";
import { Prisma, table } from "@/lib/db/sql";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import type { DashboardRange } from "./dashboard-range";

import { frozenByMonth, type FrozenMonthFigures } from "./dashboard-frozen";

export type { DashboardRange } from "./dashboard-range";
export type { FrozenMonthFigures } from "./dashboard-frozen";

/**
 * Figures for the staff dashboard, aggregated over reports (not cases), so a
 * date range cuts at the report's incident day: its incident date, else the
 * day it was submitted (the same day the case figures use). Losses are CNY
 * payments in minor units (fen); other currencies are left out, as on the board.
 *
 * Every breakdown is one statement shaped the same way, so the planner sees
 * good estimates and picks hash joins over 100k reports (EXPLAINed on
 * PostgreSQL 16 with 100k reports, 170k payments, 160k platform rows):
 *   u  — one row per (key, report) in the range, inlined (NOT MATERIALIZED);
 *   c  — reports per key; with victims, via (key, victimKey) groups (two hash
 *        aggregates instead of a sorted count(DISTINCT));
 *   l  — CNY payments summed per key by joining Payment to u (a hash join;
 *        cheaper than summing per report first and then per key).
 * The range filter is written on the columns themselves (not on a COALESCE),
 * so the row estimate comes from column statistics and a narrow range still
 * gets an index-free plan that is right for its size.
 */

export interface CategoryFigures {
  reports: number;
  /** CNY minor units (fen). */
  lossCnyMinor: bigint;
}

export interface Figures extends CategoryFigures {
  /** Distinct victims (Report.victimKey). */
  victims: number;
}

export interface MonthFigures extends Figures {
  /** YYYY-MM */
  month: string;
}

export interface ScamTypeFigures extends CategoryFigures {
  scamType: string;
}

export interface PlatformFigures extends CategoryFigures {
  platformId: number;
  name: string;
}

export interface ProvinceFigures extends CategoryFigures {
  /** As stored (the form's English key, e.g. "Shandong"); "" when not given. */
  province: string;
}

export interface Dashboard {
  range: DashboardRange;
  totals: Figures;
  months: MonthFigures[];
  frozen: FrozenMonthFigures[];
  scamTypes: ScamTypeFigures[];
  platforms: PlatformFigures[];
  provinces: ProvinceFigures[];
}

const R = table("Report", "r");
const RP = table("ReportPlatform", "rp");
const P = table("Payment", "p");

/** The condition on "Report" r for the range, or null (no range: no WHERE, and no join only the range needs). */
function rangeSql(range: DashboardRange): Prisma.Sql | null {
  const inc: Prisma.Sql[] = [];
  const sub: Prisma.Sql[] = [];
  if (range.from) {
    inc.push(Prisma.sql`${R.incidentDate} >= ${range.from}::date`);
    sub.push(Prisma.sql`${R.submittedAt} >= ${range.from}::date`);
  }
  if (range.to) {
    inc.push(Prisma.sql`${R.incidentDate} <= ${range.to}::date`);
    sub.push(Prisma.sql`${R.submittedAt} < ${range.to}::date + 1`);
  }
  if (!inc.length) return null;
  return Prisma.sql`((${Prisma.join(inc, " AND ")}) OR (${R.incidentDate} IS NULL AND ${Prisma.join(sub, " AND ")}))`;
}

interface Row {
  key: string;
  reports: number;
  victims: number | null;
  loss: string;
}

interface BreakdownOptions {
  /** ORDER BY over c (reports, victims, key) and l (loss). */
  order: Prisma.Sql;
  /** Count distinct victims too (a second aggregation; only where shown). */
  victims?: boolean;
  limit?: number;
}

/**
 * Reports (and victims) and CNY loss per key. `unit(where)` selects
 * ("key" text, "id" of the report, "victimKey" when counting victims) with the
 * range condition on "Report" r applied (null: no range, so no WHERE and
 * no join that only the range needs).
 */
async function breakdown(
  db: Db,
  unit: (where: Prisma.Sql | null) => Prisma.Sql,
  range: DashboardRange,
  opts: BreakdownOptions,
): Promise<Row[]> {
  const counts = opts.victims
    ? Prisma.sql`SELECT x."key", sum(x.n)::int AS reports, count(*)::int AS victims
       FROM (SELECT u."key", u."victimKey", count(*) AS n FROM u GROUP BY 1, 2) x
       GROUP BY x."key"`
    : Prisma.sql`SELECT u."key", count(*)::int AS reports, NULL::int AS victims FROM u GROUP BY 1`;
  return db.$queryRaw<Row[]>(Prisma.sql`
    WITH u AS NOT MATERIALIZED (${unit(rangeSql(range))}),
    c AS (${counts}),
    l AS (
      SELECT u."key", sum(${P.amountMinor}) AS loss
      FROM u JOIN ${P} ON ${P.reportId} = u."id"
      WHERE ${P.currency} = 'CNY'
      GROUP BY u."key"
    )
    SELECT c."key", c.reports, c.victims, COALESCE(l.loss, 0)::text AS loss
    FROM c LEFT JOIN l ON l."key" = c."key"
    ORDER BY ${opts.order}
    ${opts.limit ? Prisma.sql`LIMIT ${Math.max(1, Math.floor(opts.limit))}` : Prisma.empty}`);
}

const category = (r: Row): CategoryFigures => ({ reports: Number(r.reports), lossCnyMinor: BigInt(r.loss) });
const figures = (r: Row): Figures => ({ ...category(r), victims: Number(r.victims ?? 0) });
const BY_LOSS = Prisma.sql`COALESCE(l.loss, 0) DESC, c.reports DESC, c."key"`;
const BY_KEY = Prisma.sql`c."key"`;
const reportsWhere = (w: Prisma.Sql | null) => (w ? Prisma.sql`WHERE ${w}` : Prisma.empty);

/** Totals over the range: reports, distinct victims, CNY loss. */
export async function dashboardTotals(db: Db, ctx: ServiceContext, range: DashboardRange = {}): Promise<Figures> {
  assertCan(ctx.actor, "read:case:any");
  const rows = await breakdown(
    db,
    (w) =>
      Prisma.sql`SELECT ''::text AS "key", ${R.id} AS "id", ${R.victimKey} AS "victimKey" FROM ${R} ${reportsWhere(w)}`,
    range,
    { order: BY_KEY, victims: true },
  );
  return rows[0] ? figures(rows[0]) : { reports: 0, victims: 0, lossCnyMinor: 0n };
}

/** Per incident month, oldest first; months without reports inside the span are filled with zeros. */
export async function lossByMonth(db: Db, ctx: ServiceContext, range: DashboardRange = {}): Promise<MonthFigures[]> {
  assertCan(ctx.actor, "read:case:any");
  const rows = await breakdown(
    db,
    (
      w,
    ) => Prisma.sql`SELECT to_char(COALESCE(${R.incidentDate}, ${R.submittedAt}::date), 'YYYY-MM') AS "key", ${R.id} AS "id", ${R.victimKey} AS "victimKey"
            FROM ${R} ${reportsWhere(w)}`,
    range,
    { order: BY_KEY, victims: true },
  );
  return fillMonths(rows.map((r) => ({ month: r.key, ...figures(r) })));
}

/** Per scam type, largest loss first. */
export async function lossByScamType(
  db: Db,
  ctx: ServiceContext,
  range: DashboardRange = {},
): Promise<ScamTypeFigures[]> {
  assertCan(ctx.actor, "read:case:any");
  const rows = await breakdown(
    db,
    (w) => Prisma.sql`SELECT ${R.scamType}::text AS "key", ${R.id} AS "id" FROM ${R} ${reportsWhere(w)}`,
    range,
    { order: BY_LOSS },
  );
  return rows.map((r) => ({ scamType: r.key, ...category(r) }));
}

/**
 * The platforms named in the most lost money, top `limit` (10). A report that
 * names several platforms counts once for each of them (once per platform even
 * when named in several roles), so these losses can add up to more than the total.
 */
export async function lossByPlatform(
  db: Db,
  ctx: ServiceContext,
  range: DashboardRange = {},
  limit = 10,
): Promise<PlatformFigures[]> {
  assertCan(ctx.actor, "read:case:any");
  const rows = await breakdown(
    db,
    (w) =>
      w
        ? Prisma.sql`SELECT DISTINCT ${RP.platformId}::text AS "key", ${R.id} AS "id" FROM ${R} JOIN ${RP} ON ${RP.reportId} = ${R.id} WHERE ${w}`
        : Prisma.sql`SELECT DISTINCT ${RP.platformId}::text AS "key", ${RP.reportId} AS "id" FROM ${RP}`,
    range,
    { order: BY_LOSS, limit },
  );
  const ids = rows.map((r) => Number(r.key));
  const names = ids.length
    ? new Map(
        (await db.platform.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [
          p.id,
          p.name,
        ]),
      )
    : new Map<number, string>();
  return rows.map((r) => ({
    platformId: Number(r.key),
    name: names.get(Number(r.key)) ?? `#${r.key}`,
    ...category(r),
  }));
}

/** Per victim province as stored, largest loss first ("" = not given). */
export async function lossByProvince(
  db: Db,
  ctx: ServiceContext,
  range: DashboardRange = {},
): Promise<ProvinceFigures[]> {
  assertCan(ctx.actor, "read:case:any");
  const rows = await breakdown(
    db,
    (w) => Prisma.sql`SELECT ${R.victimProvince} AS "key", ${R.id} AS "id" FROM ${R} ${reportsWhere(w)}`,
    range,
    { order: BY_LOSS },
  );
  return rows.map((r) => ({ province: r.key, ...category(r) }));
}

/** Lost and frozen side by side, every month from the first to the last of either (gaps filled with zeros). */
export function frozenVsLost(
  months: readonly MonthFigures[],
  frozen: readonly { month: string; frozenMinor: bigint }[],
): FrozenMonthFigures[] {
  const byMonth = new Map<string, FrozenMonthFigures>();
  for (const m of months) byMonth.set(m.month, { month: m.month, lostMinor: m.lossCnyMinor, frozenMinor: 0n });
  for (const f of frozen) {
    const row = byMonth.get(f.month) ?? { month: f.month, lostMinor: 0n, frozenMinor: 0n };
    byMonth.set(f.month, { ...row, frozenMinor: row.frozenMinor + f.frozenMinor });
  }
  const sorted = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
  // fillMonths knows the calendar (and its limits): it gives the months to show.
  const filled = fillMonths(sorted.map((r) => ({ month: r.month, reports: 0, victims: 0, lossCnyMinor: 0n })));
  return filled.map((m) => byMonth.get(m.month) ?? { month: m.month, lostMinor: 0n, frozenMinor: 0n });
}

/** Everything the dashboard page shows, queried side by side. */
export async function loadDashboard(
  db: Db,
  ctx: ServiceContext,
  input: { range?: DashboardRange } = {},
): Promise<Dashboard> {
  assertCan(ctx.actor, "read:case:any");
  const range = input.range ?? {};
  // Six aggregates over every report: on a replica unless this user just wrote (ADR 0014).
  const read = await readDb(db, ctx.actor.id);
  const [totals, months, frozen, scamTypes, platforms, provinces] = await Promise.all([
    dashboardTotals(read, ctx, range),
    lossByMonth(read, ctx, range),
    frozenByMonth(read, ctx, range),
    lossByScamType(read, ctx, range),
    lossByPlatform(read, ctx, range),
    lossByProvince(read, ctx, range),
  ]);
  return { range, totals, months, frozen: frozenVsLost(months, frozen), scamTypes, platforms, provinces };
}

/** Longest span of months filled with zero rows; beyond it (stray years in the data) gaps stay. */
const MAX_FILLED_MONTHS = 600;

/** Inserts zero rows for months missing between the first and the last (rows sorted by month). */
export function fillMonths(rows: MonthFigures[]): MonthFigures[] {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return rows;
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const span = index(last.month) - index(first.month) + 1;
  if (span <= rows.length || span > MAX_FILLED_MONTHS) return rows;
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const out: MonthFigures[] = [];
  for (let i = index(first.month); i <= index(last.month); i++) {
    const month = `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;
    out.push(byMonth.get(month) ?? { month, reports: 0, victims: 0, lossCnyMinor: 0n });
  }
  return out;
}
