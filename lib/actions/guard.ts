import "server-only";
import { AppError } from "@/lib/errors";
import { isDatabaseUnavailable, asDatabaseError } from "@/lib/db/unavailable";
import { log, logError } from "@/lib/log";

export interface ActionFailure {
  /** Translation key under errors.* */
  code: string;
  status: number;
  errorId?: string;
  error?: unknown;
}

/**
 * The one error boundary for mutations: typed app errors become their
 * translated code; anything else is logged with an id the user can quote.
 */
export async function guard<T>(
  context: string,
  fn: () => Promise<T>,
  onError: (failure: ActionFailure) => T | Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isNextControlFlow(e)) throw e;
    if (isDatabaseUnavailable(e)) {
      // Not a bug: the database is down or restarting. Nothing was saved; the user may simply try again.
      log("warn", "database unavailable", { context });
      return onError({ code: "databaseUnavailable", status: 503, error: asDatabaseError(e) });
    }
    if (e instanceof AppError) return onError({ code: e.code, status: e.status, error: e });
    const errorId = logError(e, { context });
    return onError({ code: "unexpected", status: 500, errorId, error: e });
  }
}

// redirect()/notFound() work by throwing; they must pass through.
function isNextControlFlow(e: unknown): boolean {
  const digest = (e as { digest?: unknown })?.digest;
  return (
    typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"))
  );
}
