import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { resolveCaseNumber } from "./lookup";
import { blockChecker } from "./warning-list";

export const REPORTS_PER_PAGE = 50;
export const GRAPH_REPORT_LIMIT = 120;

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
}

export interface CaseIdentifier {
  id: number;
  kind: string;
  display: string;
  reports: number;
  linking: boolean;
  blockedReason: string | null;
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
  aliases: string[];
  reports: CaseReport[];
  reportsCursor: number | null;
  identifiers: CaseIdentifier[];
  /** How many distinct identifiers the case's reports name (the list holds the 500 most named). */
  identifierCount: number;
  graph: {
    nodes: {
      id: string;
      type: "report" | "identifier";
      label: string;
      kind?: string;
      blocked?: boolean;
      linking?: boolean;
    }[];
    edges: { source: string; target: string; type: "names" | "bridge" | "mustLink" }[];
    truncated: boolean;
  };
  timeline: {
    at: string;
    type: "incident" | "payment" | "report" | "event";
    label: string;
    amountMinor?: string;
    currency?: string;
    reference?: string;
  }[];
  notes: { id: number; body: string; author: string | null; at: Date }[];
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

/**
 * Everything the case page shows, loaded with what the viewer may see: victims'
 * names, phones and narratives only with read:victim-pii:any, and every such
 * view is written to the audit log. A case is found by its number or by a
 * number it absorbed.
 */
export async function getCaseDetail(
  db: Db,
  actor: Actor,
  number: string,
  opts: { ip?: string; afterReport?: number } = {},
): Promise<CaseDetail> {
  assertCan(actor, "read:case:any");
  const found = await resolveCaseNumber(db, number);
  if (!found) throw new NotFoundError("case");
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
      assignee: { select: { id: true, name: true, email: true } },
      aliases: { select: { number: true }, orderBy: { number: "asc" } },
      notes: {
        select: { id: true, body: true, createdAt: true, author: { select: { name: true, email: true } } },
        orderBy: { createdAt: "asc" },
      },
      events: { select: { type: true, data: true, createdAt: true }, orderBy: { createdAt: "asc" }, take: 200 },
    },
  });
  const piiVisible = can(actor, "read:victim-pii:any");
  const [loss, platforms, reports, { list: identifiers, total: identifierCount }, decisions] = await Promise.all([
    db.$queryRawUnsafe<{ currency: string; minor: bigint }[]>(
      `SELECT p."currency", sum(p."amountMinor")::bigint AS minor FROM "Payment" p JOIN "Report" r ON r."id" = p."reportId"
       WHERE r."caseId" = $1 GROUP BY p."currency" ORDER BY 2 DESC`,
      c.id,
    ),
    db.platform.findMany({ where: { id: { in: c.platformIds } }, select: { name: true }, orderBy: { name: "asc" } }),
    db.report.findMany({
      where: { caseId: c.id, ...(opts.afterReport ? { id: { gt: opts.afterReport } } : {}) },
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
        victimName: true,
        victimPhone: true,
        victimCity: true,
        narrative: true,
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
        evidence: { select: { id: true, originalName: true, mime: true, size: true } },
      },
    }),
    identifierStats(db, c.id),
    db.$queryRawUnsafe<
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
    >(
      `SELECT d."id", d."type"::text AS type, d."reason", d."createdAt", COALESCE(NULLIF(u."name", ''), u."email") AS actor, d."revokedAt", d."reportIds", d."identifierId"
       FROM "MatchDecision" d LEFT JOIN "User" u ON u."id" = d."actorId"
       WHERE d."reportIds" && (SELECT array_agg("id") FROM "Report" WHERE "caseId" = $1)
          OR d."identifierId" IN (SELECT "identifierId" FROM "ReportIdentifier" ri JOIN "Report" r ON r."id" = ri."reportId" WHERE r."caseId" = $1)
          OR (d."data"->'cases') @> to_jsonb($1::int)
       ORDER BY d."createdAt" DESC LIMIT 100`,
      c.id,
    ),
  ]);
  const page = reports.slice(0, REPORTS_PER_PAGE);
  if (piiVisible && page.length) {
    await recordAudit(db, {
      actorId: actor.id,
      action: "victim.view",
      resourceType: "case",
      resourceId: c.number,
      ip: opts.ip,
      detail: { reports: page.map((r) => r.reference) },
    });
  }
  const graph = await caseGraph(db, c.id, identifiers);
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
        ? { name: r.victimName, phone: r.victimPhone, city: r.victimCity, narrative: r.narrative }
        : null,
      contacts: r.contacts.map((x) => ({ kind: x.kind, value: x.rawValue })),
      payments: r.payments,
      platforms: r.platforms.map((p) => ({ name: p.platform.name, role: p.role })),
      evidence: can(actor, "read:evidence:any") ? r.evidence : [],
    })),
    reportsCursor: reports.length > REPORTS_PER_PAGE ? page[page.length - 1]!.id : null,
    identifiers,
    identifierCount,
    graph,
    timeline,
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

