import "server-only";
import { routing } from "@/i18n/routing";
import type { StaffActionState } from "./staff-action-state";

/**
 * What a plain (no-JavaScript) form's action needs to send the browser back
 * to its page with the outcome in the query string, which the page shows in
 * a status or alert region.
 */

/** The form's language, or the default one for anything else. */
export function formLocale(fd: FormData): string {
  const raw = fd.get("locale");
  return typeof raw === "string" && (routing.locales as readonly string[]).includes(raw) ? raw : routing.defaultLocale;
}

/**
 * `?at=…` plus, on success, `ok` (default `done=…`), else `error`, the first
 * field error and the error id. `at` is a fresh value each time, so the
 * browser never treats the answer as "same page, new hash".
 */
export function outcomeQuery<D>(
  result: StaffActionState<D>,
  ok?: Record<string, string>,
  base: Record<string, string> = {},
): URLSearchParams {
  const at = Date.now().toString(36);
  if (result.status === "ok") return new URLSearchParams({ ...base, at, ...(ok ?? { done: at }) });
  const field = result.fieldErrors ? Object.values(result.fieldErrors)[0] : undefined;
  return new URLSearchParams({
    ...base,
    at,
    error: result.code ?? "invalid",
    ...(field ? { field } : {}),
    ...(result.errorId ? { errorId: result.errorId } : {}),
  });
}
