"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formDataOf } from "@/lib/actions/mutation";
import { staffAction, initialActionState, type StaffActionState } from "@/lib/actions/staff-action";
import { getCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { routing } from "@/i18n/routing";
import { currentNumber, parseCaseNumber } from "@/lib/cases";
import { parseAmountToMinor } from "@/lib/vocab";
import { setIdentifierRoute } from "./routes";
import { closeRequest, createRequest, discardDraft, sendRequest } from "./requests";
import { disclosuresOf, dueAtOf, identifierIdsOf, type RequestDone } from "./request-form";
import { acknowledgeRequest } from "./answers";
import { answerItemWithAttachment } from "./attachments";
import { disclosureFields, parseRequestNumber, requestKinds, requestOutcomes } from "./shared";

/**
 * Server actions of the liaison area. Forms on the case page post here and
 * work without JavaScript: each goes through staffAction (session,
 * permission, schema, error mapping) and back to the case page with the
 * outcome in the query string, as lib/cases/actions.ts does.
 */

// ——— Routing (case page: components/liaison/case-routing.tsx) ———

/** The form's language, or the default one for anything else. */
function routingLocaleOf(fd: FormData): string {
  const raw = fd.get("locale");
  return typeof raw === "string" && (routing.locales as readonly string[]).includes(raw) ? raw : routing.defaultLocale;
}

/** The case's number now (a merge may have absorbed the one posted), if the visitor may read cases. */
async function routingNumberNow(asked: string): Promise<string | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  return currentNumber(await db(), { actor: user }, { number: asked }).catch(() => null);
}

/** Back to the case page's routing section, with the case page's outcome banner (lib/cases bannerOf). */
async function backToRouting<D>(fd: FormData, result: StaffActionState<D>): Promise<never> {
  const locale = routingLocaleOf(fd);
  const asked = parseCaseNumber(fd.get("number"));
  if (!asked) redirect(`/${locale}/staff/cases?error=notFound`);
  const number = (await routingNumberNow(asked)) ?? asked;
  const q = new URLSearchParams(
    result.status === "ok"
      ? { done: Date.now().toString(36) }
      : {
          at: Date.now().toString(36),
          error: result.code ?? "invalid",
          ...(result.fieldErrors ? { field: Object.values(result.fieldErrors)[0] ?? "" } : {}),
          ...(result.errorId ? { errorId: result.errorId } : {}),
        },
  );
  redirect(`/${locale}/staff/cases/${encodeURIComponent(number)}?${q}#routing`);
}

const setIdentifierRouteSchema = z.object({
  locale: z.enum(routing.locales),
  number: z
    .string()
    .max(40)
    .transform((v, c) => parseCaseNumber(v) ?? (c.addIssue({ code: "custom", message: "caseNotFound" }), z.NEVER)),
  identifierId: z.coerce.number().int().positive().max(2_147_483_647),
  /** Blank: back to automatic routing. */
  orgId: z
    .string()
    .trim()
    .max(64)
    .transform((v) => v || null),
});

const setIdentifierRouteAction = staffAction({
  name: "setIdentifierRoute",
  permission: "create:request:any",
  schema: setIdentifierRouteSchema,
  handler: (i, { user, ip, db }) =>
    setIdentifierRoute(db, { actor: user, ip }, { caseNumber: i.number, identifierId: i.identifierId, orgId: i.orgId }),
});

/** The override select of one identifier: `number`, `locale`, `identifierId`, `orgId` ("" = automatic). */
export async function setIdentifierRouteForm(fd: FormData) {
  // A crafted call without a form names no case (and would crash reading it): back to the board.
  if (!formDataOf([fd])) redirect(`/${routing.defaultLocale}/staff/cases`);
  return backToRouting(fd, await setIdentifierRouteAction(initialActionState as never, fd));
}

