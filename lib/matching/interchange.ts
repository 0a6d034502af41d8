import { parse as parseJson } from "lossless-json";
import { z } from "zod";
import { scamTypes as SCAM_TYPES, platformRoles as PLATFORM_ROLES } from "@/lib/vocab/choices";
import {
  amountMinor,
  currency,
  day,
  externalId,
  instant,
  isPlainObject,
  lenientArray,
  optionalObject,
  text,
} from "./interchange-fields";
import { CONTACT_KINDS, PAYEE_KINDS, type ContactKind, type PayeeKind } from "./types";

/**
 * Parsing the JSON Lines interchange format (see /work/shared/interchange/README.md).
 * Only externalId is required. Everything else is taken when usable and
 * dropped when missing or of the wrong type: a 110 call centre export with a
 * null phone or an amount typed as "4,000元" must still import. A value that
 * is there but wrong (2026-02-31, a NUL byte, currency "zzz") refuses its line
 * with the field named (interchange-fields.ts); one bad line never stops a file.
 */

export {
  scamTypes as SCAM_TYPES,
  platformRoles as PLATFORM_ROLES,
  type ScamType,
  type PlatformRole,
} from "@/lib/vocab/choices";

const oneOf = <T extends string>(values: readonly T[], fallback: T) =>
  z
    .preprocess((v) => {
      const s =
        typeof v === "string"
          ? v
              .trim()
              .toLowerCase()
              .replace(/[\s-]+/g, "_")
          : undefined;
      if (!s) return undefined;
      return (values as readonly string[]).includes(s) ? s : fallback;
    }, z.string().optional())
    .catch(undefined) as unknown as z.ZodType<T | undefined>;

const victim = optionalObject(z.object({ name: text(), phone: text(), province: text(), city: text() }));

const contact = z
  .object({ kind: oneOf(CONTACT_KINDS, "other"), value: text() })
  .transform((c) => (c.value === undefined ? undefined : { kind: (c.kind ?? "other") as ContactKind, value: c.value }));

const payee = optionalObject(
  z
    .object({ kind: oneOf(PAYEE_KINDS, "other"), value: text(), name: text(), bank: text() })
    .transform((p) => ({ ...p, kind: (p.kind ?? "other") as PayeeKind })),
);

const payment = z
  .object({ amount: amountMinor, currency, paidAt: instant, method: text(), payee })
  .transform(({ amount, ...rest }): typeof rest & { amountMinor?: bigint } =>
    amount === undefined ? rest : { amountMinor: amount, ...rest },
  );

const platform = z
  .preprocess(
    (v) => (typeof v === "string" ? { name: v } : v),
    z.object({ name: text(), role: oneOf(PLATFORM_ROLES, "other") }),
  )
  .transform((p) => (p.name === undefined ? undefined : { name: p.name, ...(p.role ? { role: p.role } : {}) }));

const report = z.object({
  externalId,
  submittedAt: instant,
  incidentDate: day,
  scamType: oneOf(SCAM_TYPES, "other"),
  victim,
  narrative: text("multiline"),
  contacts: lenientArray(contact),
  payments: lenientArray(payment),
  platforms: lenientArray(platform),
});

export type InterchangeReport = z.infer<typeof report>;
export type InterchangeContact = InterchangeReport["contacts"][number];
export type InterchangePayment = InterchangeReport["payments"][number];

export type ParsedLine = { ok: true; report: InterchangeReport } | { ok: false; error: string };

/** Parses one line; `lineNumber` (1-based) prefixes the error message when given. */
export function parseInterchangeLine(line: string, lineNumber?: number): ParsedLine {
  const where = lineNumber === undefined ? "" : `line ${lineNumber}: `;
  let json: unknown;
  try {
    // Numbers keep their source text: 4000.1 must not become 4000.0999….
    json = parseJson(line.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, error: `${where}invalid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!isPlainObject(json)) {
    return { ok: false, error: `${where}expected a JSON object` };
  }
  const r = report.safeParse(json);
  if (!r.success) {
    const problems = r.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
    return { ok: false, error: `${where}${problems.join("; ") || "invalid report"}` };
  }
  return { ok: true, report: r.data };
}

export interface ParsedFile {
  reports: InterchangeReport[];
  errors: { line: number; error: string }[];
}

/** Parses a whole JSONL text; blank lines are skipped, bad lines reported and skipped. */
export function parseInterchangeJsonl(content: string): ParsedFile {
  const reports: InterchangeReport[] = [];
  const errors: ParsedFile["errors"] = [];
  const lines = content.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    if (line.trim() === "") continue;
    const r = parseInterchangeLine(line, k + 1);
    if (r.ok) reports.push(r.report);
    else errors.push({ line: k + 1, error: r.error });
  }
  return { reports, errors };
}
