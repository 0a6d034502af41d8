import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { Prisma, sequences } from "@/lib/db/sql";
import { requestNumber } from "@/lib/vocab";
import { caseByNumber, refreshRequestFigures, type Tx } from "@/lib/cases";
import { identifierFigures } from "./case-money";
import { defaultDueAt } from "./due";
import { notifyRequestSent } from "./notify";
import { LiaisonError } from "./errors";
import { readDisclosures, sealSharedVictims, sharedVictimLines } from "./victim-lines";
import { identifierKindsByRequest, MIN_JUSTIFICATION, type Disclosure, type RequestKind } from "./shared";

/**
 * Investigators' side of a request: create (a draft, or sent at once), send,
 * close, discard a draft. A request belongs to a case and is always reached
 * through it: every call names the case number and the request number, and a
 * request of another case is "not found". Items are pre-filled from the case
 * (what its victims paid to each identifier, when, how many victims); victim
 * personal data is shared only for fields included with a justification, and
 * then exactly as it was when the request was sent (a snapshot).
 */
export interface CreateRequestInput {
  caseNumber: string;
  orgId: string;
  kind: RequestKind;
  identifierIds: number[];
  body: string;
  disclosures: Disclosure[];
  /** Another due time than the setting for the kind. */
  dueAt?: Date | null;
  /** A data-leak notice's shop. */
  platformId?: number | null;
  /** The open request this one follows up (the ring moved money to new accounts). */
  followUpOf?: string | null;
  send: boolean;
}

export interface CreatedRequest {
  number: string;
  caseNumber: string;
  status: "draft" | "sent";
}

