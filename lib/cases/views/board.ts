import "server-only";
import type { Db } from "@/lib/db/client";
import { readDb } from "@/lib/db/read-db";
import { pgEnum, Prisma, table } from "@/lib/db/sql";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { parseAmountToMinor } from "@/lib/vocab";
import { decodeBoardCursor, encodeBoardCursor, type BoardFilters, type CaseStatus } from "./board-filters";

export interface BoardRow {
  id: number;
  number: string;
  status: CaseStatus;
  reportCount: number;
  victimCount: number;
  lossCnyMinor: bigint;
  /** Frozen by organisations in answer to the case's requests (fen). */
  frozenMinor: bigint;
  /** A request of the case is past its due time without an answer. */
  overdue: boolean;
  provinces: string[];
  platforms: string[];
  scamTypes: string[];
  assignee: string | null;
  firstIncident: Date | null;
  lastIncident: Date | null;
}

export interface BoardPage {
  rows: BoardRow[];
  nextCursor: string | null;
  total: number;
}

const C = table("Case", "c");
const U = table("User", "u");

const ORDER = {
  recent: { col: C.lastIncident, cast: Prisma.raw("date") },
  loss: { col: C.lossCnyMinor, cast: Prisma.raw("bigint") },
  size: { col: C.reportCount, cast: Prisma.raw("int") },
  frozen: { col: C.frozenMinor, cast: Prisma.raw("bigint") },
} as const;

/** The WHERE conditions of the board's filters (the case's own columns and denormalised arrays). */
function filterConditions(f: BoardFilters, actorId: string, now: string): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.status) where.push(Prisma.sql`${C.status} = ${f.status}::${pgEnum("CaseStatus")}`);
  if (f.scamType) where.push(Prisma.sql`${C.scamTypes} @> ARRAY[${f.scamType}::text]`);
  if (f.platform) where.push(Prisma.sql`${C.platformIds} @> ARRAY[${f.platform}::int]`);
  if (f.province) where.push(Prisma.sql`${C.provinces} @> ARRAY[${f.province}::text]`);
  if (f.from) where.push(Prisma.sql`${C.lastIncident} >= ${f.from}::date`);
  if (f.to) where.push(Prisma.sql`${C.firstIncident} <= ${f.to}::date`);
  if (f.minLoss) where.push(Prisma.sql`${C.lossCnyMinor} >= ${String(parseAmountToMinor(f.minLoss) ?? 0n)}::bigint`);
  if (f.mine) where.push(Prisma.sql`${C.assigneeId} = ${actorId}::text`);
  if (f.frozen) where.push(Prisma.sql`${C.frozenMinor} > 0`);
  // Case.requestsDueAt is the earliest due time of its requests still waited on.
  if (f.overdue) where.push(Prisma.sql`${C.requestsDueAt} < ${now}::timestamp`);
  return where;
}

const whereSql = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

/**
 * One page of the case board. Keyset pagination on (sort column, id), so page
 * 500 costs what page 1 costs; filters use the case's denormalised arrays, so
 * nothing scans reports. A cursor that does not fit the sort is ignored.
 */
export async function listCases(
  primary: Db,
  ctx: ServiceContext,
  input: { filters: BoardFilters; pageSize?: number },
): Promise<BoardPage> {
  assertCan(ctx.actor, "read:case:any");
  // A heavy read: on a replica unless this user just wrote (ADR 0014).
  const db = await readDb(primary, ctx.actor.id);
  const f = input.filters;
  const pageSize = Math.min(Math.max(1, Math.floor(input.pageSize ?? 25)), 200);
  // Stored times are UTC wall-clock (timestamp without time zone), like this ISO text once cast.
  const now = new Date().toISOString();
  const filters = filterConditions(f, ctx.actor.id, now);
  const order = ORDER[f.sort];
  const cursor = decodeBoardCursor(f.cursor, f.sort);
  // Every case has a report, so the sort columns are never null.
  const page = cursor
    ? [...filters, Prisma.sql`(${order.col}, ${C.id}) < (${cursor.value}::${order.cast}, ${cursor.id}::int)`]
    : filters;
  const [rows, count] = await Promise.all([
    db.$queryRaw<
      (Omit<BoardRow, "platforms" | "assignee"> & {
        platformIds: number[];
        assignee: string | null;
        assigneeEmail: string | null;
      })[]
    >(Prisma.sql`
      SELECT ${C.id} AS id, ${C.number} AS number, ${C.status}::text AS status, ${C.reportCount} AS "reportCount",
             ${C.victimCount} AS "victimCount", ${C.lossCnyMinor} AS "lossCnyMinor", ${C.frozenMinor} AS "frozenMinor",
             COALESCE(${C.requestsDueAt} < ${now}::timestamp, false) AS overdue, ${C.provinces} AS provinces,
             ${C.platformIds} AS "platformIds", ${C.scamTypes} AS "scamTypes", ${C.firstIncident} AS "firstIncident",
             ${C.lastIncident} AS "lastIncident", ${U.name} AS assignee, ${U.email} AS "assigneeEmail"
      FROM ${C} LEFT JOIN ${U} ON ${U.id} = ${C.assigneeId}
      ${whereSql(page)}
      ORDER BY ${order.col} DESC, ${C.id} DESC
      LIMIT ${pageSize + 1}::int`),
    db.$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT count(*) AS n FROM ${C} ${whereSql(filters)}`),
  ]);
  const shown = rows.slice(0, pageSize);
  const platformIds = [...new Set(shown.flatMap((r) => r.platformIds))];
  const names = platformIds.length
    ? new Map(
        (await db.platform.findMany({ where: { id: { in: platformIds } }, select: { id: true, name: true } })).map(
          (p) => [p.id, p.name],
        ),
      )
    : new Map<number, string>();
  const last = shown[shown.length - 1];
  const lastValue = last
    ? f.sort === "recent"
      ? (last.lastIncident?.toISOString().slice(0, 10) ?? "")
      : String(f.sort === "loss" ? last.lossCnyMinor : f.sort === "frozen" ? last.frozenMinor : last.reportCount)
    : null;
  return {
    rows: shown.map(({ platformIds: ids, assigneeEmail, ...r }) => ({
      ...r,
      assignee: r.assignee || assigneeEmail,
      platforms: ids.map((id) => names.get(id) ?? `#${id}`),
    })),
    nextCursor: rows.length > pageSize && last && lastValue !== null ? encodeBoardCursor(lastValue, last.id) : null,
    total: Number(count[0]?.n ?? 0),
  };
}
