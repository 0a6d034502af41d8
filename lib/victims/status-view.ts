import "server-only";
import type { PublicContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import type { ScamType } from "@/lib/vocab/choices";
import type { StatusReport } from "./status-session";
import { orgKindGroup, requestLines, stageOf, type RequestLine, type Stage } from "./status-words";

/**
 * What a victim signed in to one report may see about it: the report's own
 * stage, whether it joined a case and that case's size, and in plain words
 * what was asked of organisations and what they answered. Never the case
 * number, an organisation's name, an identifier, an amount, or anything of
 * another victim. `input` comes from the status session (currentStatusReport),
 * which is this face's only authority.
 */
export interface StatusView {
  reference: string;
  submittedAt: Date;
  scamType: ScamType;
  stage: Stage;
  /** Null unless the report is in a case with other reports. */
  caseSize: { reports: number; victims: number } | null;
  requests: RequestLine[];
}

export async function statusView(db: Db, ctx: PublicContext, input: StatusReport): Promise<StatusView | null> {
  const report = await db.report.findUnique({
    where: { id: input.reportId },
    select: {
      reference: true,
      submittedAt: true,
      scamType: true,
      case: { select: { id: true, status: true, reportCount: true, victimCount: true } },
    },
  });
  if (!report || report.reference !== input.reference) return null;
  const c = report.case;
  const joined = !!c && c.reportCount >= 2;
  const sent = c
    ? await db.liaisonRequest.findMany({
        where: { caseId: c.id, sentAt: { not: null }, status: { not: "draft" } },
        select: { kind: true, org: { select: { kind: true } }, items: { select: { outcome: true } } },
      })
    : [];
  await recordAudit(db, {
    actorId: null,
    action: "status.view",
    resourceType: "report",
    resourceId: report.reference,
    ip: ctx.ip,
  });
  return {
    reference: report.reference,
    submittedAt: report.submittedAt,
    scamType: report.scamType,
    stage: stageOf(c?.status ?? null, joined),
    caseSize: joined ? { reports: c.reportCount, victims: c.victimCount } : null,
    requests: requestLines(
      sent.map((r) => ({
        kind: r.kind,
        orgKind: orgKindGroup(r.org.kind),
        outcomes: r.items.map((i) => i.outcome),
      })),
    ),
  };
}
