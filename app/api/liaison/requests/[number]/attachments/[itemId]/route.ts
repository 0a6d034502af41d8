import { db } from "@/lib/db";
import { staffRoute } from "@/lib/auth/route";
import { NotFoundError } from "@/lib/errors";
import { answerAttachmentForDownload, requestNumberFromPath } from "@/lib/liaison";
import { responseBody } from "@/lib/storage";

export const dynamic = "force-dynamic";

/**
 * An answer's attachment: liaisons of the request's organisation and staff who
 * read every request; anyone else's request is a 404 (the service decides and
 * audits the download). Always an attachment, typed by the sniffed type, nosniff.
 */
export const GET = staffRoute<{ number: string; itemId: string }>(
  ["read:request:own-org", "read:request:any"],
  async (_req, { user, ip, params }) => {
    const number = requestNumberFromPath(params.number);
    if (!number || !/^\d{1,10}$/.test(params.itemId) || Number(params.itemId) > 2_147_483_647)
      throw new NotFoundError("attachment");
    const file = await answerAttachmentForDownload(
      await db(),
      { actor: user, ip },
      { number, itemId: Number(params.itemId) },
    );
    return new Response(responseBody(file.stream), { headers: file.headers });
  },
);
