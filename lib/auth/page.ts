import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { requireUser, type CurrentUser } from "./current-user";
import { loginPath } from "./paths";
import type { Permission } from "./permissions";

/**
 * Runs a page's data function and turns authorization errors into what the
 * browser should get: sign-in page (with a way back), 403, or 404.
 * `path` is the page's own path after the locale, e.g. "/staff/admin/users".
 */
export async function pageData<T>(locale: string, path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UnauthenticatedError) redirect(loginPath(locale, `/${locale}${path}`));
    if (e instanceof ForbiddenError) forbidden();
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}

/** The signed-in user holding `permission`, for a page; see pageData for the error mapping. */
export function pageUser(locale: string, path: string, permission?: Permission): Promise<CurrentUser> {
  return pageData(locale, path, () => requireUser(permission));
}
