import { z } from "zod";
import { scamTypes as SCAM_TYPES, platformRoles as PLATFORM_ROLES } from "@/lib/vocab/choices";
import { CONTACT_KINDS, PAYEE_KINDS, type ContactKind, type PayeeKind } from "./types";

/**
 * Parsing the JSON Lines interchange format (see /work/shared/interchange/README.md).
 * Only externalId is required. Everything else is taken when usable and
 * dropped when not: a 110 call centre export with a null phone or an amount
 * typed as "4,000元" must still import, and one bad line must not stop a file.
 */

export {
  scamTypes as SCAM_TYPES,
  platformRoles as PLATFORM_ROLES,
  type ScamType,
  type PlatformRole,
} from "@/lib/vocab/choices";

const toText = (v: unknown): unknown => {
  if (typeof v === "number" && Number.isFinite(v)) return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === "string") return v.trim() === "" ? undefined : v.trim();
  return undefined;
};
const text = z.preprocess(toText, z.string().optional()).catch(undefined);

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

/** "4,000.00", "¥4000", "4000元", 4000 -> 4000; anything else -> undefined. */
const amount = z
  .preprocess((v) => {
    if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
    if (typeof v !== "string") return undefined;
    const s = v.normalize("NFKC").replace(/[,\s]|¥|￥|元|rmb|cny/gi, "");
    return /^-?\d+(?:\.\d+)?$/.test(s) ? Number(s) : undefined;
  }, z.number().optional())
  .catch(undefined);

/** Arrays whose bad elements are dropped rather than failing the report. */
const lenientArray = <T>(item: z.ZodType<T>) =>
  z
    .preprocess((v) => (Array.isArray(v) ? v : []), z.array(z.unknown()))
    .transform((items) => {
      const out: Exclude<T, undefined>[] = [];
      for (const it of items) {
        const r = item.safeParse(it);
        if (r.success && r.data !== undefined) out.push(r.data as Exclude<T, undefined>);
      }
      return out;
    });

const victim = z.object({ name: text, phone: text, province: text, city: text }).optional().catch(undefined);

const contact = z
  .object({ kind: oneOf(CONTACT_KINDS, "other"), value: text })
  .transform((c) => (c.value === undefined ? undefined : { kind: (c.kind ?? "other") as ContactKind, value: c.value }));

const payee = z
  .object({ kind: oneOf(PAYEE_KINDS, "other"), value: text, name: text, bank: text })
  .transform((p) => ({ ...p, kind: (p.kind ?? "other") as PayeeKind }))
  .optional()
  .catch(undefined);

const payment = z.object({
  amount,
  currency: z
    .preprocess(
      (v) => (typeof v === "string" && /^[a-z]{3}$/i.test(v.trim()) ? v.trim().toUpperCase() : undefined),
      z.string().optional(),
    )
    .catch(undefined),
  paidAt: text,
  method: text,
  payee,
});

const platform = z
  .preprocess(
    (v) => (typeof v === "string" ? { name: v } : v),
    z.object({ name: text, role: oneOf(PLATFORM_ROLES, "other") }),
  )
  .transform((p) => (p.name === undefined ? undefined : { name: p.name, ...(p.role ? { role: p.role } : {}) }));

const report = z.object({
  externalId: z.preprocess(
    toText,
    z.string({ error: "externalId is required" }).max(200, "externalId is longer than 200 characters"),
  ),
  submittedAt: text,
  incidentDate: text,
  scamType: oneOf(SCAM_TYPES, "other"),
  victim,
  narrative: text,
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
    json = JSON.parse(line.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, error: `${where}invalid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { ok: false, error: `${where}expected a JSON object` };
  }
  const r = report.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return { ok: false, error: `${where}${path}${issue?.message ?? "invalid report"}` };
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
