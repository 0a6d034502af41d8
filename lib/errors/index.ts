import { DATABASE_UNAVAILABLE_DIGEST } from "./digest";

/**
 * Typed application errors. `code` is a translation key under "errors.*";
 * users see that message, never internals. Anything else is logged with an id.
 */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "AppError";
  }
}

export class NotFoundError extends AppError {
  constructor(what = "resource") {
    super("notFound", 404, `${what} not found`);
  }
}

/** No valid session: pages send the user to sign in, route handlers answer 401. */
export class UnauthenticatedError extends AppError {
  constructor() {
    super("unauthenticated", 401);
  }
}

export class ForbiddenError extends AppError {
  constructor() {
    super("forbidden", 403);
  }
}

export class RateLimitedError extends AppError {
  constructor() {
    super("rateLimited", 429);
  }
}

/**
 * The database could not be reached (down, restarting, refusing connections):
 * the request may succeed if tried again shortly. Pages answer 503 with the
 * "please try again" page, actions and routes with a 503 and the same message
 * (lib/db/unavailable.ts decides which driver errors are this).
 */
export class DatabaseUnavailableError extends AppError {
  /** Next.js passes a thrown error's digest to the error page as is: it names the request (app/[locale]/error.tsx). */
  readonly digest: string;
  constructor(requestId?: string) {
    super("databaseUnavailable", 503, "database unavailable");
    this.name = "DatabaseUnavailableError";
    this.digest = `${DATABASE_UNAVAILABLE_DIGEST}${requestId ?? ""}`;
  }
}
