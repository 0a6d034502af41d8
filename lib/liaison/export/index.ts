/**
 * The export files of the liaison area (issue 9): per request a CSV, a JSON
 * document and a PDF letter; per case a MISP event and a PDF case file.
 * Builders take plain, already-loaded data (types.ts) and return an
 * ExportFile; they filter victim data again themselves (only disclosed fields,
 * reports only with includePii). Loading, permission checks and the audit
 * record are the services' (request-export.ts, case-export.ts), called by the
 * route handlers under app/api/liaison/requests and app/api/cases.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import type { Letterhead } from "./types";

export { requestCsv } from "./csv";
export { requestJson, requestJsonDocument, REQUEST_JSON_FORMAT, REQUEST_JSON_VERSION } from "./json";
export { requestPdf } from "./request-pdf";
export { caseMisp, caseMispEvent, mispEventUuid } from "./misp";
export { casePdf } from "./case-pdf";
export { disclosedFields } from "./format";
export { exportRequest, loadRequestExport, requestExportFormats, type RequestExportFormat } from "./request-export";
export { exportCase, loadCaseExport, caseExportFormats, type CaseExportFormat } from "./case-export";
export { downloadResponse, exportLocale } from "./http";
export type * from "./types";

/** The unit's letterhead from UNIT_NAME, UNIT_NAME_EN, UNIT_ADDRESS and UNIT_PHONE. */
export function letterheadFromEnv(): Letterhead {
  const e = env();
  return { name: e.UNIT_NAME, nameEn: e.UNIT_NAME_EN, address: e.UNIT_ADDRESS, phone: e.UNIT_PHONE };
}

/**
 * A new export id, e.g. "EX-20260601-3f9a1c2b7d4e": the day (China time) and
 * 48 random bits. Printed in each file and stored in its audit record, so a
 * file found anywhere can be traced to who exported it and when.
 */
export function newExportId(now = new Date()): string {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
  return `EX-${day}-${randomBytes(6).toString("hex")}`;
}
