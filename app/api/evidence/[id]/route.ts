import { db } from "@/lib/db";
import { staffRoute } from "@/lib/auth/route";
import { evidenceForDownload } from "@/lib/reports/evidence-download";
import { responseBody } from "@/lib/storage";

export const dynamic = "force-dynamic";

export const GET = staffRoute<{ id: string }>("read:evidence:any", async (_req, { user, ip, params }) => {
  const file = await evidenceForDownload(await db(), user, params.id, ip);
  // Always a download named and typed by the sniffed type (lib/reports/evidence-name.ts),
  // streamed from the storage backend.
  return new Response(responseBody(file.stream), { headers: file.headers });
});
