import { staffRoute } from "@/lib/auth/route";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import {
  caseExportFormats,
  downloadResponse,
  exportCase,
  exportLocale,
  letterheadFromEnv,
  newExportId,
  type CaseExportFormat,
} from "@/lib/liaison/export";

export const dynamic = "force-dynamic";

/**
 * GET /api/cases/C-2026-00042/export/misp|pdf[?locale=en][&reports=0] — a
 * case's MISP event or case file (export:request:any). The case file holds
 * the reports only for staff with read:victim-pii:any, and not with
 * `reports=0` (a file to share outside the unit). Each export is audited.
 */
export const GET = staffRoute<{ number: string; format: string }>(
  "export:request:any",
  async (req, { user, ip, params }) => {
    const format = params.format as CaseExportFormat;
    if (!caseExportFormats.includes(format)) throw new NotFoundError("format");
    const file = await exportCase(
      await db(),
      { actor: user, ip },
      {
        number: params.number,
        format,
        locale: exportLocale(req.nextUrl, req.cookies.get("NEXT_LOCALE")?.value),
        unit: letterheadFromEnv(),
        exportId: newExportId(),
        withoutReports: req.nextUrl.searchParams.get("reports") === "0",
      },
    );
    return downloadResponse(file);
  },
);
