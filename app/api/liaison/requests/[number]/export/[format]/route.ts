import { staffRoute } from "@/lib/auth/route";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import {
  downloadResponse,
  exportLocale,
  exportRequest,
  letterheadFromEnv,
  newExportId,
  requestExportFormats,
  type RequestExportFormat,
} from "@/lib/liaison/export";

export const dynamic = "force-dynamic";

/**
 * GET /api/liaison/requests/Q-2026-000123/export/csv|json|pdf[?locale=en] — a
 * request's file. Staff with export:request:any get any request; a liaison
 * only a sent request of their own organisation (exportRequest checks, and
 * records the export with its id and the victim fields it carries).
 */
export const GET = staffRoute<{ number: string; format: string }>(
  ["export:request:any", "read:request:own-org"],
  async (req, { user, ip, params }) => {
    const format = params.format as RequestExportFormat;
    if (!requestExportFormats.includes(format)) throw new NotFoundError("format");
    const file = await exportRequest(
      await db(),
      { actor: user, ip },
      {
        number: params.number,
        format,
        locale: exportLocale(req.nextUrl, req.cookies.get("NEXT_LOCALE")?.value),
        unit: letterheadFromEnv(),
        exportId: newExportId(),
      },
    );
    return downloadResponse(file);
  },
);