export async function createRequest(db: Db, ctx: ServiceContext, input: CreateRequestInput): Promise<CreatedRequest> {
  assertCan(ctx.actor, "create:request:any");
  checkDisclosures(input.disclosures);
  const now = new Date();
  if (input.dueAt && input.dueAt.getTime() <= now.getTime()) throw new LiaisonError("dueInPast");
  const created = await db.$transaction(async (tx) => {
    const kase = await caseByNumber(tx, input.caseNumber);
    const org = await tx.organisation.findUnique({ where: { id: input.orgId }, select: { id: true, name: true } });
    if (!org) throw new LiaisonError("organisationMissing");
    const followUp = input.followUpOf
      ? await tx.liaisonRequest.findFirst({
          where: { number: input.followUpOf, caseId: kase.caseId },
          select: { id: true },
        })
      : null;
    if (input.followUpOf && !followUp) throw new LiaisonError("followUpMissing");
    const items = await itemsFor(tx, kase.caseId, input);
    const [next] = await tx.$queryRaw<{ seq: bigint }[]>(
      Prisma.sql`SELECT nextval('${sequences.requestNumber}') AS seq`,
    );
    const number = requestNumber(next!.seq, now);
    const sent = input.send ? sentFields(input.kind, input.dueAt ?? null, now) : {};
    const shared = input.send ? await sharedVictimLines(tx, items.reportPaid, input.disclosures) : [];
    const row = await tx.liaisonRequest.create({
      data: {
        number,
        caseId: kase.caseId,
        orgId: org.id,
        kind: input.kind,
        status: input.send ? "sent" : "draft",
        body: input.body,
        dueAt: input.dueAt ?? null,
        victimCount: items.victimCount,
        disclosures: input.disclosures as unknown as Prisma.InputJsonValue,
        sharedVictims: sealSharedVictims(shared),
        platformId: items.platformId,
        followUpOfId: followUp?.id ?? null,
        createdById: ctx.actor.id,
        ...sent,
        items: { create: items.lines },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: input.send ? "request.create_send" : "request.create",
      resourceType: "request",
      resourceId: number,
      ip: ctx.ip,
      detail: {
        case: kase.number,
        orgId: org.id,
        kind: input.kind,
        identifiers: items.lines.length,
        // Which victim fields were shared and why; never the data itself.
        disclosures: input.disclosures,
        followUpOf: input.followUpOf ?? null,
      },
    });
    if (input.send) await refreshRequestFigures(tx, [kase.caseId]);
    const status = input.send ? ("sent" as const) : ("draft" as const);
    return { id: row.id, number, caseNumber: kase.number, status };
  });
  if (created.status === "sent") mailSoon(db, created.id);
  return { number: created.number, caseNumber: created.caseNumber, status: created.status };
}

/** Sends a draft: the due time starts now (unless the draft set one), the victim data shared is fixed now. */
export async function sendRequest(
  db: Db,
  ctx: ServiceContext,
  input: { caseNumber: string; number: string },
): Promise<{ number: string }> {
  assertCan(ctx.actor, "create:request:any");
  const sent = await db.$transaction(async (tx) => {
    const r = await requestInCase(tx, input);
    if (r.status !== "draft") throw new LiaisonError("notDraft");
    const now = new Date();
    if (r.dueAt && r.dueAt.getTime() <= now.getTime()) throw new LiaisonError("dueInPast");
    const disclosures = readDisclosures(r.disclosures);
    const items = await tx.liaisonRequestItem.findMany({
      where: { requestId: r.id },
      select: { identifierId: true, identifier: { select: { id: true, kind: true, value: true } } },
    });
    const ids = items.flatMap((i) => (i.identifier ? [i.identifier] : []));
    const figures = await identifierFigures(tx, r.caseId, ids);
    const shared = await sharedVictimLines(tx, figures.byReport, disclosures);
    await tx.liaisonRequest.update({
      where: { id: r.id },
      data: { ...sentFields(r.kind, r.dueAt, now), sharedVictims: sealSharedVictims(shared) },
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "request.send",
      resourceType: "request",
      resourceId: r.number,
      ip: ctx.ip,
      detail: { disclosures: disclosures.map((d) => d.field) },
    });
    await refreshRequestFigures(tx, [r.caseId]);
    return { id: r.id, number: r.number };
  });
  mailSoon(db, sent.id);
  return { number: sent.number };
}

/**
 * The organisation's liaisons hear of a sent request at once, after the
 * commit and without holding up the investigator (an unreachable mail server
 * takes seconds); a mail that fails here is sent by the next sweep.
 */
function mailSoon(db: Db, requestId: string) {
  void notifyRequestSent(db, requestId);
}

/** The investigator closes a request (answered, or no longer needed). */
export async function closeRequest(
  db: Db,
  ctx: ServiceContext,
  input: { caseNumber: string; number: string },
): Promise<{ number: string }> {
  assertCan(ctx.actor, "create:request:any");
  return db.$transaction(async (tx) => {
    const r = await requestInCase(tx, input);
    if (r.status === "draft" || r.status === "closed") throw new LiaisonError("notOpen");
    await tx.liaisonRequest.update({ where: { id: r.id }, data: { status: "closed", closedAt: new Date() } });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "request.close",
      resourceType: "request",
      resourceId: r.number,
      ip: ctx.ip,
      detail: { from: r.status },
    });
    await refreshRequestFigures(tx, [r.caseId]);
    return { number: r.number };
  });
}

/** A draft that will not be sent goes (nothing was shared). */
export async function discardDraft(
  db: Db,
  ctx: ServiceContext,
  input: { caseNumber: string; number: string },
): Promise<void> {
  assertCan(ctx.actor, "create:request:any");
  await db.$transaction(async (tx) => {
    const r = await requestInCase(tx, input);
    if (r.status !== "draft") throw new LiaisonError("notDraft");
    await tx.liaisonRequest.delete({ where: { id: r.id } });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "request.discard",
      resourceType: "request",
      resourceId: r.number,
      ip: ctx.ip,
    });
  });
}

