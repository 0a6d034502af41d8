import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import { assertCan, type AnyActor, type ServiceContext } from "@/lib/auth/permissions";

export interface Assignment {
  externalId: string;
  caseId: string | null;
}

const R = table("Report", "r");
const C = table("Case", "c");

/**
 * Case assignments in report id order, a page at a time (keyset pagination,
 * so memory stays flat however many reports there are). Web reports have no
 * externalId; with `includeWeb` they are listed under their reference. No
 * victim data leaves this way: only report ids and case numbers. Needs
 * export:case:any (`npm run export:cases` acts as the system).
 */
export async function* caseAssignments(
  db: Db,
  ctx: ServiceContext<AnyActor>,
  opts: { includeWeb?: boolean; pageSize?: number } = {},
): AsyncGenerator<Assignment> {
  assertCan(ctx.actor, "export:case:any");
  const size = opts.pageSize ?? 10_000;
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<
      { id: number; externalId: string | null; reference: string; number: string | null }[]
    >(Prisma.sql`
      SELECT ${R.id} AS id, ${R.externalId} AS "externalId", ${R.reference} AS reference, ${C.number} AS number
      FROM ${R} LEFT JOIN ${C} ON ${C.id} = ${R.caseId}
      WHERE ${R.id} > ${after} AND (${opts.includeWeb ?? false}::boolean OR ${R.externalId} IS NOT NULL)
      ORDER BY ${R.id} LIMIT ${size}::int`);
    if (!rows.length) return;
    for (const r of rows) yield { externalId: r.externalId ?? r.reference, caseId: r.number };
    after = rows[rows.length - 1]!.id;
  }
}
