import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { Prisma, table } from "@/lib/db/sql";
import type { OrgKind } from "@/lib/users/schemas";

/**
 * How organisations answer: per organisation, over every request sent to it
 * (drafts are the investigators' and do not count):
 *
 * - sent: requests sent;
 * - median time to acknowledge: sentAt → acknowledgedAt, over the requests
 *   acknowledged (answering acknowledges too);
 * - median time to answer: sentAt → the request's answeredAt, i.e. when its
 *   last identifier got an answer (the request is "answered"), over the
 *   requests fully answered. A correction after that moves answeredAt, so a
 *   corrected request counts from its last correction;
 * - answered within the due time: answeredAt ≤ dueAt, as a share of the
 *   requests whose outcome is known — fully answered, or unanswered when the
 *   due time passed while the request was still open (dueAt before its
 *   closing, or before now). Requests not yet due, and those the investigator
 *   closed unanswered before their due time, are left out.
 *
 * Computed in SQL (percentile_cont over seconds) in one statement.
 */
export interface OrgPerformance {
  orgId: string;
  name: string;
  kind: OrgKind;
  sent: number;
  /** Null when no request was acknowledged / fully answered. */
  medianAcknowledgeSeconds: number | null;
  medianAnswerSeconds: number | null;
  /** Requests whose timeliness is known, and those answered by their due time. */
  judged: number;
  answeredOnTime: number;
}

const Q = table("LiaisonRequest", "q");
const O = table("Organisation", "o");

interface Row {
  orgId: string;
  name: string;
  kind: OrgKind;
  sent: number;
  ack: number | null;
  answer: number | null;
  judged: number;
  onTime: number;
}

export async function liaisonPerformance(
  db: Db,
  ctx: ServiceContext,
  input: { now?: Date } = {},
): Promise<OrgPerformance[]> {
  assertCan(ctx.actor, "read:request:any");
  // Stored times are UTC wall-clock (timestamp without time zone), like this ISO text once cast.
  const now = Prisma.sql`${(input.now ?? new Date()).toISOString()}::timestamp`;
  const seconds = (to: Prisma.Sql) => Prisma.sql`extract(epoch FROM (${to} - ${Q.sentAt}))`;
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT ${O.id} AS "orgId", ${O.name} AS name, ${O.kind}::text AS kind, count(*)::int AS sent,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds(Q.acknowledgedAt)})
        FILTER (WHERE ${Q.acknowledgedAt} IS NOT NULL))::float8 AS ack,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds(Q.answeredAt)})
        FILTER (WHERE ${Q.answeredAt} IS NOT NULL))::float8 AS answer,
      count(*) FILTER (WHERE ${Q.answeredAt} IS NOT NULL
        OR ${Q.dueAt} < COALESCE(${Q.closedAt}, ${now}))::int AS judged,
      count(*) FILTER (WHERE ${Q.answeredAt} <= ${Q.dueAt})::int AS "onTime"
    FROM ${Q} JOIN ${O} ON ${O.id} = ${Q.orgId}
    WHERE ${Q.status}::text <> 'draft' AND ${Q.sentAt} IS NOT NULL
    GROUP BY ${O.id}, ${O.name}, ${O.kind}
    ORDER BY sent DESC, ${O.name}`);
  return rows.map((r) => ({
    orgId: r.orgId,
    name: r.name,
    kind: r.kind,
    sent: Number(r.sent),
    medianAcknowledgeSeconds: r.ack === null ? null : Number(r.ack),
    medianAnswerSeconds: r.answer === null ? null : Number(r.answer),
    judged: Number(r.judged),
    answeredOnTime: Number(r.onTime),
  }));
}