// ---------------------------------------------------------------------------
// Case liaison panel (investigators): create, send, close, discard, follow up.
// The case page's request forms post here and work without JavaScript; each
// action goes through staffAction (session, permission, schema, error
// mapping), then back to the case page's #requests section — under the case's
// current number, which a merge may have changed — with `panel=requests` and
// the outcome (`done=<what>` or `error=<code>`), which the panel shows
// translated (lib/liaison/request-form.ts#requestBannerOf). Every form names
// the case by its number and the request by its number; the services reach
// the request only through that case.
// ---------------------------------------------------------------------------

const caseNumberField = z
  .string()
  .max(40)
  .transform((v, c) => parseCaseNumber(v) ?? (c.addIssue({ code: "custom", message: "caseNotFound" }), z.NEVER));
const requestNumberField = z
  .string()
  .max(40)
  .transform((v, c) => parseRequestNumber(v) ?? (c.addIssue({ code: "custom", message: "notFound" }), z.NEVER));
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

const sendAction = staffAction({
  name: "requestSend",
  permission: "create:request:any",
  schema: onRequest,
  handler: async (i, { user, ip, db }) => {
    await sendRequest(db, { actor: user, ip }, { caseNumber: i.number, number: i.request });
    return "sent" as const;
  },
});

const closeAction = staffAction({
  name: "requestClose",
  permission: "create:request:any",
  schema: onRequest,
  handler: async (i, { user, ip, db }) => {
    await closeRequest(db, { actor: user, ip }, { caseNumber: i.number, number: i.request });
    return "closed" as const;
  },
});

const discardAction = staffAction({
  name: "requestDiscard",
  permission: "create:request:any",
  schema: onRequest,
  handler: async (i, { user, ip, db }) => {
    await discardDraft(db, { actor: user, ip }, { caseNumber: i.number, number: i.request });
    return "discarded" as const;
  },
});

export const createRequestForm = panelForm(createAction);
export const createFollowUpForm = panelForm(followUpAction);
export const sendRequestForm = panelForm(sendAction);
export const closeRequestForm = panelForm(closeAction);
export const discardDraftForm = panelForm(discardAction);

/** The form's language, or the default one for anything else. */
function panelLocale(fd: FormData): string {
  const raw = fd.get("locale");
  return typeof raw === "string" && (routing.locales as readonly string[]).includes(raw) ? raw : routing.defaultLocale;
}

function panelForm<D extends RequestDone>(
  action: (prev: StaffActionState<D>, fd: FormData) => Promise<StaffActionState<D>>,
) {
  return async (fd: FormData) => {
    // A crafted call without a form names no case: back to the board.
    if (!formDataOf([fd])) redirect(`/${routing.defaultLocale}/staff/cases`);
    const result = await action(initialActionState as StaffActionState<D>, fd);
    const locale = panelLocale(fd);
    const asked = parseCaseNumber(fd.get("number"));
    if (!asked) redirect(`/${locale}/staff/cases?error=notFound`);
    const number = (await panelCaseNow(asked)) ?? asked;
    // A fresh value each time, so the browser never treats the answer as "same page, new hash".
    const q = new URLSearchParams({ panel: "requests", at: Date.now().toString(36) });
    if (result.status === "ok") q.set("done", result.data ?? "created");
    else {
      q.set("error", result.code ?? "invalid");
      const field = result.fieldErrors ? Object.values(result.fieldErrors)[0] : undefined;
      if (field) q.set("field", field);
      if (result.errorId) q.set("errorId", result.errorId);
    }
    redirect(`/${locale}/staff/cases/${encodeURIComponent(number)}?${q}#requests`);
  };
}

/** The case's number now, if the visitor may read cases (else the page they return to will say so). */
async function panelCaseNow(asked: string): Promise<string | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  return currentNumber(await db(), { actor: user }, { number: asked }).catch(() => null);
}
// ----------------------------------------------------- end of case liaison panel

