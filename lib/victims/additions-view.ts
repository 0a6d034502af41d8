import "server-only";
import type { Db } from "@/lib/db";
import { assertCan, can, type ServiceContext } from "@/lib/auth/permissions";
import { caseByNumber } from "@/lib/cases";

/** One addition as the case page shows it under its report, with its time. */
export interface AdditionView {
  id: number;
  at: Date;
  contacts: { kind: string; value: string }[];
  payments: { amountMinor: bigint; currency: string; payeeValue: string; payeeName: string }[];
  platforms: { name: string; role: string }[];
  /** Only with read:evidence:any, as for the report's own evidence. */
  evidence: { id: string; originalName: string }[];
}

/**
 * What victims added later to these reports of the case, oldest first (the
 * case page's report entries). The same rules as the report itself
 * (lib/cases/views/detail.ts): numbers, payees and platforms with
 * read:case:any, evidence only with read:evidence:any. Additions hold no
 * victim's personal details. Reports of other cases are ignored.
 */
export async function additionsOfReports(
  db: Db,
  ctx: ServiceContext,
  input: { caseNumber: string; reportIds: number[] },
): Promise<Map<number, AdditionView[]>> {
  assertCan(ctx.actor, "read:case:any");
  const evidenceVisible = can(ctx.actor, "read:evidence:any");
  const out = new Map<number, AdditionView[]>();
  if (!input.reportIds.length) return out;
  const ref = await caseByNumber(db, input.caseNumber);
  const rows = await db.reportAddition.findMany({
    where: { reportId: { in: input.reportIds }, report: { caseId: ref.caseId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      reportId: true,
      createdAt: true,
      contacts: { select: { kind: true, rawValue: true }, orderBy: { position: "asc" } },
      payments: {
        select: { amountMinor: true, currency: true, payeeValue: true, payeeName: true },
        orderBy: { position: "asc" },
      },
      platforms: { select: { role: true, platform: { select: { name: true } } } },
      evidence: { select: { id: true, originalName: true }, ...(evidenceVisible ? {} : { take: 0 }) },
    },
  });
  for (const r of rows) {
    const list = out.get(r.reportId) ?? [];
    list.push({
      id: r.id,
      at: r.createdAt,
      contacts: r.contacts.map((c) => ({ kind: c.kind, value: c.rawValue })),
      payments: r.payments,
      platforms: r.platforms.map((p) => ({ name: p.platform.name, role: p.role })),
      evidence: evidenceVisible ? r.evidence : [],
    });
    out.set(r.reportId, list);
  }
  return out;
}
