import "server-only";
import type { Db } from "@/lib/db";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { caseByNumber } from "@/lib/cases";
import { AppError } from "@/lib/errors";
import { Prisma, table } from "@/lib/db/sql";
import { cleanText } from "@/lib/vocab/text";
import { BULLETIN_MAX_CHARS, pickBulletinText, type BulletinLocale } from "./bulletin-text";

const B = table("CaseBulletin", "b");
const BU = table("User", "bu");

/**
 * Case bulletins: what investigators tell every victim of a case (issue 10,
 * what the victims' WeChat group did, without its risks). Written in one or
 * both languages; victims read them on their status page in theirs, or in the
 * other with a note. Staff are reminded on the form never to include other
 * victims' data: a bulletin goes to every victim of the case.
 */

export class BulletinError extends AppError {
  constructor(code: "bulletinEmpty" | "tooLong" | "controlChars") {
    super(code, 400);
  }
}

export interface StaffBulletin {
  id: number;
  bodyZh: string;
  bodyEn: string;
  author: string | null;
  postedAt: Date;
}

export interface VictimBulletin {
  id: number;
  postedAt: Date;
  text: string;
  /** The victim's language was left empty: `text` is the other one (the page says so). */
  fallback: boolean;
}

/** Same rules as every multi-line input (lib/vocab/text.ts), then the length limit. */
function body(raw: string): string {
  const cleaned = cleanText(raw, "multiline");
  if (!cleaned.ok) throw new BulletinError("controlChars");
  const v = cleaned.value.trim();
  if (v.length > BULLETIN_MAX_CHARS) throw new BulletinError("tooLong");
  return v;
}

/** Posts a bulletin to the case's victims (write:case:any; audited in the same transaction). */
export async function postBulletin(
  db: Db,
  ctx: ServiceContext,
  input: { caseNumber: string; bodyZh: string; bodyEn: string },
): Promise<{ id: number }> {
  const { actor, ip } = ctx;
  assertCan(actor, "write:case:any");
  const bodyZh = body(input.bodyZh);
  const bodyEn = body(input.bodyEn);
  if (!bodyZh && !bodyEn) throw new BulletinError("bulletinEmpty");
  return db.$transaction(async (tx) => {
    const ref = await caseByNumber(tx, input.caseNumber);
    const created = await tx.caseBulletin.create({
      data: { caseId: ref.caseId, authorId: actor.id, bodyZh, bodyEn },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "case.bulletin",
      resourceType: "case",
      resourceId: ref.number,
      ip,
      // The text is in the bulletin row; the audit says which languages were written.
      detail: { bulletinId: created.id, zh: bodyZh.length > 0, en: bodyEn.length > 0 },
    });
    return created;
  });
}

/** The case's bulletins, newest first, for the case page (read:case:any). */
export async function listCaseBulletins(
  db: Db,
  ctx: ServiceContext,
  input: { caseNumber: string },
): Promise<StaffBulletin[]> {
  assertCan(ctx.actor, "read:case:any");
  const ref = await caseByNumber(db, input.caseNumber);
  // Raw: read on every case page view.
  return db.$queryRaw<StaffBulletin[]>(Prisma.sql`
    SELECT ${B.id}, ${B.bodyZh}, ${B.bodyEn}, COALESCE(NULLIF(${BU.name}, ''), ${BU.email}) AS author,
           ${B.createdAt} AS "postedAt"
    FROM ${B} LEFT JOIN ${BU} ON ${BU.id} = ${B.authorId}
    WHERE ${B.caseId} = ${ref.caseId}
    ORDER BY ${B.createdAt} DESC, ${B.id} DESC LIMIT 200`);
}

/**
 * The bulletins of the case a report is in, newest first, in the victim's
 * language (or the other with `fallback`). No permission check here: the
 * caller is the status page, which has verified the report's reference and
 * PIN (its short signed-in state, lib/victims/status-session.ts) and passes
 * only that report's id. Never call it with an id from a request.
 */
export async function bulletinsForReport(
  db: Db,
  reportId: number,
  locale: BulletinLocale | string,
): Promise<VictimBulletin[]> {
  const report = await db.report.findUnique({ where: { id: reportId }, select: { caseId: true } });
  if (report?.caseId == null) return [];
  const rows = await db.caseBulletin.findMany({
    where: { caseId: report.caseId },
    select: { id: true, bodyZh: true, bodyEn: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
  });
  return rows.map((r) => ({ id: r.id, postedAt: r.createdAt, ...pickBulletinText(r, locale) }));
}
