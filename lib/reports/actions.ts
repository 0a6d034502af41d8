"use server";
import { headers } from "next/headers";
import { guard } from "@/lib/actions/guard";
import { clientIpFrom } from "@/lib/http/client-ip";
import { env } from "@/lib/env";
import { parseReportFormData, type ReportFormValues, type RowIndex } from "@/lib/reports/form-data";
import { MIN_ROWS, type ReportFormState } from "@/lib/reports/form-state";
import { fieldErrorsOf, reportFormSchema } from "@/lib/reports/schema";
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

export async function submitReportAction(prev: ReportFormState, fd: FormData): Promise<ReportFormState> {
  const { values, index } = parseReportFormData(fd);
  const intent = String(fd.get("intent") ?? "submit");
  if (intent !== "submit") {
    const next = applyRowIntent(intent, prev, values, index);
    if (next) return next;
  }
  const localeField = String(fd.get("locale") ?? "");
  const locale = (routing.locales as readonly string[]).includes(localeField) ? localeField : routing.defaultLocale;
  const files = fd
    .getAll("evidence")
    .filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f);
  const hadFiles = files.some((f) => f.size > 0);
  const ip = clientIpFrom(await headers());

  return guard(
    "submitReport",
    async () => {
      if (String(fd.get("website") ?? "") !== "") {
        await recordAbuse(ip);
        return editing(prev, values, { formError: { code: "rateLimited" } });
      }
      const parsed = reportFormSchema.safeParse(values);
      if (!parsed.success) {
        return editing(prev, values, { errors: fieldErrorsOf(parsed.error), filesDropped: hadFiles });
      }
      const token = String(fd.get("token") ?? "");
      if (!/^[0-9a-f-]{36}$/.test(token)) return editing(prev, values, { formError: { code: "invalid" } });
      const result = await submitReport({ values: parsed.data, files, token, locale, ip });
      return result.kind === "created"
        ? { status: "created", reference: result.reference, pin: result.pin }
        : { status: "duplicate", reference: result.reference };
    },
    (failure) => {
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
    },
  );
}
