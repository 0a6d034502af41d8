/**
 * Exporting one request as CSV, JSON or PDF: who may, what is loaded, and the
 * audit record. Staff with export:request:any reach any request by number;
 * a liaison only a request of their own organisation that was sent (the
 * organisation comes from the session, never from the URL). Victim data
 * comes from the snapshot taken when the request was sent, re-filtered by its
 * disclosures, and the builders filter once more.
 */
import "server-only";
import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { can, type ServiceContext } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { parseRequestNumber } from "../shared";
import { readDisclosures, readSharedVictims } from "../victim-lines";
import { requestCsv } from "./csv";
import { disclosedFields } from "./format";
import { requestJson } from "./json";
import { requestPdf } from "./request-pdf";
import type { ExportFile, ExportLocale, Letterhead, RequestExportData } from "./types";

export const requestExportFormats = ["csv", "json", "pdf"] as const;
export type RequestExportFormat = (typeof requestExportFormats)[number];

const builders: Record<RequestExportFormat, (d: RequestExportData) => ExportFile | Promise<ExportFile>> = {
  csv: requestCsv,
  json: requestJson,
  pdf: requestPdf,
};

export interface RequestExportInput {
  number: string;
  format: RequestExportFormat;
  locale: ExportLocale;
  unit: Letterhead;
  exportId: string;
  now?: Date;
}

/** The request's export data, reached as the actor may reach it; NotFoundError otherwise. */
export async function loadRequestExport(
  db: Db,
  ctx: ServiceContext,
  input: Omit<RequestExportInput, "format">,
): Promise<RequestExportData> {
  const staff = can(ctx.actor, "export:request:any");
  if (!staff && !can(ctx.actor, "read:request:own-org")) throw new ForbiddenError();
  const number = parseRequestNumber(input.number);
  if (!number) throw new NotFoundError("request");
  const r = await db.liaisonRequest.findFirst({
    where: staff ? { number } : { number, orgId: ctx.actor.orgId!, status: { not: "draft" } },
    select: {
      number: true,
      kind: true,
      status: true,
      body: true,
      dueAt: true,
      victimCount: true,
      disclosures: true,
      sharedVictims: true,
      createdAt: true,
      sentAt: true,
      case: { select: { number: true } },
      org: { select: { name: true, kind: true } },
      createdBy: { select: { name: true, email: true } },
      items: {
        select: {
          kind: true,
          display: true,
          paidMinor: true,
          paymentCount: true,
          victimCount: true,
          firstPaidAt: true,
          lastPaidAt: true,
          outcome: true,
          frozenMinor: true,
          answerNote: true,
        },
        orderBy: { id: "asc" },
      },
    },
  });
  if (!r) throw new NotFoundError("request");
  const disclosures = readDisclosures(r.disclosures);
  return {
    exportId: input.exportId,
    generatedAt: input.now ?? new Date(),
    locale: input.locale,
    unit: input.unit,
    request: {
      number: r.number,
      kind: r.kind,
      status: r.status,
      caseNumber: r.case.number,
      orgName: r.org.name,
      orgKind: r.org.kind,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      dueAt: r.dueAt,
      body: r.body,
      victimCount: r.victimCount,
      createdByName: r.createdBy?.name || r.createdBy?.email || "",
    },
    items: r.items,
    disclosures: disclosures.map((d) => ({ field: d.field, justification: d.justification })),
    victims: readSharedVictims(r.sharedVictims, disclosures).map((v) => ({
      reference: v.reference,
      ...(v.name !== undefined && { name: v.name }),
      ...(v.phone !== undefined && { phone: v.phone }),
      ...(v.narrative !== undefined && { narrative: v.narrative }),
      paidMinor: BigInt(v.paidMinor),
      firstPaidAt: v.firstPaidAt ? new Date(v.firstPaidAt) : null,
    })),
  };
}

/**
 * The file, with its export recorded in the audit log: who (actor), when,
 * which request, which format, which victim fields it carries, and its export id.
 */
export async function exportRequest(db: Db, ctx: ServiceContext, input: RequestExportInput): Promise<ExportFile> {
  const data = await loadRequestExport(db, ctx, input);
  const file = await builders[input.format](data);
  await recordAudit(db, {
    actorId: ctx.actor.id,
    action: "request.export",
    resourceType: "request",
    resourceId: data.request.number,
    ip: ctx.ip,
    detail: {
      exportId: data.exportId,
      format: input.format,
      caseNumber: data.request.caseNumber,
      victimFields: disclosedFields(data),
      victims: disclosedFields(data).length ? data.victims.length : 0,
    },
  });
  return file;
}
