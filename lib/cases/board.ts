import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { parseAmountToMinor } from "@/lib/vocab";
import type { BoardFilters, CaseStatus } from "./board-filters";

export interface BoardRow {
  id: number;
  number: string;
  status: CaseStatus;
  reportCount: number;
  victimCount: number;
  lossCnyMinor: bigint;
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

const ORDER = {
  recent: { col: `c."lastIncident"`, cast: "date" },
  loss: { col: `c."lossCnyMinor"`, cast: "bigint" },
  size: { col: `c."reportCount"`, cast: "int" },
} as const;

function encodeCursor(value: unknown, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

function decodeCursor(cursor: string | undefined): [string, number] | null {
  if (!cursor) return null;
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    return typeof v === "string" && Number.isInteger(id) ? [v, id as number] : null;
  } catch {
    return null;
  }
}

/**
 * One page of the case board. Keyset pagination on (sort column, id), so page
 * 500 costs what page 1 costs; filters use the case's denormalised arrays
 * (GIN indexes), so nothing scans reports.
 */
export async function listCases(db: Db, actor: Actor, f: BoardFilters, pageSize = 25): Promise<BoardPage> {
  assertCan(actor, "read:case:any");
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown, cast: string) => {
    args.push(v);
    return `$${args.length}::${cast}`;
  };
  if (f.status) where.push(`c."status" = ${arg(f.status, `"CaseStatus"`)}`);
  if (f.scamType) where.push(`c."scamTypes" @> ARRAY[${arg(f.scamType, "text")}]`);
  if (f.platform) where.push(`c."platformIds" @> ARRAY[${arg(f.platform, "int")}]`);
  if (f.province) where.push(`c."provinces" @> ARRAY[${arg(f.province, "text")}]`);
  if (f.from) where.push(`c."lastIncident" >= ${arg(f.from, "date")}`);
  if (f.to) where.push(`c."firstIncident" <= ${arg(f.to, "date")}`);
  if (f.minLoss) where.push(`c."lossCnyMinor" >= ${arg(String(parseAmountToMinor(f.minLoss) ?? 0n), "bigint")}`);
  if (f.mine) where.push(`c."assigneeId" = ${arg(actor.id, "text")}`);
  const filterSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const filterArgs = [...args];

  const order = ORDER[f.sort];
  const cursor = decodeCursor(f.cursor);
  const pageWhere = [...where];
  // Every case has a report, so the sort columns are never null.
  if (cursor) pageWhere.push(`(${order.col}, c."id") < (${arg(cursor[0], order.cast)}, ${arg(cursor[1], "int")})`);
  const sql = `
    SELECT c."id", c."number", c."status"::text AS status, c."reportCount", c."victimCount", c."lossCnyMinor",
           c."provinces", c."platformIds", c."scamTypes", c."firstIncident", c."lastIncident", u."name" AS assignee, u."email" AS "assigneeEmail"
    FROM "Case" c LEFT JOIN "User" u ON u."id" = c."assigneeId"
    ${pageWhere.length ? `WHERE ${pageWhere.join(" AND ")}` : ""}
    ORDER BY ${order.col} DESC, c."id" DESC
    LIMIT ${arg(pageSize + 1, "int")}`;
  const [rows, count] = await Promise.all([
    db.$queryRawUnsafe<
      (Omit<BoardRow, "platforms" | "assignee"> & {
        platformIds: number[];
        assignee: string | null;
        assigneeEmail: string | null;
      })[]
    >(sql, ...args),
    db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "Case" c ${filterSql}`, ...filterArgs),
  ]);
  const page = rows.slice(0, pageSize);
  const platformIds = [...new Set(page.flatMap((r) => r.platformIds))];
  const names = platformIds.length
    ? new Map(
        (await db.platform.findMany({ where: { id: { in: platformIds } }, select: { id: true, name: true } })).map(
          (p) => [p.id, p.name],
        ),
      )
    : new Map<number, string>();
  const last = page[page.length - 1];
  const lastValue = last
    ? f.sort === "recent"
      ? last.lastIncident?.toISOString().slice(0, 10)
      : String(f.sort === "loss" ? last.lossCnyMinor : last.reportCount)
    : null;
  return {
    rows: page.map(({ platformIds: ids, assigneeEmail, ...r }) => ({
      ...r,
      assignee: r.assignee || assigneeEmail,
      platforms: ids.map((id) => names.get(id) ?? `#${id}`),
    })),
    nextCursor: rows.length > pageSize && last ? encodeCursor(lastValue, last.id) : null,
    total: Number(count[0]?.n ?? 0),
  };
}
