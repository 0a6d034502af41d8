import { emptyReportValues, type ReportFormValues } from "./form-data";
import type { FieldErrors } from "./schema";

/** What the report action returns; rendered the same with or without JavaScript. */
export type ReportFormState =
  | {
      status: "editing";
      /** Changes whenever the server answers, so the form re-mounts with these values. */
      version: number;
      values: ReportFormValues;
      rows: { contacts: number; payments: number; platforms: number };
      errors: FieldErrors;
      /** ICU parameters for field errors that need them (file name, limits). */
      errorParams?: Record<string, Record<string, string | number>>;
      /** Translation key under errors.* for problems not tied to a field. */
      formError?: { code: string; params?: Record<string, string | number> };
      /** Files were attached but not kept because the form had errors. */
      filesDropped?: boolean;
    }
  | { status: "created"; reference: string; pin: string }
  | { status: "duplicate"; reference: string };

export const MIN_ROWS = { contacts: 2, payments: 1, platforms: 1 } as const;

export const initialReportState: ReportFormState = {
  status: "editing",
  version: 0,
  values: emptyReportValues(),
  rows: { ...MIN_ROWS },
  errors: {},
};
