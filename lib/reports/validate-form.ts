import { errorsToFormRows, parseReportFormData } from "./form-data";
import { fieldErrorsOf, reportFormSchema, type FieldErrors } from "./schema";

/**
 * The browser's check before sending: the same schema as the server, plus the
 * evidence limits it can see. Loaded on demand so the schema library is not
 * part of the form page's first load.
 */
export function validateReportFormData(fd: FormData, limits: { maxFiles: number; maxMb: number }): FieldErrors {
  const { values, index } = parseReportFormData(fd);
  const parsed = reportFormSchema.safeParse(values);
  const found: FieldErrors = parsed.success ? {} : errorsToFormRows(fieldErrorsOf(parsed.error), index);
  const files = fd.getAll("evidence").filter((f): f is File => typeof f === "object" && f !== null && f.size > 0);
  if (files.length > limits.maxFiles) found.evidence = "tooManyFiles";
  else if (files.some((f) => f.size > limits.maxMb * 1024 * 1024)) found.evidence = "fileTooLarge";
  return found;
}
