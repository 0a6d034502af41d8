import "server-only";
import { Prisma, table } from "@/lib/db/sql";
import type { Tx } from "./types";

const C = table("Case", "c");
const Q = table("LiaisonRequest", "q");
const I = table("LiaisonRequestItem", "i");

/**
 * The board's liaison figures of these cases, from their requests: frozen and
 * recovered (fen, from the organisations' answers on requests that were sent)
 * and the earliest due time still waited on (overdue once it has passed).
 * Called after every request change and after merges move requests over.
 */
export async function refreshRequestFigures(tx: Tx, caseIds: readonly number[]): Promise<void> {
  const ids = [...new Set(caseIds)];
  if (!ids.length) return;
  const $ = C.$;
  await tx.$executeRaw(Prisma.sql`
    UPDATE ${C} SET
      ${$.frozenMinor} = COALESCE((
        SELECT sum(${I.frozenMinor}) FROM ${I} JOIN ${Q} ON ${Q.id} = ${I.requestId}
        WHERE ${Q.caseId} = ${C.id} AND ${Q.status}::text <> 'draft'), 0),
      ${$.recoveredMinor} = COALESCE((
        SELECT sum(${I.recoveredMinor}) FROM ${I} JOIN ${Q} ON ${Q.id} = ${I.requestId}
        WHERE ${Q.caseId} = ${C.id} AND ${Q.status}::text <> 'draft'), 0),
      ${$.requestsDueAt} = (
        SELECT min(${Q.dueAt}) FROM ${Q} WHERE ${Q.caseId} = ${C.id} AND ${Q.status}::text IN ('sent', 'acknowledged'))
    WHERE ${C.id} = ANY(${ids}::int[])`);
}
