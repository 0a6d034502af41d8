/**
 * Which liaison mails are due, and sending each one once.
 *
 * Three mails per request, each with its own column on LiaisonRequest:
 * - new       (mailedNewAt): the request was sent and nobody has acknowledged it yet;
 * - due soon  (mailedDueSoonAt): sent or acknowledged, some item unanswered, its
 *   due time near (lib/liaison/mail-timing.ts) and not yet past;
 * - overdue   (mailedOverdueAt): sent or acknowledged, some item unanswered,
 *   its due time past.
 *
 * Several app servers (and `npm run notify:liaisons`) may sweep at once. Each
 * mail is claimed first by one UPDATE … WHERE column IS NULL: only the process
 * whose UPDATE changed the row sends it. If no recipient could be reached the
 * claim is released, so a later sweep tries again. A process that dies between
 * claim and send loses that one mail (the request is still in the portal's inbox):
 * at most once, never twice.
 *
 * The claim is raw SQL (lib/db/sql.ts) so that it does not touch `updatedAt`:
 * a mail going out is not a change to the request.
 */
import "server-only";
import type { Db } from "@/lib/db";
import { Prisma, pgEnum, table } from "@/lib/db/sql";
import { appOrigin, env } from "@/lib/env";
import { log, logError } from "@/lib/log";
import { buildLiaisonMail, mailEnabled, sendLiaisonMail, type LiaisonMailEvent } from "./mail";
import { isDueSoon, type DueSoonSettings } from "./mail-timing";

type Status = "sent" | "acknowledged";
/** Who gets the "new" mail: a request already acknowledged has been seen. */
const NEW_STATUSES: readonly Status[] = ["sent"];
const OPEN_STATUSES: readonly Status[] = ["sent", "acknowledged"];
/** Requests read per query while a sweep walks them. */
const BATCH = 100;

const column = {
  new: "mailedNewAt",
  dueSoon: "mailedDueSoonAt",
  overdue: "mailedOverdueAt",
} as const satisfies Record<LiaisonMailEvent, string>;

const requestSelect = {
  id: true,
  number: true,
  orgId: true,
  sentAt: true,
  dueAt: true,
  org: { select: { name: true } },
} as const;
type Candidate = Prisma.LiaisonRequestGetPayload<{ select: typeof requestSelect }>;

/** Some item still without an answer, or no items at all. */
const unanswered = {
  OR: [{ items: { some: { answeredAt: null } } }, { items: { none: {} } }],
} satisfies Prisma.LiaisonRequestWhereInput;

function statusIn(list: readonly Status[]) {
  return Prisma.join(list.map((s) => Prisma.sql`${s}::${pgEnum("RequestStatus")}`));
}

/** Takes the mail for this process. True only for the one caller whose UPDATE changed the row. */
async function claim(db: Db, event: LiaisonMailEvent, id: string, at: Date): Promise<boolean> {
  const r = table("LiaisonRequest");
  const col = r.$[column[event]];
  const statuses = event === "new" ? NEW_STATUSES : OPEN_STATUSES;
  const changed = await db.$executeRaw(
    Prisma.sql`UPDATE ${r.$table} SET ${col} = ${at} WHERE ${r.$.id} = ${id} AND ${col} IS NULL AND ${r.$.status} IN (${statusIn(statuses)})`,
  );
  return changed === 1;
}

/** Gives the mail back for a later sweep; only our own claim (same instant) is released. */
async function release(db: Db, event: LiaisonMailEvent, id: string, at: Date): Promise<void> {
  const r = table("LiaisonRequest");
  const col = r.$[column[event]];
  await db.$executeRaw(Prisma.sql`UPDATE ${r.$table} SET ${col} = NULL WHERE ${r.$.id} = ${id} AND ${col} = ${at}`);
}

function dueSoonSettings(): DueSoonSettings {
  const e = env();
  return { maxHours: e.LIAISON_DUE_SOON_HOURS, fraction: e.LIAISON_DUE_SOON_FRACTION };
}

/** Only organisations someone can be told about: requests of the others are not even looked at. */
const someoneToTell = {
  org: { users: { some: { role: "liaison", disabled: false } } },
} satisfies Prisma.LiaisonRequestWhereInput;

/**
 * One page of the requests that need this mail, in id order after `after`.
 * The sweep walks every page, so requests that keep failing (and are released
 * each time) never crowd the others out.
 */
async function candidates(db: Db, event: LiaisonMailEvent, now: Date, after: string): Promise<Candidate[]> {
  // The cap bounds the query; the share of each request's own window is applied in pending().
  const horizon = new Date(now.getTime() + dueSoonSettings().maxHours * 3600_000);
  const where: Prisma.LiaisonRequestWhereInput =
    event === "new"
      ? { status: { in: [...NEW_STATUSES] }, mailedNewAt: null }
      : event === "overdue"
        ? { status: { in: [...OPEN_STATUSES] }, mailedOverdueAt: null, dueAt: { lt: now }, ...unanswered }
        : {
            status: { in: [...OPEN_STATUSES] },
            mailedDueSoonAt: null,
            dueAt: { gt: now, lte: horizon },
            ...unanswered,
          };
  return db.liaisonRequest.findMany({
    where: { AND: [where, someoneToTell, { id: { gt: after } }] },
    select: requestSelect,
    orderBy: { id: "asc" },
    take: BATCH,
  });
}

