/**
 * Paths that name no page but would break routing: next-intl rewrites a
 * request to its *decoded* path, and a path that decodes to a "%" or a
 * control character (`/en/staff/cases/%25`, `%00`) or does not decode at all
 * (`%E0%A4%A`) becomes an invalid URL, and Next answers 500. The proxy sends
 * such requests to a path that exists nowhere, so they get the usual 404 page.
 */
const UNSAFE = /[%\u0000-\u001f\u007f]/;

export function unroutablePath(pathname: string): boolean {
  try {
    return UNSAFE.test(decodeURIComponent(pathname));
  } catch {
    return true;
  }
}

/** Where the proxy sends an unroutable path: no route matches it, so the not-found page answers (404). */
export const NOWHERE = "/-/not-found";
