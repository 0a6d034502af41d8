import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import type { DashboardRange } from "./dashboard-range";

/**
 * The dashboard's "frozen vs lost" figures: what organisations froze in
 * answer to requests, per month, beside what the victims lost (the loss per
 * incident month that lossByMonth computes; dashboard.ts puts them side by side).
 */

/** Per month: CNY lost (by the reports' incident month) and frozen (by the month organisations answered). */
export interface FrozenMonthFigures {
  /** YYYY-MM */
  month: string;
  lostMinor: bigint;
  frozenMinor: bigint;
}

const Q = table("LiaisonRequest", "q");
const QI = table("LiaisonRequestItem", "qi");

/**
 * CNY frozen per month by organisations' answers: the frozen amounts of
 * answered identifiers of requests that were sent (not drafts), by the month
 * of the answer in China time (an answer given at 07:00 on 1 July in Beijing
 * counts for July). The range cuts on the same China-time day. A corrected
 * answer counts once, in the month of its last correction.
 */
export async function frozenByMonth(
  db: Db,
  ctx: ServiceContext,
  range: DashboardRange = {},
): Promise<{ month: string; frozenMinor: bigint }[]> {
  assertCan(ctx.actor, "read:case:any");
  const china = Prisma.sql`(${QI.answeredAt} + interval '8 hours')`;
  const where = [
    Prisma.sql`${Q.status}::text <> 'draft'`,
    Prisma.sql`${QI.frozenMinor} IS NOT NULL`,
    Prisma.sql`${QI.answeredAt} IS NOT NULL`,
  ];
  if (range.from) where.push(Prisma.sql`${china} >= ${range.from}::date`);
  if (range.to) where.push(Prisma.sql`${china} < ${range.to}::date + 1`);
  const rows = await db.$queryRaw<{ month: string; frozen: string }[]>(Prisma.sql`
    SELECT to_char(${china}, 'YYYY-MM') AS month, sum(${QI.frozenMinor})::text AS frozen
    FROM ${QI} JOIN ${Q} ON ${Q.id} = ${QI.requestId}
    WHERE ${Prisma.join(where, " AND ")}
    GROUP BY 1 ORDER BY 1`);
  return rows.map((r) => ({ month: r.month, frozenMinor: BigInt(r.frozen) }));
}