/** Identifiers of the case with how many of its reports name each, and whether they link. */
async function identifierStats(db: Db, caseId: number): Promise<{ list: CaseIdentifier[]; total: number }> {
  const rows = await db.$queryRawUnsafe<
    {
      id: number;
      kind: string;
      value: string;
      display: string;
      meta: Record<string, string | number | boolean | null>;
      linkable: boolean;
      reports: number;
      bridged: boolean;
      total: number;
    }[]
  >(
    // Bridged is looked up through the case's own reports: as an EXISTS per
    // identifier it was planned as a scan of every bridge row (~50 ms at 100k).
    `WITH rs AS (SELECT "id" FROM "Report" WHERE "caseId" = $1),
     named AS (SELECT ri."identifierId", count(*)::int AS n FROM "ReportIdentifier" ri JOIN rs ON rs."id" = ri."reportId" GROUP BY ri."identifierId"),
     bridged AS (SELECT DISTINCT b."identifierId" FROM "ReportBridge" b JOIN rs ON rs."id" = b."reportId")
     SELECT i."id", i."kind"::text AS kind, i."value", i."display", i."meta", i."linkable", named.n AS reports, (count(*) OVER ())::int AS total,
            (bridged."identifierId" IS NOT NULL) AS bridged
     FROM named
     -- OFFSET 0 keeps this an index lookup per named identifier; joined plainly, the whole table was scanned.
     CROSS JOIN LATERAL (SELECT * FROM "Identifier" WHERE "id" = named."identifierId" OFFSET 0) i
     LEFT JOIN bridged ON bridged."identifierId" = named."identifierId"
     ORDER BY named.n DESC, i."kind", i."value"
     LIMIT 500`,
    caseId,
  );
  const check = await blockChecker(db);
  const list = rows.map((r) => {
    const blockedReason = check(
      r.id,
      { kind: r.kind as never, value: r.value, display: r.display, meta: r.meta },
      r.linkable,
    );
    return {
      id: r.id,
      kind: r.kind,
      display: r.display,
      reports: r.reports,
      linking: !blockedReason && (r.reports > 1 || r.bridged),
      blockedReason,
    };
  });
  return { list, total: rows[0]?.total ?? 0 };
}

async function caseGraph(db: Db, caseId: number, identifiers: CaseIdentifier[]): Promise<CaseDetail["graph"]> {
  const links = await db.$queryRawUnsafe<{ reportId: number; reference: string; identifierId: number }[]>(
    `WITH rs AS (SELECT "id", "reference" FROM "Report" WHERE "caseId" = $1 ORDER BY "id" LIMIT $2)
     SELECT rs."id" AS "reportId", rs."reference", ri."identifierId" FROM rs JOIN "ReportIdentifier" ri ON ri."reportId" = rs."id"`,
    caseId,
    GRAPH_REPORT_LIMIT,
  );
  const byId = new Map(identifiers.map((i) => [i.id, i]));
  const reports = new Map(links.map((l) => [l.reportId, l.reference]));
  const used = new Set(links.map((l) => l.identifierId));
  const total = await db.report.count({ where: { caseId } });
  return {
    nodes: [
      ...[...reports].map(([id, reference]) => ({ id: `r${id}`, type: "report" as const, label: reference })),
      ...[...used].flatMap((id) => {
        const i = byId.get(id);
        return i
          ? [
              {
                id: `i${id}`,
                type: "identifier" as const,
                label: i.display,
                kind: i.kind,
                blocked: !!i.blockedReason,
                linking: i.linking,
              },
            ]
          : [];
      }),
    ],
    edges: links
      .filter((l) => byId.has(l.identifierId))
      .map((l) => ({ source: `r${l.reportId}`, target: `i${l.identifierId}`, type: "names" as const })),
    truncated: total > GRAPH_REPORT_LIMIT,
  };
}
