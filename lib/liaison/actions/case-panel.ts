"use server";
import { z } from "zod";
import { staffAction, type StaffActionState } from "@/lib/actions/staff-action";
import { routing } from "@/i18n/routing";
import { caseForm } from "@/lib/cases/forms";
import type { Db } from "@/lib/db/client";
import type { ServiceContext } from "@/lib/auth/permissions";
import { caseNumberField, requestNumberField } from "./fields";
import { closeRequest, createRequest, discardDraft, sendRequest } from "../requests";
import { disclosuresOf, dueAtOf, identifierIdsOf, type RequestDone } from "../request-form";
import { disclosureFields, requestKinds } from "../shared";

/**
 * Case liaison panel (investigators): create, send, close, discard, follow up.
 * The case page's request forms post here and work without JavaScript; each
 * action goes through staffAction (session, permission, schema, error
 * mapping), then back to the case page's #requests section — under the case's
 * current number, which a merge may have changed — with `panel=requests` and
 * the outcome (`done=<what>` or `error=<code>`), which the panel shows
 * translated (lib/liaison/request-form.ts#requestBannerOf). Every form names
 * the case by its number and the request by its number; the services reach
 * the request only through that case.
 */

const panelBase = z.object({ locale: z.enum(routing.locales), number: caseNumberField });
const onRequest = panelBase.extend({ request: requestNumberField });
const justifications = Object.fromEntries(
  disclosureFields.map((f) => [`justification.${f}`, z.string().max(2000, "tooLong").optional()]),
);
const dueAtField = z
  .string()
  .max(40)
  .optional()
  .refine((v) => dueAtOf(v) !== "invalid", "invalidDate");

const createSchema = z.looseObject({
  ...panelBase.shape,
  orgId: z.string().trim().min(1, "organisationMissing").max(64, "tooLong"),
  kind: z.enum(requestKinds, "invalidChoice"),
  body: z.string().trim().max(5000, "tooLong").optional(),
  dueAt: dueAtField,
  platformId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  intent: z.enum(["send", "draft"], "invalidChoice"),
  ...justifications,
});

const createAction = staffAction({
  name: "requestCreate",
  permission: "create:request:any",
  schema: createSchema,
  handler: async (i, { user, ip, db }) => {
    const dueAt = dueAtOf(i.dueAt);
    const made = await createRequest(
      db,
      { actor: user, ip },
      {
        caseNumber: i.number,
        orgId: i.orgId,
        kind: i.kind,
        identifierIds: identifierIdsOf(i),
        body: i.body ?? "",
        disclosures: disclosuresOf(i),
        dueAt: dueAt === "invalid" ? null : dueAt,
        platformId: i.platformId ?? null,
        send: i.intent === "send",
      },
    );
    return made.status === "sent" ? ("sent" as const) : ("drafted" as const);
  },
});

const followUpAction = staffAction({
  name: "requestFollowUp",
  permission: "create:request:any",
  schema: z.looseObject({
    ...panelBase.shape,
    orgId: z.string().trim().min(1, "organisationMissing").max(64, "tooLong"),
    followUpOf: requestNumberField,
    body: z.string().trim().max(5000, "tooLong").optional(),
  }),
  // A draft, not sent: the investigator checks the new accounts and sends it
  // with one more click (what was shared with a bank cannot be taken back).
  handler: async (i, { user, ip, db }) => {
    await createRequest(
      db,
      { actor: user, ip },
      {
        caseNumber: i.number,
        orgId: i.orgId,
        kind: "freeze_accounts",
        identifierIds: identifierIdsOf(i),
        body: i.body ?? "",
        disclosures: [],
        followUpOf: i.followUpOf,
        send: false,
      },
    );
    return "followUp" as const;
  },
});

/** One step on a request named by its case and its number (send, close, discard), reported as `done`. */
function requestStep<D extends RequestDone>(
  name: string,
  done: D,
  step: (db: Db, ctx: ServiceContext, input: { caseNumber: string; number: string }) => Promise<unknown>,
) {
  return staffAction({
    name,
    permission: "create:request:any",
    schema: onRequest,
    handler: async (i, { user, ip, db }) => {
      await step(db, { actor: user, ip }, { caseNumber: i.number, number: i.request });
      return done;
    },
  });
}

const sendAction = requestStep("requestSend", "sent", sendRequest);
const closeAction = requestStep("requestClose", "closed", closeRequest);
const discardAction = requestStep("requestDiscard", "discarded", discardDraft);

/** Back to the case page's #requests section with `panel=requests` and `done=<what>` or the error. */
const panelForm = <D extends RequestDone>(
  action: (prev: StaffActionState<D>, fd: FormData) => Promise<StaffActionState<D>>,
) => caseForm("requests", action, (r) => ({ base: { panel: "requests" }, ok: { done: r.data ?? "created" } }));

export const createRequestForm = panelForm(createAction);
export const createFollowUpForm = panelForm(followUpAction);
export const sendRequestForm = panelForm(sendAction);
export const closeRequestForm = panelForm(closeAction);
export const discardDraftForm = panelForm(discardAction);
