"use server";
import { cleanInput } from "@/lib/actions/clean-input";
import { formDataOf, mutation } from "@/lib/actions/mutation";
import { env } from "@/lib/env";
import { AppError, RateLimitedError } from "@/lib/errors";
import { emptyReportValues, parseReportFormData, type ReportFormValues, type RowIndex } from "@/lib/reports/form-data";
import { initialReportState, MIN_ROWS, type ReportFormState } from "@/lib/reports/form-state";
import { reportFormSchema } from "@/lib/reports/schema";
import { EvidenceError, recordAbuse, submitReport } from "@/lib/reports/service";
import { routing } from "@/i18n/routing";

type Lists = "contacts" | "payments" | "platforms";
const LISTS: Lists[] = ["contacts", "payments", "platforms"];

function editing(
  prev: ReportFormState,
  values: ReportFormValues,
  extra: Partial<Extract<ReportFormState, { status: "editing" }>> = {},
): ReportFormState {
  const prevRows = prev.status === "editing" ? prev.rows : MIN_ROWS;
  const rows: Record<Lists, number> = { ...MIN_ROWS };
  for (const l of LISTS) rows[l] = Math.max(MIN_ROWS[l], values[l].length, Math.min(prevRows[l], 40));
  return {
    status: "editing",
    version: (prev.status === "editing" ? prev.version : 0) + 1,
    values,
    rows,
    errors: {},
    ...extra,
  };
}

/** Without JavaScript, "add row" and "remove row" are submit buttons. */
function applyRowIntent(intent: string, prev: ReportFormState, values: ReportFormValues, index: RowIndex) {
  const [op, list, pos] = intent.split(":") as [string, Lists, string | undefined];
  if (!LISTS.includes(list)) return null;
  const base = editing(prev, values);
  if (base.status !== "editing") return null;
  if (op === "add") base.rows[list] = Math.min(base.rows[list] + 1, 40);
  if (op === "remove") {
    const k = index[list].indexOf(Number(pos));
    if (k >= 0) (values[list] as unknown[]).splice(k, 1);
    base.rows[list] = Math.max(MIN_ROWS[list], base.rows[list] - 1, values[list].length);
  }
  return base;
}

const submit = mutation({
  name: "submitReport",
  access: "public",
  schema: reportFormSchema,
  read: (fd) => parseReportFormData(fd).values,
  // Only the narrative is several lines; names, numbers and accounts are one.
  text: { multiline: ["narrative"] },
  screen: async (fd, { ip }) => {
    // The honeypot: people never see it, bots fill every field.
    if (String(fd.get("website") ?? "") !== "") {
      await recordAbuse(ip);
      throw new RateLimitedError();
    }
  },
  handler: async (values, { ip, fd }) => {
    const token = String(fd.get("token") ?? "");
    if (!/^[0-9a-f-]{36}$/.test(token)) throw new AppError("invalid", 400);
    return submitReport({ values, files: filesOf(fd), token, locale: localeOf(fd), ip });
  },
});

function localeOf(fd: FormData): string {
  const field = String(fd.get("locale") ?? "");
  return (routing.locales as readonly string[]).includes(field) ? field : routing.defaultLocale;
}

function filesOf(fd: FormData): File[] {
  return fd.getAll("evidence").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f);
}

/** What a crafted call may send as the previous state is not trusted. */
function previous(prev: unknown): ReportFormState {
  const p = prev as Partial<Extract<ReportFormState, { status: "editing" }>> | null;
  return p?.status === "editing" && Number.isSafeInteger(p.version) && typeof p.rows === "object" && p.rows
    ? (p as ReportFormState)
    : initialReportState;
}

export async function submitReportAction(prevState: ReportFormState, form: FormData): Promise<ReportFormState> {
  const fd = formDataOf([prevState, form]);
  const prev = previous((fd as unknown) === prevState ? undefined : prevState);
  if (!fd) return editing(prev, emptyReportValues(), { formError: { code: "badRequest" } });
  const intent = String(fd.get("intent") ?? "submit");
  if (intent !== "submit") {
    const { values, index } = parseReportFormData(fd);
    const next = applyRowIntent(
      intent,
      prev,
      cleanInput(values, { multiline: ["narrative"] }).value as ReportFormValues,
      index,
    );
    if (next) return next;
  }
  const hadFiles = filesOf(fd).some((f) => f.size > 0);
  const outcome = await submit(prevState, fd);
  switch (outcome.status) {
    case "ok":
      return outcome.data.kind === "created"
        ? { status: "created", reference: outcome.data.reference, pin: outcome.data.pin }
        : { status: "duplicate", reference: outcome.data.reference };
    case "malformed":
      return editing(prev, emptyReportValues(), { formError: { code: "badRequest" } });
    case "invalid":
      return editing(prev, outcome.values as ReportFormValues, { errors: outcome.fieldErrors, filesDropped: hadFiles });
    case "failed": {
      const { failure } = outcome;
      const values = outcome.values as ReportFormValues;
      const { MAX_EVIDENCE_FILES: maxFiles, MAX_EVIDENCE_MB: maxMb } = env();
      if (failure.error instanceof EvidenceError) {
        return editing(prev, values, {
          errors: { evidence: failure.code },
          errorParams: { evidence: { file: failure.error.fileName ?? "", maxFiles, maxMb } },
          filesDropped: true,
        });
      }
      return editing(prev, values, {
        formError: { code: failure.code, params: { errorId: failure.errorId ?? "", maxFiles, maxMb } },
        filesDropped: hadFiles,
      });
    }
  }
}
