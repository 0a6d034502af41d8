"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction, initialActionState, type StaffActionState } from "@/lib/actions/staff-action";
import { caseStatuses } from "@/lib/cases/board-filters";
import { addNote, assignCase, currentNumber, decideForCase, setStatus, undoDecision } from "@/lib/cases/workflow";
import { routing } from "@/i18n/routing";

/**
 * The case page's forms post here (they work without JavaScript); each action
 * goes through staffAction (session, permission, schema, error mapping) and
 * then back to the case page — under its current number, which a merge may
 * have changed — with the outcome in the query string.
 */
const id = z.coerce.number().int().positive();
const reason = z.string().trim().min(1, "reasonRequired").max(1000, "tooLong");
const base = z.object({ locale: z.enum(routing.locales), number: z.string().min(1).max(40), caseId: id });

async function back<D>(fd: FormData, result: StaffActionState<D>, anchor: string) {
  const locale = (routing.locales as readonly string[]).includes(String(fd.get("locale")))
    ? String(fd.get("locale"))
    : routing.defaultLocale;
  const asked = String(fd.get("number") ?? "");
  const { db } = await import("@/lib/db");
  const number = (await currentNumber(await db(), asked)) ?? asked;
  // A fresh value each time, so the browser never treats the answer as "same page, new hash".
  const q =
    result.status === "ok"
      ? `done=${Date.now().toString(36)}`
      : `at=${Date.now().toString(36)}&error=${encodeURIComponent(result.code ?? "invalid")}${result.fieldErrors ? `&field=${encodeURIComponent(Object.values(result.fieldErrors)[0] ?? "")}` : ""}${result.errorId ? `&errorId=${result.errorId}` : ""}`;
  redirect(`/${locale}/staff/cases/${encodeURIComponent(number)}?${q}#${anchor}`);
}

function form<D>(anchor: string, action: (prev: StaffActionState<D>, fd: FormData) => Promise<StaffActionState<D>>) {
  return async (fd: FormData) => back(fd, await action(initialActionState as StaffActionState<D>, fd), anchor);
}

const statusAction = staffAction({
  name: "caseStatus",
  permission: "write:case:any",
  schema: base.extend({ status: z.enum(caseStatuses, "invalidChoice") }),
  handler: (i, { user, ip, db }) => setStatus(db, { actor: user, ip }, i.caseId, i.status),
});
export const changeStatus = form("workflow", statusAction);

const assignAction = staffAction({
  name: "caseAssign",
  permission: "write:case:any",
  schema: base.extend({ assigneeId: z.string().max(64) }),
  handler: (i, { user, ip, db }) => assignCase(db, { actor: user, ip }, i.caseId, i.assigneeId || null),
});
export const assign = form("workflow", assignAction);

const noteAction = staffAction({
  name: "caseNote",
  permission: "write:case:any",
  schema: base.extend({ body: z.string().trim().min(1, "required").max(5000, "tooLong") }),
  handler: (i, { user, ip, db }) => addNote(db, { actor: user, ip }, i.caseId, i.body),
});
export const note = form("notes", noteAction);

const mergeAction = staffAction({
  name: "caseMerge",
  permission: "decide:matching:any",
  schema: base.extend({ other: z.string().trim().min(1, "required").max(40), reason }),
  handler: async (i, { user, ip, db }) => {
    const { resolveCaseNumber } = await import("@/lib/cases/lookup");
    const other = await resolveCaseNumber(db, i.other);
    const { WorkflowError } = await import("@/lib/cases/workflow");
    if (!other) throw new WorkflowError("caseNotFound");
    return decideForCase(
      db,
      { actor: user, ip },
      { type: "merge_cases", caseA: i.caseId, caseB: other.caseId },
      i.reason,
    );
  },
});
export const merge = form("decisions", mergeAction);

const splitAction = staffAction({
  name: "caseSplit",
  permission: "decide:matching:any",
  // Checkboxes arrive as split.<reportId>=on; formDataToObject keeps them as keys.
  schema: z.looseObject({ ...base.shape, reason }),
  handler: (i, { user, ip, db }) => {
    const reportIds = Object.keys(i).flatMap((k) => (/^split\.\d+$/.test(k) ? [Number(k.slice(6))] : []));
    return decideForCase(db, { actor: user, ip }, { type: "split_case", caseId: i.caseId, reportIds }, i.reason);
  },
});
export const split = form("reports", splitAction);

const detachAction = staffAction({
  name: "caseDetach",
  permission: "decide:matching:any",
  schema: base.extend({ reportId: id, reason }),
  handler: (i, { user, ip, db }) =>
    decideForCase(db, { actor: user, ip }, { type: "detach_report", reportId: i.reportId }, i.reason),
});
export const detach = form("reports", detachAction);

const noLinkPairAction = staffAction({
  name: "caseNoLinkReports",
  permission: "decide:matching:any",
  schema: base.extend({ a: id, b: id, reason }),
  handler: (i, { user, ip, db }) =>
    decideForCase(db, { actor: user, ip }, { type: "no_link_reports", a: i.a, b: i.b }, i.reason),
});
export const noLinkReports = form("decisions", noLinkPairAction);

const noLinkIdentifierAction = staffAction({
  name: "caseNoLinkIdentifier",
  permission: "decide:matching:any",
  schema: base.extend({ identifierId: id, reason }),
  handler: (i, { user, ip, db }) =>
    decideForCase(db, { actor: user, ip }, { type: "no_link_identifier", identifierId: i.identifierId }, i.reason),
});
export const noLinkIdentifier = form("identifiers", noLinkIdentifierAction);

const undoAction = staffAction({
  name: "caseUndoDecision",
  permission: "decide:matching:any",
  schema: base.extend({ decisionId: id, reason }),
  handler: (i, { user, ip, db }) => undoDecision(db, { actor: user, ip }, i.decisionId, i.reason),
});
export const undo = form("decisions", undoAction);