/*
 * ─── Liaison portal: acknowledge a request, answer one identifier ───────────
 *
 * The request page's forms post here (they work without JavaScript); each
 * action goes through staffAction (session, permission, text cleaning,
 * schema, error mapping) and then back to the request page with the outcome
 * in the query string (?done=… or ?error=code), which the page shows in a
 * status or alert region. Forms name the request by its number and the item
 * by its id; the services reach both only through the liaison's own
 * organisation, so anyone else's number is "not found" and changes nothing.
 */
const portalLocale = (fd: FormData): string => {
  const raw = fd.get("locale");
  return typeof raw === "string" && (routing.locales as readonly string[]).includes(raw) ? raw : routing.defaultLocale;
};

const requestNumber = z
  .string()
  .max(40)
  .transform((v, c) => parseRequestNumber(v) ?? (c.addIssue({ code: "custom", message: "notFound" }), z.NEVER));

/** An amount in yuan as typed ("38000", "38,000.50", "¥38000"), to fen; empty is none. No floats. */
const yuan = z
  .string()
  .max(40, "tooLong")
  .optional()
  .transform((v, c) => {
    if (!v || v.trim() === "") return null;
    const minor = parseAmountToMinor(v);
    if (minor === null) c.addIssue({ code: "custom", message: "invalidAmount" });
    return minor;
  });

const portalBase = z.object({ locale: z.enum(routing.locales), number: requestNumber });

async function backToRequest<D>(fd: FormData, result: StaffActionState<D>, done: string): Promise<never> {
  const locale = portalLocale(fd);
  const number = parseRequestNumber(fd.get("number"));
  const q = new URLSearchParams(
    result.status === "ok"
      ? // A fresh value each time, so the browser never treats the answer as "same page, new hash".
        { done, at: Date.now().toString(36) }
      : {
          at: Date.now().toString(36),
          error: result.code ?? "invalid",
          ...(result.fieldErrors ? { field: Object.values(result.fieldErrors)[0] ?? "" } : {}),
          ...(result.errorId ? { errorId: result.errorId } : {}),
        },
  );
  if (!number) redirect(`/${locale}/portal?${q}`);
  redirect(`/${locale}/portal/requests/${encodeURIComponent(number)}?${q}#result`);
}

function portalForm<D>(
  done: string,
  action: (prev: StaffActionState<D>, fd: FormData) => Promise<StaffActionState<D>>,
) {
  return async (fd: FormData) => {
    // A crafted call without a form names no request (and would crash reading it): back to the inbox.
    if (!formDataOf([fd])) redirect(`/${routing.defaultLocale}/portal?error=badRequest`);
    return backToRequest(fd, await action(initialActionState as StaffActionState<D>, fd), done);
  };
}

const acknowledgeAction = staffAction({
  name: "requestAcknowledge",
  permission: "answer:request:own-org",
  schema: portalBase,
  handler: (i, { user, ip, db }) => acknowledgeRequest(db, { actor: user, ip }, { number: i.number }),
});
export const acknowledgeRequestForm = portalForm("acknowledged", acknowledgeAction);

const answerAction = staffAction({
  name: "requestAnswer",
  permission: "answer:request:own-org",
  schema: portalBase.extend({
    itemId: z.coerce.number("notFound").int("notFound").positive("notFound").max(2_147_483_647, "notFound"),
    outcome: z.enum(requestOutcomes, "invalidChoice"),
    frozen: yuan,
    recovered: yuan,
    note: z.string().trim().max(2000, "tooLong").optional().default(""),
  }),
  handler: (i, { user, ip, db, fd }) =>
    answerItemWithAttachment(
      db,
      { actor: user, ip },
      {
        number: i.number,
        itemId: i.itemId,
        outcome: i.outcome,
        frozenMinor: i.frozen,
        recoveredMinor: i.recovered,
        note: i.note,
      },
      fd.getAll("attachment").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f),
    ),
});
export const answerItemForm = portalForm("answered", answerAction);

/* ─── end of the liaison portal's actions ─────────────────────────────────── */
