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
