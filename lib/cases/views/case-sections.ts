import "server-only";
import { openPii } from "@/lib/pii";
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import { assertCan, can, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { caseByNumber, decisionsOfCase, decisionTable } from "../scope";
import { caseGraph, identifierStats, type IdentifierStats } from "./case-identifiers";
import type { CaseGraphData } from "./graph-data";
import { enteredAsOfCase, readAsOfReports } from "./entered-as";
import type { CaseDetail, CaseIdentifier, CaseReport } from "./detail";
import { caseHeadRow, reportPageRows } from "./case-page-rows";

/**
 * The case page in sections, each loaded on its own so the page can send the
 * head (summary, status, notes) at once and stream the rest as each section's
 * queries finish (ADR 0013). Every section takes the case as the head found
 * it (through its number, so through the parent) and checks read:case:any.
 */

/** Reports per page: each carries victims' details, its forms and its additions. */
export const REPORTS_PER_PAGE = 25;

/** The case as the head found it: what the other sections load through. */
export interface CaseKey {
  id: number;
  number: string;
}

export type CaseHead = Omit<
  CaseDetail,
  "reports" | "reportsCursor" | "identifiers" | "identifierCount" | "graph" | "timeline" | "decisions"
>;

export interface CaseReportsPage {
  reports: CaseReport[];
  /** The last report id shown, when more follow ("next page"). */
  reportsCursor: number | null;
  /** How many of the case's reports come before this page. */
  position: number;
  /** The page before this one (`after` absent: the first page); null on the first page. */
  previous: { after?: number } | null;
}

const P = table("Payment", "p");
const R = table("Report", "r");
const D = decisionTable;
const U = table("User", "u");
const EV = table("CaseEvent", "ev");

/** The case's figures, status, assignee, aliases and notes: the part of the page sent first. */
export async function getCaseHead(db: Db, ctx: ServiceContext, input: { number: string }): Promise<CaseHead> {
  assertCan(ctx.actor, "read:case:any");
  const found = await caseByNumber(db, input.number);
  const piiVisible = can(ctx.actor, "read:victim-pii:any");
  const [c, loss] = await Promise.all([
    caseHeadRow(db, found.caseId, piiVisible),
    // Payments probed per report (OFFSET 0 keeps the probe): joined plainly, the
    // planner scanned the whole Payment table for a large case (6.2 -> 1.6 ms
    // on a 1,907-report case at 100k reports, and growing with the table).
    db.$queryRaw<{ currency: string; minor: bigint }[]>(Prisma.sql`
      SELECT p.currency, sum(p.amount)::bigint AS minor FROM ${R}
      CROSS JOIN LATERAL (
        SELECT ${P.$.currency} AS currency, ${P.$.amountMinor} AS amount FROM ${P.$table} WHERE ${P.$.reportId} = ${R.id} OFFSET 0
      ) p
      WHERE ${R.caseId} = ${found.caseId} GROUP BY p.currency ORDER BY 2 DESC`),
  ]);
  if (!c) throw new NotFoundError("case");
  // Counted only when the earliest due time has passed (usually it has not).
  const overdueRequests =
    c.requestsDueAt && c.requestsDueAt.getTime() < Date.now()
      ? await db.liaisonRequest.count({
          where: { caseId: c.id, status: { in: ["sent", "acknowledged"] }, dueAt: { lt: new Date() } },
        })
      : 0;
  return {
    id: c.id,
    number: c.number,
    via: found.via,
    status: c.status,
    assignee: c.assignee ? { id: c.assignee.id, label: c.assignee.name || c.assignee.email } : null,
    reportCount: c.reportCount,
    victimCount: c.victimCount,
    firstIncident: c.firstIncident,
    lastIncident: c.lastIncident,
    provinces: c.provinces,
    platforms: c.platforms,
    lossByCurrency: loss,
    frozenMinor: c.frozenMinor,
    recoveredMinor: c.recoveredMinor,
    overdueRequests,
    aliases: c.aliases,
    notesHidden: !piiVisible,
    notes: c.notes,
    piiVisible,
  };
}

/**
 * One page of the case's reports (by id, after `afterReport`), victims' details
 * only with read:victim-pii:any — and then the view is written to the audit
 * log with the references shown; evidence only with read:evidence:any.
 */
export async function getCaseReports(
  db: Db,
  ctx: ServiceContext,
  input: { case: CaseKey; afterReport?: number },
): Promise<CaseReportsPage> {
  const { actor } = ctx;
  assertCan(actor, "read:case:any");
  const piiVisible = can(actor, "read:victim-pii:any");
  const evidenceVisible = can(actor, "read:evidence:any");
  const reports = await reportPageRows(db, {
    caseId: input.case.id,
    after: input.afterReport ?? 0,
    limit: REPORTS_PER_PAGE + 1,
    pii: piiVisible,
    evidence: evidenceVisible,
  });
  const page = reports.slice(0, REPORTS_PER_PAGE);
  const before = input.afterReport ? { caseId: input.case.id, id: { lte: input.afterReport } } : null;
  const [readAs, , position, previous] = await Promise.all([
    readAsOfReports(
      db,
      page.map((r) => r.id),
    ),
    piiVisible && page.length
      ? recordAudit(db, {
          actorId: actor.id,
          action: "victim.view",
          resourceType: "case",
          resourceId: input.case.number,
          ip: ctx.ip,
          detail: { reports: page.map((r) => r.reference) },
        })
      : Promise.resolve(),
    before ? db.report.count({ where: before }) : Promise.resolve(0),
    // Keyset paging backwards: the page before starts after the report one page further back.
    before
      ? db.report.findFirst({ where: before, orderBy: { id: "desc" }, skip: REPORTS_PER_PAGE, select: { id: true } })
      : Promise.resolve(null),
  ]);
  return {
    reports: page.map((r) => ({
      id: r.id,
      reference: r.reference,
      externalId: r.externalId,
      source: r.source,
      submittedAt: r.submittedAt,
      incidentDate: r.incidentDate,
      scamType: r.scamType,
      province: r.victimProvince,
      victim: piiVisible
        ? {
            name: openPii("Report.victimName", r.victimName ?? ""),
            phone: openPii("Report.victimPhone", r.victimPhone ?? ""),
            city: r.victimCity ?? "",
            narrative: openPii("Report.narrative", r.narrative ?? ""),
          }
        : null,
      contacts: r.contacts,
      payments: r.payments,
      platforms: r.platforms,
      evidence: r.evidence,
      readAs: readAs.get(r.id) ?? [],
    })),
    reportsCursor: reports.length > REPORTS_PER_PAGE ? page[page.length - 1]!.id : null,
    position,
    previous: before ? (previous ? { after: previous.id } : {}) : null,
  };
}

export interface CaseIdentifierSection {
  identifiers: CaseIdentifier[];
  identifierCount: number;
  /** For the graph section. */
  stats: IdentifierStats;
}

/** The case's most-named identifiers with their counts, whether they link, and how victims typed them. */
export async function getCaseIdentifiers(
  db: Db,
  ctx: ServiceContext,
  input: { case: CaseKey },
): Promise<CaseIdentifierSection> {
  assertCan(ctx.actor, "read:case:any");
  const [stats, enteredAs] = await Promise.all([
    identifierStats(db, input.case.id),
    enteredAsOfCase(db, input.case.id),
  ]);
  return {
    identifiers: stats.list.map((i) => ({ ...i, enteredAs: enteredAs.get(i.id) ?? [] })),
    identifierCount: stats.total,
    stats,
  };
}

/** The link graph of the case's first reports (case-identifiers.ts#caseGraph). */
export async function getCaseGraph(
  db: Db,
  ctx: ServiceContext,
  input: { case: CaseKey; stats: IdentifierStats },
): Promise<CaseGraphData> {
  assertCan(ctx.actor, "read:case:any");
  return caseGraph(db, input.case.id, input.stats);
}

/** Incidents and payments of the shown reports, and the case's first 200 events, oldest first. */
export async function getCaseTimeline(
  db: Db,
  ctx: ServiceContext,
  input: { case: CaseKey; reports: CaseReport[] },
): Promise<CaseDetail["timeline"]> {
  assertCan(ctx.actor, "read:case:any");
  const events = await db.$queryRaw<{ type: string; createdAt: Date }[]>(Prisma.sql`
    SELECT ${EV.type}, ${EV.createdAt} FROM ${EV} WHERE ${EV.caseId} = ${input.case.id}
    ORDER BY ${EV.createdAt}, ${EV.id} LIMIT 200`);
  return [
    ...input.reports.flatMap((r) => [
      {
        at: (r.incidentDate ?? r.submittedAt).toISOString(),
        type: "incident" as const,
        label: r.scamType,
        reference: r.reference,
      },
      ...r.payments.flatMap((p) =>
        p.paidAt
          ? [
              {
                at: p.paidAt.toISOString(),
                type: "payment" as const,
                label: p.payeeValue,
                amountMinor: p.amountMinor.toString(),
                currency: p.currency,
                reference: r.reference,
              },
            ]
          : [],
      ),
    ]),
    ...events.map((e) => ({ at: e.createdAt.toISOString(), type: "event" as const, label: e.type })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}

/** The last 100 matching decisions touching the case. */
export async function getCaseDecisions(
  db: Db,
  ctx: ServiceContext,
  input: { case: CaseKey },
): Promise<CaseDetail["decisions"]> {
  assertCan(ctx.actor, "read:case:any");
  const rows = await db.$queryRaw<
    {
      id: number;
      type: string;
      reason: string;
      createdAt: Date;
      actor: string | null;
      revokedAt: Date | null;
      reportIds: number[];
      identifierId: number | null;
    }[]
  >(Prisma.sql`
      SELECT ${D.id} AS id, ${D.type}::text AS type, ${D.reason} AS reason, ${D.createdAt} AS "createdAt",
             COALESCE(NULLIF(${U.name}, ''), ${U.email}) AS actor, ${D.revokedAt} AS "revokedAt",
             ${D.reportIds} AS "reportIds", ${D.identifierId} AS "identifierId"
      FROM ${D} LEFT JOIN ${U} ON ${U.id} = ${D.actorId}
      WHERE ${decisionsOfCase(input.case.id)}
      ORDER BY ${D.createdAt} DESC LIMIT 100`);
  return rows.map((d) => ({
    id: d.id,
    type: d.type,
    reason: d.reason,
    at: d.createdAt,
    actor: d.actor,
    revokedAt: d.revokedAt,
    reportIds: d.reportIds,
    identifierId: d.identifierId,
  }));
}
