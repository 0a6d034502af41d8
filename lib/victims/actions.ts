"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formDataOf, mutation } from "@/lib/actions/mutation";
import { staffAction, initialActionState, type StaffActionState } from "@/lib/actions/staff-action";
import { getCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { currentNumber, parseCaseNumber } from "@/lib/cases";
import { casePageAfterPost } from "@/lib/cases/forms";
import { EvidenceError } from "@/lib/reports/service";
import { routing } from "@/i18n/routing";
import { postBulletin } from "./bulletins";
import { BULLETIN_MAX_CHARS } from "./bulletin-text";
import { configuredAdditionSchema } from "./addition-limits";
import { addToReport } from "./additions";
import { additionValuesFromFormData, type AdditionFormValues } from "./addition-schema";
import type { AddInformationState } from "./addition-state";
import { currentStatusReport } from "./status-session";

// ——— Case bulletins (case page: components/victims/case-bulletins.tsx) ———

/** The form's language, or the default one for anything else. */
function localeOf(fd: FormData): string {
  const raw = fd.get("locale");
  return typeof raw === "string" && (routing.locales as readonly string[]).includes(raw) ? raw : routing.defaultLocale;
}

const bulletinSchema = z
  .object({
    locale: z.enum(routing.locales),
    number: z
      .string()
      .max(40)
      .transform((v, c) => parseCaseNumber(v) ?? (c.addIssue({ code: "custom", message: "caseNotFound" }), z.NEVER)),
    bodyZh: z.string().max(BULLETIN_MAX_CHARS, "tooLong"),
    bodyEn: z.string().max(BULLETIN_MAX_CHARS, "tooLong"),
  })
  // One language is enough (victims get the other with a note); none is nothing to post.
  .refine((v) => v.bodyZh.trim() !== "" || v.bodyEn.trim() !== "", { message: "required", path: ["bodyZh"] });

const bulletinAction = staffAction({
  name: "caseBulletin",
  permission: "write:case:any",
  schema: bulletinSchema,
  handler: (i, { user, ip, db }) =>
    postBulletin(db, { actor: user, ip }, { caseNumber: i.number, bodyZh: i.bodyZh, bodyEn: i.bodyEn }),
});

/**
 * Back to the case page's bulletins section with the case page's outcome
 * banner (as lib/cases/actions.ts does), under the case's current number.
 */
async function backToBulletins<D>(fd: FormData, result: StaffActionState<D>): Promise<never> {
  const locale = localeOf(fd);
  const asked = parseCaseNumber(fd.get("number"));
  if (!asked) redirect(`/${locale}/staff/cases?error=notFound`);
  const user = await getCurrentUser();
  const number =
    (user ? await currentNumber(await db(), { actor: user }, { number: asked }).catch(() => null) : null) ?? asked;
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
  redirect(await casePageAfterPost(locale, number, q, "bulletins"));
}

export async function postBulletinForm(fd: FormData) {
  // A crafted call without a form names no case: back to the board.
  if (!formDataOf([fd])) redirect(`/${routing.defaultLocale}/staff/cases`);
  return backToBulletins(fd, await bulletinAction(initialActionState as StaffActionState<{ id: number }>, fd));
}

// ——— Adding to a report (status page: components/victims/add-information-form.tsx) ———

/** Not signed in to a report on the status page (or the sign-in ran out). */
class StatusSignedOutError extends AppError {
  constructor() {
    super("statusSignedOut", 401);
  }
}

function filesOf(fd: FormData): File[] {
  return fd.getAll("evidence").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f);
}

const addInformation = mutation({
  name: "addInformation",
  access: "public",
  schema: configuredAdditionSchema,
  read: additionValuesFromFormData,
  // Numbers, accounts and names are one line each.
  text: { multiline: [] },
  // The report is the one the visitor is signed in to, never a form field: without that, nothing runs.
  screen: async () => {
    if (!(await currentStatusReport())) throw new StatusSignedOutError();
  },
  handler: async (input, { ip, db, fd }) => {
    const report = await currentStatusReport();
    if (!report) throw new StatusSignedOutError();
    return addToReport(db, { actor: null, ip }, { reportId: report.reportId, input, files: filesOf(fd) });
  },
});

/** The status page's "add information" form (useActionState; works without JavaScript). */
export async function addInformationForm(prev: AddInformationState, form: FormData): Promise<AddInformationState> {
  const seq = (typeof prev?.seq === "number" && Number.isSafeInteger(prev.seq) ? prev.seq : 0) + 1;
  const outcome = await addInformation(prev, form);
  const values = (o: { values: unknown }) => o.values as AdditionFormValues;
  switch (outcome.status) {
    case "ok":
      return { seq, status: "added", addedAt: outcome.data.createdAt.toISOString() };
    case "malformed":
      return { seq, status: "error", code: "badRequest" };
    case "invalid":
      return { seq, status: "error", code: "checkFields", fieldErrors: outcome.fieldErrors, values: values(outcome) };
    case "failed": {
      const { failure } = outcome;
      const { MAX_EVIDENCE_FILES: maxFiles, MAX_EVIDENCE_MB: maxMb } = env();
      const file = failure.error instanceof EvidenceError ? (failure.error.fileName ?? "") : "";
      return {
        seq,
        status: "error",
        code: failure.code,
        params: { errorId: failure.errorId ?? "", maxFiles, maxMb, file },
        values: values(outcome),
      };
    }
  }
}
