import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import { assertCan, can, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { caseByNumber, decisionsOfCase, decisionTable } from "../scope";
import { caseGraph, identifierStats } from "./case-identifiers";
import type { CaseGraphData } from "./graph-data";
import { enteredAsOfCase, readAsOfReports, type EnteredAsCount, type ReadAs } from "./entered-as";
import { openPii } from "@/lib/pii";

export const REPORTS_PER_PAGE = 50;

export interface CaseReport {
  id: number;
  reference: string;
  externalId: string | null;
  source: string;
  submittedAt: Date;
  incidentDate: Date | null;
  scamType: string;
  province: string;
  /** Null when the viewer may not see victims' personal data. */
  victim: { name: string; phone: string; city: string; narrative: string } | null;
  contacts: { kind: string; value: string }[];
  payments: {
    amountMinor: bigint;
    currency: string;
    paidAt: Date | null;
    payeeKind: string;
    payeeValue: string;
    payeeName: string;
    payeeBank: string;
  }[];
  platforms: { name: string; role: string }[];
  evidence: { id: string; originalName: string; mime: string; size: number }[];
  /** Its identifiers read as another kind than the field they were typed in. */
  readAs: ReadAs[];
}

export interface CaseIdentifier {
  id: number;
  kind: string;
  display: string;
  /** Reports of the case that name it. */
  reports: number;
  /** It actually joins reports of this case. */
  linking: boolean;
  /** Why it never links: "warning-list:…", "unlinkable", "do-not-link"; null if it may. */
  blockedReason: string | null;
  /** Reports of the case that typed it under another kind ("entered as Other"); the case page loads it. */
  enteredAs?: EnteredAsCount[];
}

export interface CaseDetail {
  id: number;
  number: string;
  /** The number asked for, when it was absorbed into this case by a merge. */
  via: string | null;
  status: string;
  assignee: { id: string; label: string } | null;
  reportCount: number;
  victimCount: number;
  firstIncident: Date | null;
  lastIncident: Date | null;
  provinces: string[];
  platforms: string[];
  lossByCurrency: { currency: string; minor: bigint }[];
  /** From the organisations' answers to the case's requests (fen): frozen, and returned to victims. */
  frozenMinor: bigint;
  recoveredMinor: bigint;
  /** The case's requests still waited on after their due time. */
  overdueRequests: number;
  aliases: string[];
  reports: CaseReport[];
  reportsCursor: number | null;
  identifiers: CaseIdentifier[];
  /** How many distinct identifiers the case's reports name (the list holds the 500 most named). */
  identifierCount: number;
  /** The link graph of the first reports: every edge that holds them together (graph-data.ts). */
  graph: CaseGraphData;
  timeline: {
    at: string;
    type: "incident" | "payment" | "report" | "event";
    label: string;
    amountMinor?: string;
    currency?: string;
    reference?: string;
  }[];
  /** Investigators write victims' details into notes: only shown with read:victim-pii:any. */
  notes: { id: number; body: string; author: string | null; at: Date }[];
  notesHidden: boolean;
  decisions: {
    id: number;
    type: string;
    reason: string;
    at: Date;
    actor: string | null;
    revokedAt: Date | null;
    reportIds: number[];
    identifierId: number | null;
  }[];
  piiVisible: boolean;
}

const P = table("Payment", "p");
const R = table("Report", "r");
const D = decisionTable;
const U = table("User", "u");

/**
 * Everything the case page shows, loaded with what the viewer may see: victims'
 * names, phones, cities and narratives, and case notes, only with
 * read:victim-pii:any (every such view is written to the audit log); evidence
 * only with read:evidence:any. A case is found by its number or by a number it
 * absorbed; `afterReport` pages through its reports.
 */
export async function getCaseDetail(
  db: Db,
  ctx: ServiceContext,
  input: { number: string; afterReport?: number },
): Promise<CaseDetail> {
  const { actor } = ctx;
  assertCan(actor, "read:case:any");
  const found = await caseByNumber(db, input.number);
  const piiVisible = can(actor, "read:victim-pii:any");
  const evidenceVisible = can(actor, "read:evidence:any");
  const c = await db.case.findUniqueOrThrow({
    where: { id: found.caseId },
    select: {
      id: true,
      number: true,
      status: true,
      reportCount: true,
      victimCount: true,
      firstIncident: true,
      lastIncident: true,
      provinces: true,
      platformIds: true,
      frozenMinor: true,
      recoveredMinor: true,
      requestsDueAt: true,
      assignee: { select: { id: true, name: true, email: true } },
      aliases: { select: { number: true }, orderBy: { number: "asc" } },
      notes: {
        select: { id: true, body: true, createdAt: true, author: { select: { name: true, email: true } } },
        orderBy: { createdAt: "asc" },
        // Not even loaded for viewers who may not read victims' details.
        ...(piiVisible ? {} : { take: 0 }),
      },
      events: { select: { type: true, data: true, createdAt: true }, orderBy: { createdAt: "asc" }, take: 200 },
    },
  });
  const [loss, platforms, reports, stats, decisions, enteredAs, overdueRequests] = await Promise.all([
    db.$queryRaw<{ currency: string; minor: bigint }[]>(Prisma.sql`
      SELECT ${P.currency} AS currency, sum(${P.amountMinor})::bigint AS minor FROM ${P} JOIN ${R} ON ${R.id} = ${P.reportId}
      WHERE ${R.caseId} = ${c.id} GROUP BY ${P.currency} ORDER BY 2 DESC`),
    db.platform.findMany({ where: { id: { in: c.platformIds } }, select: { name: true }, orderBy: { name: "asc" } }),
    db.report.findMany({
      where: { caseId: c.id, ...(input.afterReport ? { id: { gt: input.afterReport } } : {}) },
      orderBy: { id: "asc" },
      take: REPORTS_PER_PAGE + 1,
      select: {
        id: true,
        reference: true,
        externalId: true,
        source: true,
        submittedAt: true,
        incidentDate: true,
        scamType: true,
        victimProvince: true,
        // Victims' details are not even read for viewers without read:victim-pii:any.
        victimName: piiVisible,
        victimPhone: piiVisible,
        victimCity: piiVisible,
        narrative: piiVisible,
        contacts: { select: { kind: true, rawValue: true }, orderBy: { position: "asc" } },
        payments: {
          select: {
            amountMinor: true,
            currency: true,
            paidAt: true,
            payeeKind: true,
            payeeValue: true,
            payeeName: true,
            payeeBank: true,
          },
          orderBy: { position: "asc" },
        },
        platforms: { select: { role: true, platform: { select: { name: true } } } },
        evidence: {
          select: { id: true, originalName: true, mime: true, size: true },
          ...(evidenceVisible ? {} : { take: 0 }),
        },
      },
    }),
    identifierStats(db, c.id),
    db.$queryRaw<
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
      WHERE ${decisionsOfCase(c.id)}
      ORDER BY ${D.createdAt} DESC LIMIT 100`),
    enteredAsOfCase(db, c.id),
    // Counted only when the earliest due time has passed (usually it has not).
    c.requestsDueAt && c.requestsDueAt.getTime() < Date.now()
      ? db.liaisonRequest.count({
          where: { caseId: c.id, status: { in: ["sent", "acknowledged"] }, dueAt: { lt: new Date() } },
        })
      : Promise.resolve(0),
  ]);
  const page = reports.slice(0, REPORTS_PER_PAGE);
  const readAs = await readAsOfReports(
    db,
    page.map((r) => r.id),
  );
  const identifiers = stats.list.map((i) => ({ ...i, enteredAs: enteredAs.get(i.id) ?? [] }));
  const identifierCount = stats.total;
  if (piiVisible && page.length) {
    await recordAudit(db, {
      actorId: actor.id,
      action: "victim.view",
      resourceType: "case",
      resourceId: c.number,
      ip: ctx.ip,
      detail: { reports: page.map((r) => r.reference) },
    });
  }
  const graph = await caseGraph(db, c.id, stats);
  const timeline: CaseDetail["timeline"] = [
    ...page.flatMap((r) => [
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
    ...c.events.map((e) => ({ at: e.createdAt.toISOString(), type: "event" as const, label: e.type })),
  ].sort((a, b) => a.at.localeCompare(b.at));
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
    platforms: platforms.map((p) => p.name),
    lossByCurrency: loss,
    frozenMinor: c.frozenMinor,
    recoveredMinor: c.recoveredMinor,
    overdueRequests,
    aliases: c.aliases.map((a) => a.number),
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
            city: r.victimCity,
            narrative: openPii("Report.narrative", r.narrative ?? ""),
          }
        : null,
      contacts: r.contacts.map((x) => ({ kind: x.kind, value: x.rawValue })),
      payments: r.payments,
      platforms: r.platforms.map((p) => ({ name: p.platform.name, role: p.role })),
      evidence: evidenceVisible ? r.evidence : [],
      readAs: readAs.get(r.id) ?? [],
    })),
    reportsCursor: reports.length > REPORTS_PER_PAGE ? page[page.length - 1]!.id : null,
    identifiers,
    identifierCount,
    graph,
    timeline,
    notesHidden: !piiVisible,
    notes: c.notes.map((n) => ({
      id: n.id,
      body: n.body,
      author: n.author ? n.author.name || n.author.email : null,
      at: n.createdAt,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      type: d.type,
      reason: d.reason,
      at: d.createdAt,
      actor: d.actor,
      revokedAt: d.revokedAt,
      reportIds: d.reportIds,
      identifierId: d.identifierId,
    })),
    piiVisible,
  };
}
