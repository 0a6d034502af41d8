import { staffRoute } from "@/lib/auth/route";
import { exportAudit, parseAuditFilters } from "@/lib/audit";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/**
 * GET /api/audit/export?format=csv|jsonl&actor=…&action=…&from=…&to=… — the
 * whole filtered audit log as a download. Needs export:audit:any (checked here
 * and again in exportAudit); the export itself is recorded in the audit log.
 */
export const GET = staffRoute("export:audit:any", async (req, { user, ip }) => {
  const format = req.nextUrl.searchParams.get("format") === "jsonl" ? "jsonl" : "csv";
  const filters = parseAuditFilters(req.nextUrl.searchParams);
  const lines = await exportAudit(await db(), user, { filters, format, ip });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.${format}"`,
    },
  });
});
