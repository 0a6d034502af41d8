"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formDataOf } from "@/lib/actions/mutation";
import { staffAction, initialActionState } from "@/lib/actions/staff-action";
import { formLocale, outcomeQuery } from "@/lib/actions/form-redirect";
import { routing } from "@/i18n/routing";
import { caseStatuses, parseCaseNumber } from "./shared";
import { caseForm } from "./forms";
import { setStatus } from "./workflow/status";
import { assignCase } from "./workflow/assignment";
import { addNote } from "./workflow/notes";
import { decide, revokeDecision, type CaseDecision } from "./workflow/decisions";
import { decideSharedNumber } from "./workflow/shared-numbers";

/**
 * The case page's forms post here (they work without JavaScript); each action
 * goes through staffAction (session, permission, schema, error mapping) and
 * then back to the case page — under its current number, which a merge may
 * have changed — with the outcome in the query string.
 *
 * Every form names its case by `number` (the number the page shows); the
 * services load reports, decisions and identifiers through that case and
 * refuse anyone else's (404). No form carries a case id.
 */
const id = z.coerce.number().int().positive().max(2_147_483_647);
const reason = z.string().trim().min(1, "reasonRequired").max(1000, "tooLong");
const caseNumber = z
  .string()
  .max(40)
  .transform((v, c) => parseCaseNumber(v) ?? (c.addIssue({ code: "custom", message: "caseNotFound" }), z.NEVER));
const base = z.object({ locale: z.enum(routing.locales), number: caseNumber });

const statusAction = staffAction({
  name: "caseStatus",
  permission: "write:case:any",
  schema: base.extend({ status: z.enum(caseStatuses, "invalidChoice") }),
  handler: (i, { user, ip, db }) => setStatus(db, { actor: user, ip }, { number: i.number, status: i.status }),
});
export const changeStatus = caseForm("workflow", statusAction);

const assignAction = staffAction({
  name: "caseAssign",
  permission: "write:case:any",
  schema: base.extend({ assigneeId: z.string().max(64) }),
  handler: (i, { user, ip, db }) =>
    assignCase(db, { actor: user, ip }, { number: i.number, assigneeId: i.assigneeId || null }),
});
export const assign = caseForm("workflow", assignAction);

const noteAction = staffAction({
  name: "caseNote",
  permission: "write:case:any",
  schema: base.extend({ body: z.string().trim().min(1, "required").max(5000, "tooLong") }),
  handler: (i, { user, ip, db }) => addNote(db, { actor: user, ip }, { number: i.number, body: i.body }),
});
export const note = caseForm("notes", noteAction);

/** A decision form: the case by number, the decision from the form's fields, a reason. */
function decisionAction<T extends { number: string; reason: string }>(
  name: string,
  schema: z.ZodType<T>,
  decision: (input: T) => CaseDecision,
) {
  return staffAction({
    name,
    permission: "decide:matching:any",
    schema,
    handler: (i: T, { user, ip, db }) =>
      decide(db, { actor: user, ip }, { number: i.number, decision: decision(i), reason: i.reason }),
  });
}

/** Merge with another case, named by its number. */
export const merge = caseForm(
  "decisions",
  decisionAction("caseMerge", base.extend({ other: z.string().trim().min(1, "required").max(40), reason }), (i) => ({
    type: "merge_cases",
    other: i.other,
  })),
);

/** Split off the checked reports (checkboxes arrive as split.<reportId>=on). */
export const split = caseForm(
  "reports",
  decisionAction("caseSplit", z.looseObject({ ...base.shape, reason }), (i) => ({
    type: "split_case",
    reportIds: Object.keys(i).flatMap((k) => (/^split\.\d{1,10}$/.test(k) ? [Number(k.slice(6))] : [])),
  })),
);

export const detach = caseForm(
  "reports",
  decisionAction("caseDetach", base.extend({ reportId: id, reason }), (i) => ({
    type: "detach_report",
    reportId: i.reportId,
  })),
);

/** Two reports of this case that must never be linked. */
export const noLinkReports = caseForm(
  "decisions",
  decisionAction("caseNoLinkReports", base.extend({ a: id, b: id, reason }), (i) => ({
    type: "no_link_reports",
    a: i.a,
    b: i.b,
  })),
);

export const noLinkIdentifier = caseForm(
  "identifiers",
  decisionAction("caseNoLinkIdentifier", base.extend({ identifierId: id, reason }), (i) => ({
    type: "no_link_identifier",
    identifierId: i.identifierId,
  })),
);

const undoAction = staffAction({
  name: "caseUndoDecision",
  permission: "decide:matching:any",
  schema: base.extend({ decisionId: id, reason }),
  handler: (i, { user, ip, db }) =>
    revokeDecision(db, { actor: user, ip }, { number: i.number, decisionId: i.decisionId, reason: i.reason }),
});
export const undo = caseForm("decisions", undoAction);

/**
 * The shared-number review queue's forms: official / the scammer's / reopen,
 * each with a reason; back to the queue tab the form was on.
 */
const sharedNumberAction = staffAction({
  name: "sharedNumberDecision",
  permission: "decide:matching:any",
  schema: z.object({
    locale: z.enum(routing.locales),
    id,
    decision: z.enum(["official", "scammer", "reopen"], "invalidChoice"),
    reason,
    label: z.string().trim().max(200, "tooLong").optional(),
  }),
  handler: (i, { user, ip, db }) =>
    decideSharedNumber(db, { actor: user, ip }, { id: i.id, decision: i.decision, reason: i.reason, label: i.label }),
});

export async function decideSharedNumberForm(fd: FormData) {
  const locale = formDataOf([fd]) ? formLocale(fd) : routing.defaultLocale;
  if (!formDataOf([fd])) redirect(`/${locale}/staff/shared-numbers`);
  const result = await sharedNumberAction(initialActionState as never, fd);
  const tab = fd.get("tab") === "decided" ? "decided" : fd.get("tab") === "released" ? "released" : "held";
  const anchor = String(fd.get("anchor") ?? "");
  const target = /^\d{1,10}$/.test(anchor) ? `#sn-${anchor}` : "";
  const q = outcomeQuery(result, { done: String(fd.get("decision") ?? "") }, { status: tab });
  redirect(`/${locale}/staff/shared-numbers?${q}${target}`);
}
