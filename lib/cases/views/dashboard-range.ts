/** The dashboard's date range from the query string, and real calendar days. Pure (client-safe). */

export interface DashboardRange {
  /** Inclusive, YYYY-MM-DD. */
  from?: string;
  /** Inclusive, YYYY-MM-DD. */
  to?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day from 1900 on as YYYY-MM-DD, or undefined ("2026-02-31" is not one). */
export function parseDay(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  const m = DAY.exec(v.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return m[0];
}

/** The range from a page's search params: invalid days are dropped, a reversed range is swapped. */
export function parseDashboardRange(sp: Record<string, string | string[] | undefined>): DashboardRange {
  let from = parseDay(sp.from);
  let to = parseDay(sp.to);
  if (from && to && from > to) [from, to] = [to, from];
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
