import "server-only";
import { retryOnConflict } from "@/lib/db/retry";
import { db, type Db } from "@/lib/db";
import { Prisma, table } from "@/lib/db/sql";
import { AppError, RateLimitedError } from "@/lib/errors";
import type { ReportForm } from "./schema";
import { checkEvidence, removeEvidence, storeEvidence, type EvidenceProblem } from "./evidence";
import { isReportLimited, recordAbuseHit, recordReportHit } from "./rate-limit";
import { platformKey } from "./platforms";
import { upsertPlatforms } from "./platforms-db";
import { cstLocalToDate, parseAmountToMinor, reportReference } from "@/lib/vocab";
import { hashPin, newPin } from "./pin";
import { victimKey, victimNameKey } from "./victim-key";
import { sealVictim } from "@/lib/pii";
import { matchInsertedReports } from "@/lib/cases";
import type { ReportLike } from "@/lib/matching";

export class EvidenceError extends AppError {
  constructor(
    public problem: EvidenceProblem,
    public fileName?: string,
  ) {
    super(problem, 400);
  }
}

export interface SubmitInput {
  values: ReportForm;
  files: File[];
  /** Rendered into the form; a resubmission of the same form is recognised. */
  token: string;
  locale: string;
  ip: string;
}

export type SubmitResult =
  { kind: "created"; reference: string; pin: string } | { kind: "duplicate"; reference: string };

type Client = Db;
type Tx = Prisma.TransactionClient;

/** The report stored from this form, if any. Raw: it runs twice on every submission (the hot path). */
async function findByToken(client: Client | Tx, token: string): Promise<{ reference: string } | null> {
  const [row] = await client.$queryRaw<{ reference: string }[]>(
    Prisma.sql`SELECT ${R.reference} AS reference FROM ${R} WHERE ${R.submissionToken} = ${token}`,
  );
  return row ?? null;
}
const R = table("Report");

/**
 * Copies of one form (a double click, a retry, four tabs) are serialised on
 * their token: a transaction-scoped advisory lock in its own key space (the
 * two-key form; matching uses one-key locks), held until commit or rollback.
 */
async function lockToken(tx: Tx, token: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TOKEN_LOCK_SPACE}::int, hashtext(${token}))`;
}
const TOKEN_LOCK_SPACE = 0x52_45_50; // "REP"

/**
 * The report of this form once no copy of it is still being stored: taking
 * the token's lock waits for a transaction of the same form still in flight.
 */
async function settledByToken(client: Client, token: string) {
  return client.$transaction(async (tx) => (await lockToken(tx, token), findByToken(tx, token)));
}

/**
 * Stores a report, or recognises a copy of a form already stored: every copy
 * gets the receipt's reference — the first as "created" with its PIN, the
 * others as "duplicate" — however they race, on PostgreSQL where their
 * transactions really run at once as on the embedded database.
 */
export async function submitReport(input: SubmitInput): Promise<SubmitResult> {
  const client = await db();
  const existing = await findByToken(client, input.token);
  if (existing) return { kind: "duplicate", reference: existing.reference };
  try {
    return await storeReport(client, input);
  } catch (e) {
    // Whatever failed (a rate limit reached by the first copy, a unique
    // violation, a timeout while waiting for it): if a copy was stored, say so.
    const stored = await settledByToken(client, input.token).catch(() => null);
    if (stored) return { kind: "duplicate", reference: stored.reference };
    throw e;
  }
}

async function storeReport(client: Client, input: SubmitInput): Promise<SubmitResult> {
  if (await isReportLimited(client, input.ip)) throw new RateLimitedError();

  const checked = await checkEvidence(input.files);
  if (!checked.ok) throw new EvidenceError(checked.problem, checked.file);

  const pin = newPin();
  const stored = await storeEvidence(checked.files);
  try {
    // Run again if a concurrent merge absorbed the case this report was matched into (lib/db/retry.ts).
    const result = await retryOnConflict(() =>
      client.$transaction(async (tx): Promise<SubmitResult> => {
        await lockToken(tx, input.token);
        const copy = await findByToken(tx, input.token);
        if (copy) return { kind: "duplicate", reference: copy.reference };
        const [row] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('report_reference_seq') AS seq`;
        const reference = reportReference(row!.seq);
        const platformIds = await upsertPlatforms(
          tx,
          input.values.platforms.map((p) => p.name),
        );
        const v = input.values;
        const seen = new Set<string>();
        const created = await tx.report.create({
          data: {
            reference,
            source: "web",
            submissionToken: input.token,
            incidentDate: new Date(`${v.incidentDate}T00:00:00Z`),
            scamType: v.scamType,
            ...sealVictim({ narrative: v.narrative, victimName: v.victimName, victimPhone: v.victimPhone }),
            victimKey: victimKey(v.victimPhone, reference),
            victimNameKey: victimNameKey(v.victimName),
            victimProvince: v.victimProvince,
            victimCity: v.victimCity,
            consent: v.consent,
            locale: input.locale,
            pinHash: hashPin(reference, pin),
            contacts: { create: v.contacts.map((c, position) => ({ position, kind: c.kind, rawValue: c.value })) },
            payments: {
              create: v.payments.map((p, position) => ({
                position,
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
            platforms: {
              create: v.platforms
                .map((p) => ({ platformId: platformIds.get(platformKey(p.name))!, role: p.role, rawName: p.name }))
                .filter((p) => {
                  const k = `${p.platformId}:${p.role}`;
                  return seen.has(k) ? false : (seen.add(k), true);
                }),
            },
            evidence: {
              create: stored.map(({ storageKey, file }) => ({
                storageKey,
                originalName: file.originalName,
                mime: file.mime,
                size: file.size,
                sha256: file.sha256,
              })),
            },
          },
          select: { id: true },
        });
        // Matched in the same transaction: the receipt's report is already in its case.
        await matchInsertedReports(tx, [{ reportId: created.id, report: reportLikeOf(v) }], { cause: "report" });
        await recordReportHit(tx, input.ip);
        return { kind: "created", reference, pin };
      }),
    );
    // A copy stored first: this copy's files are not needed.
    if (result.kind === "duplicate") await removeEvidence(stored.map((f) => f.storageKey));
    return result;
  } catch (e) {
    await removeEvidence(stored.map((f) => f.storageKey));
    throw e;
  }
}

/** A filled honeypot: nothing is stored, and the address is treated as over its limit. */
export async function recordAbuse(ip: string): Promise<void> {
  await recordAbuseHit(await db(), ip);
}

/** The form's values in the matcher's shape (the interchange field names). */
export function reportLikeOf(v: ReportForm): ReportLike {
  return {
    victim: { phone: v.victimPhone },
    contacts: v.contacts.map((c) => ({ kind: c.kind, value: c.value })),
    payments: v.payments.map((p) => ({
      payee: { kind: p.payeeKind, value: p.payeeValue, name: p.payeeName, bank: p.payeeBank },
    })),
  };
}
