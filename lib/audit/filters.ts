/**
 * Audit log filters, parsed the same way from the audit page's query string and
 * the export route's. Pure: no database imports.
 */
import { z } from "zod";

// Control characters (NUL among them) match nothing and the database refuses NUL: dropped like other bad values.
const CONTROL = /[\u0000-\u001f\u007f]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v && v.length <= max && !CONTROL.test(v) ? v : undefined));

const day = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined));

export const auditFiltersSchema = z.object({
  /** Actor's email, exact (case-insensitive). */
  actor: text(254).transform((v) => v?.toLowerCase()),
  /** Action or a prefix of it: "user." matches every user action. */
  action: text(100),
  resourceType: text(100),
  resourceId: text(200),
  /** Calendar days in China time (UTC+8), inclusive. */
  from: day,
  to: day,
});

export type AuditFilters = Partial<z.output<typeof auditFiltersSchema>>;

/** From URLSearchParams or a Next.js searchParams object; unknown keys ignored, bad values dropped. */
export function parseAuditFilters(
  input: URLSearchParams | Record<string, string | string[] | undefined>,
): AuditFilters {
  const get = (k: string) => {
    const v = input instanceof URLSearchParams ? input.get(k) : input[k];
    return Array.isArray(v) ? v[0] : (v ?? undefined);
  };
  const raw = Object.fromEntries(Object.keys(auditFiltersSchema.shape).map((k) => [k, get(k)]));
  const parsed = auditFiltersSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

/** The filters as query parameters (for pagination and export links). */
export function auditFiltersToQuery(f: AuditFilters): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return q;
}
