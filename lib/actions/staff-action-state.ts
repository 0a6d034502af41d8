/**
 * What staff actions return to `useActionState`, and the helpers both sides
 * use. Pure: imported by client form components as well as the server.
 */
export interface StaffActionState<D = unknown> {
  /** Increases with every answer; forms use it as a key to re-mount with `values`. */
  seq: number;
  status: "idle" | "ok" | "error";
  /** On error: key under errors.* for the form as a whole. */
  code?: string;
  /** With code "unexpected": the id logged with the error. */
  errorId?: string;
  /** ICU parameters of the form-level message. */
  params?: Record<string, string | number>;
  /** Field name → key under errors.*. */
  fieldErrors?: Record<string, string>;
  /** On error: what was typed (never passwords), to fill the form again. */
  values?: Record<string, string>;
  /** On success: the handler's result. */
  data?: D;
}

export const initialActionState: StaffActionState<never> = { seq: 0, status: "idle" };

/** Text fields of a form; Next's own $ACTION_* fields are dropped. */
export function formDataToObject(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION") || typeof v !== "string") continue;
    out[k] ??= v;
  }
  return out;
}

/** A zod error of either flavour (zod or zod/mini). */
export interface IssueList {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/** First error code per field path ("payments.1.amount"); codes are the schema's messages (errors.* keys). */
export function fieldErrorsOf(error: IssueList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    const code = issue.message && /^[a-zA-Z]+$/.test(issue.message) ? issue.message : "invalid";
    out[key] ??= code;
  }
  return out;
}
