import { db } from "@/lib/db";
import { staffRoute } from "@/lib/auth/route";
import { evidenceForDownload } from "@/lib/reports/evidence-download";

export const dynamic = "force-dynamic";

export const GET = staffRoute<{ id: string }>("read:evidence:any", async (_req, { user, ip, params }) => {
  const file = await evidenceForDownload(await db(), user, params.id, ip);
  // Always a download, never rendered inline: the bytes came from the public.
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": file.mime,
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
    },
  });
});
