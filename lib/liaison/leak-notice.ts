import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { createRequest, type CreatedRequest } from "./requests";
import { LiaisonError } from "./errors";
import { listLeakSignals, type LeakSignal } from "./signals";

/** Why a leak signal could not become a notice; `code` is a key under signals.* (messages/liaison/signals.*). */
export class SignalError extends AppError {
  constructor(code: SignalErrorCode) {
    super(code, 400);
  }
}
export const signalErrorCodes = ["noSignal", "alreadyOpen", "noOrganisationError"] as const;
export type SignalErrorCode = (typeof signalErrorCodes)[number];

export interface LeakNoticeInput {
  platformId: number;
  /** The message to the shop, from the signal as it stands now (the action writes it in the form's language). */
  compose: (signal: LeakSignal) => string;
  now?: Date;
}

/**
 * A leak signal becomes a data-leak notice to the shop in one step: created
 * and sent at once through the request service (createRequest), with no victim
 * data (nothing is included, so everything is redacted) and the kind's due time.
 *
 * The signal is read again, not taken from the form: the shop must still be
 * signalled, be an organisation, and have no notice still open (the page
 * offers the button on the same terms; this is the lock). A request belongs
 * to one case, so the notice is filed under the case with the most of the
 * window's reports; its message gives the whole signal's figures.
 */
export async function createLeakNotice(
  db: Db,
  ctx: ServiceContext,
  input: LeakNoticeInput,
): Promise<CreatedRequest & { signal: LeakSignal }> {
  assertCan(ctx.actor, "create:request:any");
  const [signal] = await listLeakSignals(db, ctx, { platformId: input.platformId, now: input.now });
  if (!signal || signal.cases.length === 0) throw new SignalError("noSignal");
  if (!signal.organisation) throw new SignalError("noOrganisationError");
  if (signal.openNotice) throw new SignalError("alreadyOpen");
  const created = await createRequest(db, ctx, {
    caseNumber: signal.cases[0]!.number,
    orgId: signal.organisation.id,
    kind: "data_leak_notice",
    identifierIds: [],
    body: input.compose(signal),
    disclosures: [],
    platformId: signal.platform.id,
    send: true,
  }).catch((e: unknown) => {
    // Another investigator's notice won the race (createRequest checks under a lock).
    if (e instanceof LiaisonError && e.code === "noticeOpen") throw new SignalError("alreadyOpen");
    throw e;
  });
  return { ...created, signal };
}
