import "server-only";
import type { Tx } from "./types";

/** A case by its number, also by a number it absorbed in a merge. */
export async function resolveCaseNumber(
  tx: Tx,
  number: string,
): Promise<{ caseId: number; number: string; via: string | null } | null> {
  const n = number.trim().toUpperCase();
  const direct = await tx.case.findUnique({ where: { number: n }, select: { id: true, number: true } });
  if (direct) return { caseId: direct.id, number: direct.number, via: null };
  const alias = await tx.caseAlias.findUnique({
    where: { number: n },
    select: { case: { select: { id: true, number: true } } },
  });
  return alias ? { caseId: alias.case.id, number: alias.case.number, via: n } : null;
}