/** Every request that needs this mail now. */
async function* pending(db: Db, event: LiaisonMailEvent, now: Date): AsyncGenerator<Candidate> {
  const settings = dueSoonSettings();
  let after = "";
  for (;;) {
    const page = await candidates(db, event, now, after);
    for (const r of page) if (event !== "dueSoon" || isDueSoon(r, now, settings)) yield r;
    if (page.length < BATCH) return;
    after = page[page.length - 1]!.id;
  }
}

type Recipients = Map<string, Promise<string[]>>;

/** The organisation's liaisons who can sign in; looked up once per sweep. */
function liaisonsOf(db: Db, orgId: string, cache: Recipients): Promise<string[]> {
  let found = cache.get(orgId);
  if (!found) {
    found = db.user
      .findMany({
        where: { orgId, role: "liaison", disabled: false },
        select: { email: true },
        orderBy: { email: "asc" },
      })
      .then((users) => users.map((u) => u.email));
    cache.set(orgId, found);
  }
  return found;
}

export type MailOutcome = "sent" | "failed" | "noRecipients" | "claimedElsewhere";

async function deliver(
  db: Db,
  event: LiaisonMailEvent,
  req: Candidate,
  now: Date,
  cache: Recipients,
): Promise<MailOutcome> {
  const to = await liaisonsOf(db, req.orgId, cache);
  // Not claimed: once the organisation has an active liaison again, the mail goes out.
  if (to.length === 0) return "noRecipients";
  if (!(await claim(db, event, req.id, now))) return "claimedElsewhere";
  let delivered = 0;
  let failed = to.length;
  try {
    const mail = buildLiaisonMail({
      event,
      requestNumber: req.number,
      organisationName: req.org.name,
      dueAt: req.dueAt,
      origin: appOrigin(),
    });
    ({ delivered, failed } = await sendLiaisonMail(to, mail, { requestNumber: req.number, event }));
  } catch (err) {
    logError(err, { job: "liaison-mail", request: req.number, event });
  }
  if (delivered === 0) {
    try {
      await release(db, event, req.id, now);
    } catch (err) {
      logError(err, { job: "liaison-mail", request: req.number, event, step: "release" });
    }
    return "failed";
  }
  log("info", "liaison mail sent", { request: req.number, event, recipients: delivered, failed });
  return "sent";
}

export interface LiaisonMailSweep {
  sent: Record<LiaisonMailEvent, number>;
  failed: Record<LiaisonMailEvent, number>;
  /**
   * Requests whose organisation lost its last active liaison during the sweep (not
   * claimed). Requests of organisations without one are not looked at at all: their
   * mails go out once the organisation has a liaison.
   */
  noRecipients: number;
}

/**
 * Sends every liaison mail that is due at `now` and not yet sent: new first,
 * then due soon, then overdue. Safe to run in several processes at once. Does
 * nothing when mail is off (SMTP_URL unset): claims are only taken when a mail
 * can actually be sent.
 */
export async function sweepLiaisonMail(db: Db, now: Date = new Date()): Promise<LiaisonMailSweep> {
  const result: LiaisonMailSweep = {
    sent: { new: 0, dueSoon: 0, overdue: 0 },
    failed: { new: 0, dueSoon: 0, overdue: 0 },
    noRecipients: 0,
  };
  if (!mailEnabled()) return result;
  const cache: Recipients = new Map();
  for (const event of ["new", "dueSoon", "overdue"] as const) {
    for await (const req of pending(db, event, now)) {
      const outcome = await deliver(db, event, req, now, cache);
      if (outcome === "sent") result.sent[event]++;
      else if (outcome === "failed") result.failed[event]++;
      else if (outcome === "noRecipients") result.noRecipients++;
    }
  }
  const total = (r: Record<LiaisonMailEvent, number>) => r.new + r.dueSoon + r.overdue;
  if (total(result.sent) || total(result.failed)) log("info", "liaison mail sweep", { ...result });
  return result;
}

/**
 * The "new" mail for one request, right after it was sent (call it once the
 * send step's transaction has committed). Claimed like the sweep's, so a sweep
 * running at the same moment cannot send it a second time; a failure leaves it
 * for the next sweep. Never throws: errors are logged. Resolves to "off" when
 * mail is off and "notPending" when the request is not sent or already mailed.
 */
export async function notifyRequestSent(
  db: Db,
  requestId: string,
  now: Date = new Date(),
): Promise<MailOutcome | "off" | "notPending"> {
  if (!mailEnabled()) return "off";
  try {
    const req = await db.liaisonRequest.findFirst({
      where: { id: requestId, status: { in: [...NEW_STATUSES] }, mailedNewAt: null },
      select: requestSelect,
    });
    if (!req) return "notPending";
    return await deliver(db, "new", req, now, new Map());
  } catch (err) {
    logError(err, { job: "liaison-mail", event: "new" });
    return "failed";
  }
}
