"use server";
import { z } from "zod";
import { mutation } from "@/lib/actions/mutation";
import { staffAction } from "@/lib/actions/staff-action";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseCaseNumber } from "@/lib/cases";
import { caseForm } from "@/lib/cases/forms";
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

/** Posted by the case page's bulletin form; back to its bulletins section as every case form goes back (lib/cases/forms.ts). */
export const postBulletinForm = caseForm("bulletins", bulletinAction);

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
