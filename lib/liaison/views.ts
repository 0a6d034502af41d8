import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, can, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { caseByNumber } from "@/lib/cases";
import { Prisma, table } from "@/lib/db/sql";
import { isOverdue, openStatuses, type RequestKind, type RequestStatus } from "./shared";
import { readDisclosures, readSharedVictims } from "./victim-lines";

/**
 * Reading requests. Liaisons: their organisation's inbox and request pages,
 * never drafts, never the case behind them (only its number, which the letter
 * quotes). Staff with read:request:any: a case's requests with the answers.
 */
const LR = table("LiaisonRequest", "lr");

const itemSelect = {
  id: true,
  kind: true,
  display: true,
  paidMinor: true,
  paymentCount: true,
  victimCount: true,
  firstPaidAt: true,
  lastPaidAt: true,
  outcome: true,
  frozenMinor: true,
  recoveredMinor: true,
  answerNote: true,
  answeredAt: true,
  attachmentName: true,
  attachmentSize: true,
} satisfies Prisma.LiaisonRequestItemSelect;

const requestSelect = {
  id: true,
  number: true,
  kind: true,
  status: true,
  body: true,
  dueAt: true,
  victimCount: true,
  disclosures: true,
  sharedVictims: true,
  createdAt: true,
  sentAt: true,
  acknowledgedAt: true,
  answeredAt: true,
  closedAt: true,
  case: { select: { number: true } },
  org: { select: { id: true, name: true, kind: true } },
  createdBy: { select: { name: true, email: true } },
  followUpOf: { select: { number: true } },
  items: { select: itemSelect, orderBy: { id: "asc" } },
} satisfies Prisma.LiaisonRequestSelect;

type Row = Prisma.LiaisonRequestGetPayload<{ select: typeof requestSelect }>;

export type RequestItemView = Row["items"][number];
export interface RequestView extends Omit<Row, "disclosures" | "sharedVictims" | "case" | "createdBy" | "followUpOf"> {
  caseNumber: string;
  createdByName: string;
  followUpOf: string | null;
  overdue: boolean;
  disclosures: ReturnType<typeof readDisclosures>;
  sharedVictims: ReturnType<typeof readSharedVictims>;
  frozenMinor: bigint;
}

function view(r: Row, now: Date): RequestView {
  const { case: c, createdBy, followUpOf, disclosures, sharedVictims, ...rest } = r;
  const d = readDisclosures(disclosures);
  return {
    ...rest,
    caseNumber: c.number,
    createdByName: createdBy?.name || createdBy?.email || "",
    followUpOf: followUpOf?.number ?? null,
    overdue: isOverdue(r, now),
    disclosures: d,
    sharedVictims: readSharedVictims(sharedVictims, d),
    frozenMinor: r.items.reduce((s, i) => s + (i.frozenMinor ?? 0n), 0n),
  };
}

export interface InboxFilter {
  status?: RequestStatus | "open";
  overdue?: boolean;
  kind?: RequestKind;
}

export interface InboxRow {
  number: string;
  kind: RequestKind;
  status: RequestStatus;
  sentAt: Date | null;
  dueAt: Date | null;
  overdue: boolean;
  items: number;
  answered: number;
}

export const INBOX_PAGE = 100;

/** The liaison's organisation's requests, newest first; overdue ones are flagged. */
export async function listInbox(db: Db, ctx: ServiceContext, filter: InboxFilter = {}): Promise<InboxRow[]> {
  assertCan(ctx.actor, "read:request:own-org");
  const orgId = ctx.actor.orgId!;
  const now = new Date();
  const where: Prisma.LiaisonRequestWhereInput = { orgId, status: { not: "draft" } };
  if (filter.status === "open") where.status = { in: [...openStatuses] };
  else if (filter.status && filter.status !== "draft") where.status = filter.status;
  if (filter.kind) where.kind = filter.kind;
  if (filter.overdue) Object.assign(where, { status: { in: [...openStatuses] }, dueAt: { lt: now } });
  const rows = await db.liaisonRequest.findMany({
    where,
    select: {
      number: true,
      kind: true,
      status: true,
      sentAt: true,
      dueAt: true,
      items: { select: { outcome: true } },
    },
    orderBy: [{ sentAt: "desc" }, { number: "desc" }],
    take: INBOX_PAGE,
  });
  return rows.map((r) => ({
    number: r.number,
    kind: r.kind,
    status: r.status,
    sentAt: r.sentAt,
    dueAt: r.dueAt,
    overdue: isOverdue(r, now),
    items: r.items.length,
    answered: r.items.filter((i) => i.outcome).length,
  }));
}

