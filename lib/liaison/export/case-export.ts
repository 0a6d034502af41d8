/**
 * Exporting a case as a MISP event or a PDF case file (export:request:any).
 * The case summary, its identifiers with the reason any is held back (warning
 * list, suspected shared number, unlinkable or "do not link"), and its
 * timeline come from the case page's view; reports are read only for the PDF
 * and only when the actor may read victims' personal data and asked for them.
 */
import "server-only";
import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, can, type ServiceContext } from "@/lib/auth/permissions";
import { caseByNumber, getCaseDetail, type CaseDetail } from "@/lib/cases";
import { caseMisp } from "./misp";
import { casePdf } from "./case-pdf";
import { money, translator } from "./format";
import type { CaseExportData, CaseExportIdentifier, ExportFile, ExportLocale, Letterhead } from "./types";
import { openPii } from "@/lib/pii";

export const caseExportFormats = ["misp", "pdf"] as const;
export type CaseExportFormat = (typeof caseExportFormats)[number];

export interface CaseExportInput {
  number: string;
  format: CaseExportFormat;
  locale: ExportLocale;
  unit: Letterhead;
  exportId: string;
  /** Leave the reports out even with the PII permission (a file to share outside the unit). */
  withoutReports?: boolean;
  now?: Date;
}

/** getCaseDetail's reason → the export's; null: the identifier may be shared. */
export function exclusionOf(blockedReason: string | null): CaseExportIdentifier["excluded"] {
  if (!blockedReason) return null;
  if (blockedReason.startsWith("warning-list")) return "warning-list";
  if (blockedReason === "shared-number") return "shared-number";
  return "not-linkable"; // "unlinkable", "do-not-link" and anything newer: never share what may not link
}

function timelineText(e: CaseDetail["timeline"][number], locale: ExportLocale): string {
  const { label } = translator(locale);
  const kind = label("timeline", e.type);
  if (e.type === "event") return `${kind}: ${label("cases.eventTypes", e.label)}`;
  if (e.type === "incident") return `${kind}: ${e.reference ?? ""} · ${label("options.scamType", e.label)}`;
  if (e.type === "payment") {
    const amount = e.amountMinor ? money(BigInt(e.amountMinor), locale, e.currency ?? "CNY") : "";
    return `${kind}: ${e.reference ?? ""} → ${e.label} ${amount}`.trim();
  }
  return `${kind}: ${e.reference ?? e.label}`;
}

export async function loadCaseExport(
  db: Db,
  ctx: ServiceContext,
  input: Omit<CaseExportInput, "format"> & { reports: boolean },
): Promise<CaseExportData> {
  assertCan(ctx.actor, "export:request:any");
  const ref = await caseByNumber(db, input.number);
  const includePii = input.reports && !input.withoutReports && can(ctx.actor, "read:victim-pii:any");
  const [detail, row, scamTypes, reports] = await Promise.all([
    getCaseDetail(db, ctx, { number: input.number }),
    db.case.findUniqueOrThrow({
      where: { id: ref.caseId },
      select: { frozenMinor: true, recoveredMinor: true },
    }),
    db.report.groupBy({ by: ["scamType"], where: { caseId: ref.caseId }, orderBy: { scamType: "asc" } }),
    includePii
      ? db.report.findMany({
          where: { caseId: ref.caseId },
          orderBy: { id: "asc" },
          select: {
            reference: true,
            submittedAt: true,
            incidentDate: true,
            scamType: true,
            victimName: true,
            victimPhone: true,
            narrative: true,
            payments: {
              select: {
                amountMinor: true,
                currency: true,
                paidAt: true,
                payeeValue: true,
                payeeName: true,
                addition: { select: { createdAt: true } },
              },
              orderBy: { position: "asc" },
            },
            // Added later by the victim (status page): marked in the file, with the time.
            additions: {
              select: {
                createdAt: true,
                _count: { select: { contacts: true, payments: true, platforms: true, evidence: true } },
              },
              orderBy: { createdAt: "asc" },
            },
          },
        })
      : Promise.resolve([]),
  ]);
  // The canonical values (what MISP gets); the view carries only the display form.
  const canonical = new Map(
    (
      await db.identifier.findMany({
        where: { id: { in: detail.identifiers.map((i) => i.id) } },
        select: { id: true, value: true },
      })
    ).map((i) => [i.id, i.value]),
  );
  return {
    exportId: input.exportId,
    generatedAt: input.now ?? new Date(),
    locale: input.locale,
    unit: input.unit,
    includePii,
    case: {
      number: detail.number,
      status: detail.status,
      reportCount: detail.reportCount,
      victimCount: detail.victimCount,
      lossCnyMinor: detail.lossByCurrency.find((l) => l.currency === "CNY")?.minor ?? 0n,
      frozenMinor: row.frozenMinor,
      recoveredMinor: row.recoveredMinor,
      firstIncident: detail.firstIncident,
      lastIncident: detail.lastIncident,
      scamTypes: scamTypes.map((s) => s.scamType),
    },
    identifiers: detail.identifiers.map((i) => ({
      kind: i.kind as CaseExportIdentifier["kind"],
      value: canonical.get(i.id) ?? i.display,
      display: i.display,
      reportCount: i.reports,
      excluded: exclusionOf(i.blockedReason),
    })),
    timeline: detail.timeline.map((e) => ({ at: new Date(e.at), text: timelineText(e, input.locale) })),
    reports: reports.map((r) => ({
      reference: r.reference,
      submittedAt: r.submittedAt,
      incidentDate: r.incidentDate,
      scamType: r.scamType,
      victimName: openPii("Report.victimName", r.victimName),
      victimPhone: openPii("Report.victimPhone", r.victimPhone),
      narrative: openPii("Report.narrative", r.narrative),
      payments: r.payments.map((p) => ({
        amountMinor: p.amountMinor,
        currency: p.currency,
        paidAt: p.paidAt,
        payee: [p.payeeValue, p.payeeName].filter(Boolean).join(" "),
        addedAt: p.addition?.createdAt ?? null,
      })),
      additions: r.additions.map((a) => ({ at: a.createdAt, ...a._count })),
    })),
  };
}

/** The file, with its export recorded in the audit log (who, when, which case and format, whether reports, export id). */
export async function exportCase(db: Db, ctx: ServiceContext, input: CaseExportInput): Promise<ExportFile> {
  const data = await loadCaseExport(db, ctx, { ...input, reports: input.format === "pdf" });
  const file = input.format === "misp" ? caseMisp(data) : await casePdf(data);
  const shared = data.identifiers.filter((i) => i.excluded === null).length;
  await recordAudit(db, {
    actorId: ctx.actor.id,
    action: "case.export",
    resourceType: "case",
    resourceId: data.case.number,
    ip: ctx.ip,
    detail: {
      exportId: data.exportId,
      format: input.format,
      identifiers: input.format === "misp" ? shared : data.identifiers.length,
      reports: data.includePii ? data.reports.length : 0,
      victimFields: data.includePii ? ["victimNames", "victimPhones", "narratives"] : [],
    },
  });
  return file;
}