/** A request of the case (by the case's number, also an absorbed one), or NotFoundError. */
export async function requestInCase(tx: Tx, input: { caseNumber: string; number: string }) {
  const kase = await caseByNumber(tx, input.caseNumber);
  const r = await tx.liaisonRequest.findFirst({
    where: { number: input.number, caseId: kase.caseId },
    select: { id: true, number: true, caseId: true, kind: true, status: true, dueAt: true, disclosures: true },
  });
  if (!r) throw new NotFoundError("request");
  return r;
}

/** Advisory lock namespace for data-leak notices (the key is the shop's platform id). */
const LEAK_NOTICE_LOCK = 7_310_012;

function sentFields(kind: RequestKind, dueAt: Date | null, now: Date) {
  return { status: "sent" as const, sentAt: now, dueAt: dueAt ?? defaultDueAt(kind, now) };
}

function checkDisclosures(list: Disclosure[]) {
  const fields = new Set<string>();
  for (const d of list) {
    if (fields.has(d.field)) throw new LiaisonError("disclosureTwice");
    fields.add(d.field);
    if (d.justification.trim().length < MIN_JUSTIFICATION) throw new LiaisonError("justificationShort");
  }
}

/** The request's lines: its identifiers (each in the case, of a kind the request is about) with their figures. */
async function itemsFor(tx: Tx, caseId: number, input: CreateRequestInput) {
  if (input.kind === "data_leak_notice") {
    if (!input.platformId) throw new LiaisonError("platformMissing");
    const platform = await tx.platform.findFirst({
      where: { id: input.platformId, reports: { some: { report: { caseId } } } },
      select: { id: true, name: true },
    });
    if (!platform) throw new LiaisonError("platformMissing");
    // One open notice per shop, also when two investigators click at once: the
    // check and the insert run under a lock on the shop, held to the commit.
    await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${LEAK_NOTICE_LOCK}::int, ${platform.id}::int)`);
    const open = await tx.liaisonRequest.findFirst({
      where: { kind: "data_leak_notice", platformId: platform.id, status: { in: ["draft", "sent", "acknowledged"] } },
      select: { id: true },
    });
    if (open) throw new LiaisonError("noticeOpen");
    const victims = await tx.report.findMany({
      where: { caseId, platforms: { some: { platformId: platform.id, role: "order_leaked" } } },
      select: { id: true, victimKey: true },
    });
    const reportPaid = new Map(victims.map((v) => [v.id, { paidMinor: 0n, firstPaidAt: null }]));
    const victimCount = new Set(victims.map((v) => v.victimKey)).size;
    const line = { kind: "merchant" as const, display: platform.name, victimCount, identifierId: null };
    return { lines: [line], victimCount, platformId: platform.id, reportPaid };
  }
  const ids = [...new Set(input.identifierIds)];
  if (!ids.length) throw new LiaisonError("noIdentifiers");
  const found = await tx.identifier.findMany({
    where: { id: { in: ids }, reports: { some: { report: { caseId } } } },
    select: { id: true, kind: true, value: true, display: true },
  });
  if (found.length !== ids.length) throw new NotFoundError("identifier");
  const allowed = identifierKindsByRequest[input.kind];
  if (found.some((i) => !allowed.includes(i.kind))) throw new LiaisonError("identifierKind");
  const figures = await identifierFigures(tx, caseId, found);
  const victimReports = new Set(found.flatMap((i) => figures.byIdentifier.get(i.id)!.reportIds));
  const keys = await tx.report.findMany({ where: { id: { in: [...victimReports] } }, select: { victimKey: true } });
  const lines = found.map((i) => {
    const f = figures.byIdentifier.get(i.id)!;
    return {
      identifierId: i.id,
      kind: i.kind,
      display: i.display,
      paidMinor: f.paidMinor,
      paymentCount: f.paymentCount,
      victimCount: f.victimCount,
      firstPaidAt: f.firstPaidAt,
      lastPaidAt: f.lastPaidAt,
    };
  });
  return {
    lines,
    victimCount: new Set(keys.map((k) => k.victimKey)).size,
    platformId: null,
    reportPaid: figures.byReport,
  };
}