/** Counts for the portal's header: open and overdue requests of the liaison's organisation. */
export async function inboxCounts(db: Db, ctx: ServiceContext): Promise<{ open: number; overdue: number }> {
  assertCan(ctx.actor, "read:request:own-org");
  const orgId = ctx.actor.orgId!;
  const base = { orgId, status: { in: [...openStatuses] } };
  const [open, overdue] = await Promise.all([
    db.liaisonRequest.count({ where: base }),
    db.liaisonRequest.count({ where: { ...base, dueAt: { lt: new Date() } } }),
  ]);
  return { open, overdue };
}

/** One request of the liaison's organisation, exactly as shared; the view is audited. */
export async function getInboxRequest(db: Db, ctx: ServiceContext, input: { number: string }): Promise<RequestView> {
  assertCan(ctx.actor, "read:request:own-org");
  const orgId = ctx.actor.orgId!;
  const r = await db.liaisonRequest.findFirst({
    where: { number: input.number, orgId, status: { not: "draft" } },
    select: requestSelect,
  });
  if (!r) throw new NotFoundError("request");
  await recordAudit(db, {
    actorId: ctx.actor.id,
    action: "request.view",
    resourceType: "request",
    resourceId: r.number,
    ip: ctx.ip,
    detail: { disclosed: readDisclosures(r.disclosures).map((d) => d.field) },
  });
  return view(r, new Date());
}

/** A case's requests with their answers, for the case page's liaison panel. */
export async function listCaseRequests(
  db: Db,
  ctx: ServiceContext,
  input: { caseNumber: string },
): Promise<RequestView[]> {
  assertCan(ctx.actor, "read:request:any");
  const kase = await caseByNumber(db, input.caseNumber);
  // Most cases have none: one look by the index spares the relation reads
  // Prisma issues for an empty list all the same (five statements per case page).
  const any = await db.$queryRaw<unknown[]>(
    Prisma.sql`SELECT 1 FROM ${LR} WHERE ${LR.caseId} = ${kase.caseId} LIMIT 1`,
  );
  if (!any.length) return [];
  const rows = await db.liaisonRequest.findMany({
    where: { caseId: kase.caseId },
    select: requestSelect,
    orderBy: [{ createdAt: "desc" }],
  });
  const now = new Date();
  // Victim data shared is shown to those who may read it anyway.
  const pii = can(ctx.actor, "read:victim-pii:any");
  return rows.map((r) => {
    const v = view(r, now);
    return pii
      ? v
      : {
          ...v,
          sharedVictims: v.sharedVictims.map((s) => ({
            ...s,
            name: undefined,
            phone: undefined,
            narrative: undefined,
          })),
        };
  });
}

/** A request by number for staff: through its case when the caller names one. */
export async function getStaffRequest(
  db: Db,
  ctx: ServiceContext,
  input: { number: string; caseNumber?: string },
): Promise<RequestView> {
  assertCan(ctx.actor, "read:request:any");
  const caseId = input.caseNumber ? (await caseByNumber(db, input.caseNumber)).caseId : undefined;
  const r = await db.liaisonRequest.findFirst({
    where: { number: input.number, ...(caseId ? { caseId } : {}) },
    select: requestSelect,
  });
  if (!r) throw new NotFoundError("request");
  return view(r, new Date());
}
