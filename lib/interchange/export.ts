import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";

export interface Assignment {
  externalId: string;
  caseId: string | null;
}

/**
 * Case assignments in report id order, a page at a time (keyset pagination,
 * so memory stays flat however many reports there are). Web reports have no
 * externalId; with `includeWeb` they are listed under their reference.
 */
export async function* caseAssignments(
  db: PrismaClient,
  opts: { includeWeb?: boolean; pageSize?: number } = {},
): AsyncGenerator<Assignment> {
  const size = opts.pageSize ?? 10_000;
  let after = 0;
  for (;;) {
    const rows = await db.$queryRawUnsafe<
      { id: number; externalId: string | null; reference: string; number: string | null }[]
    >(
      `SELECT r."id", r."externalId", r."reference", c."number"
       FROM "Report" r LEFT JOIN "Case" c ON c."id" = r."caseId"
       WHERE r."id" > $1 AND ($2::boolean OR r."externalId" IS NOT NULL)
       ORDER BY r."id" LIMIT $3`,
      after,
      opts.includeWeb ?? false,
      size,
    );
    if (!rows.length) return;
    for (const r of rows) yield { externalId: r.externalId ?? r.reference, caseId: r.number };
    after = rows[rows.length - 1]!.id;
  }
}
