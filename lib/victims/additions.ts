import "server-only";
import * as z from "zod/mini";
import type { Db } from "@/lib/db";
import type { PublicContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { matchReportAddition } from "@/lib/cases";
import { env } from "@/lib/env";
import { AppError, NotFoundError, RateLimitedError } from "@/lib/errors";
import { checkEvidence, removeEvidence, storeEvidence } from "@/lib/reports/evidence";
import { EvidenceError } from "@/lib/reports/service";
import { platformKey } from "@/lib/reports/platforms";
import { upsertPlatforms } from "@/lib/reports/platforms-db";
import { cstLocalToDate, parseAmountToMinor } from "@/lib/vocab";
import { configuredAdditionSchema } from "./addition-limits";
import { isEmptyAddition, type AdditionForm } from "./addition-schema";
import { openPii } from "@/lib/pii";

/**
 * A victim adds to their report later (issue 10): another number, another
 * payment, a platform, evidence. Stored as a ReportAddition whose rows
 * (ReportContact, Payment, ReportPlatform, Evidence with `additionId`) join
 * the report's; the Report row and its original rows are never changed.
 * Matched in the same transaction (lib/cases matchReportAddition): the new
 * identifiers are linked to the report, the cases they join are merged, and
 * the case figures take in the added payments.
 */

/*
 * Additions per report in a rolling day and in all, and rows of each kind per
 * addition, are settings (ADDITIONS_PER_REPORT_PER_DAY, ADDITIONS_PER_REPORT_TOTAL,
 * ADDITION_MAX_ROWS in lib/env): a victim remembers a few things, not hundreds.
 */
const DAY_MS = 24 * 60 * 60_000;

/** Additions to one report are serialised on it (the limit is counted under this lock). */
const ADDITION_LOCK_SPACE = 0x41_44_44; // "ADD"

export class AdditionError extends AppError {
  constructor(code: "nothingAdded" | "invalid") {
    super(code, 400);
  }
}

export interface AddToReportInput {
  /**
   * The report, as the caller established it — the status page's signed-in
   * state after a correct PIN (currentStatusReport), never a form field.
   */
  reportId: number;
  input: AdditionForm;
  /** Evidence files, checked as the report form's are. */
  files?: File[];
}

/**
 * Adds to a report. No permission: the victim is not a user. The caller
 * vouches for `reportId` (see AddToReportInput); this service never takes it
 * from a request. Refuses an empty addition, and more than
 * ADDITIONS_PER_REPORT_PER_DAY a day or ADDITIONS_PER_REPORT_TOTAL in all per
 * report (RateLimitedError).
 */
export async function addToReport(
  db: Db,
  ctx: PublicContext,
  { reportId, input, files = [] }: AddToReportInput,
): Promise<{ additionId: number; createdAt: Date }> {
  const parsed = z.safeParse(configuredAdditionSchema, input);
  if (!parsed.success) throw new AdditionError("invalid");
  const v = parsed.data;
  // Slow work before the transaction (architecture: keep transactions short).
  const checked = await checkEvidence(files);
  if (!checked.ok) throw new EvidenceError(checked.problem, checked.file);
  if (isEmptyAddition(v) && checked.files.length === 0) throw new AdditionError("nothingAdded");
  const stored = await storeEvidence(checked.files);
  try {
    return await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADDITION_LOCK_SPACE}::int, ${reportId}::int)`;
      const report = await tx.report.findUnique({
        where: { id: reportId },
        select: { id: true, reference: true, victimPhone: true },
      });
      if (!report) throw new NotFoundError("report");
      const [recent, total] = await Promise.all([
        tx.reportAddition.count({ where: { reportId, createdAt: { gte: new Date(Date.now() - DAY_MS) } } }),
        tx.reportAddition.count({ where: { reportId } }),
      ]);
      const { ADDITIONS_PER_REPORT_PER_DAY: perDay, ADDITIONS_PER_REPORT_TOTAL: inAll } = env();
      if (recent >= perDay || total >= inAll) throw new RateLimitedError();

      const next = await nextPositions(tx, reportId);
      const platformIds = await upsertPlatforms(
        tx,
        v.platforms.map((p) => p.name),
      );
      const existing = await tx.reportPlatform.findMany({
        where: { reportId },
        select: { platformId: true, role: true },
      });
      // A platform the report already names in that role adds nothing (one row per platform and role).
      const seen = new Set(existing.map((p) => `${p.platformId}:${p.role}`));
      const platforms = v.platforms
        .map((p) => ({ platformId: platformIds.get(platformKey(p.name))!, role: p.role, rawName: p.name }))
        .filter((p) => {
          const k = `${p.platformId}:${p.role}`;
          return seen.has(k) ? false : (seen.add(k), true);
        });

      const addition = await tx.reportAddition.create({
        data: {
          reportId,
          contacts: {
            create: v.contacts.map((c, k) => ({
              reportId,
              position: next.contact + k,
              kind: c.kind,
              rawValue: c.value,
            })),
          },
          payments: {
            create: v.payments.map((p, k) => ({
              reportId,
              position: next.payment + k,
              amountMinor: parseAmountToMinor(p.amount)!,
              currency: p.currency,
              paidAt: cstLocalToDate(p.paidAt),
              method: p.method,
              payeeKind: p.payeeKind,
              payeeValue: p.payeeValue,
              payeeName: p.payeeName,
              payeeBank: p.payeeBank,
            })),
          },
          platforms: { create: platforms.map((p) => ({ reportId, ...p })) },
          evidence: {
            create: stored.map(({ storageKey, file }) => ({
              reportId,
              storageKey,
              originalName: file.originalName,
              mime: file.mime,
              size: file.size,
              sha256: file.sha256,
            })),
          },
        },
        select: { id: true, createdAt: true },
      });

      // Matched like a new report: what the addition names, read with the report's own victim phone left out.
      await matchReportAddition(
        tx,
        {
          reportId,
          added: {
            victim: { phone: openPii("Report.victimPhone", report.victimPhone) },
            contacts: v.contacts.map((c) => ({ kind: c.kind, value: c.value })),
            payments: v.payments.map((p) => ({
              payee: { kind: p.payeeKind, value: p.payeeValue, name: p.payeeName, bank: p.payeeBank },
            })),
          },
        },
        { cause: `addition:${addition.id}` },
      );
      await recordAudit(tx, {
        actorId: null,
        action: "report.addition",
        resourceType: "report",
        resourceId: report.reference,
        ip: ctx.ip,
        detail: {
          additionId: addition.id,
          contacts: v.contacts.length,
          payments: v.payments.length,
          platforms: platforms.length,
          evidence: stored.length,
        },
      });
      return { additionId: addition.id, createdAt: addition.createdAt };
    });
  } catch (e) {
    await removeEvidence(stored.map((f) => f.storageKey));
    throw e;
  }
}

/** Added rows continue the report's numbering (the case page lists rows by position). */
async function nextPositions(
  tx: Pick<Db, "reportContact" | "payment">,
  reportId: number,
): Promise<{ contact: number; payment: number }> {
  const [c, p] = await Promise.all([
    tx.reportContact.aggregate({ where: { reportId }, _max: { position: true } }),
    tx.payment.aggregate({ where: { reportId }, _max: { position: true } }),
  ]);
  return { contact: (c._max.position ?? -1) + 1, payment: (p._max.position ?? -1) + 1 };
}
