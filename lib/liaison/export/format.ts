/**
 * What every export file shares: labels in the export's language, yuan from
 * integer fen without floats, China time, and the redaction filter.
 * Pure: no Next.js, Prisma or file access.
 */
import { createTranslator } from "use-intl/core";
import { formatMinor } from "@/lib/vocab/money";
import { catalogues } from "@/messages";
import type { DisclosureField, ExportLocale, RequestExportData, RequestExportVictim } from "./types";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A translator over the whole catalogue: "liaisonExports.*" for the export's
 * own words, plus the base catalogue's names for identifier kinds, case
 * statuses and scam types (the same words the staff pages use).
 */
export function translator(locale: ExportLocale): { t: Translate; label: (path: string, key: string) => string } {
  const messages = catalogues[locale] as unknown as Record<string, unknown>;
  const translate = createTranslator({ locale, messages }) as unknown as Translate;
  const t: Translate = (key, values) => translate(`liaisonExports.${key}`, values);
  /** A label from a dictionary in the catalogue, or the key itself when it has none (free-text values). */
  const label = (path: string, key: string) => {
    let node: unknown = messages;
    for (const part of [...path.split("."), key]) {
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
    }
    return typeof node === "string" ? node : key;
  };
  return { t, label };
}

/** 3800050n → "38000.50": yuan with two decimals, for spreadsheets (no grouping, no symbol). */
export function yuan(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  return `${negative ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** 3800000n → "¥38,000.00" (zh-CN) / "CN¥38,000.00" (en), for people. */
export function money(minor: bigint, locale: ExportLocale, currency = "CNY"): string {
  return formatMinor(minor, currency, locale);
}

const CHINA_OFFSET_MS = 8 * 3600_000; // China has no daylight saving time

function chinaParts(d: Date) {
  const s = new Date(d.getTime() + CHINA_OFFSET_MS).toISOString();
  return { day: s.slice(0, 10), time: s.slice(11, 16) };
}

/** "2026-05-25 15:10" in China time; "" for no date. */
export function chinaDateTime(d: Date | null): string {
  if (!d) return "";
  const { day, time } = chinaParts(d);
  return `${day} ${time}`;
}

/** "2026-05-25" in China time; "" for no date. */
export function chinaDate(d: Date | null): string {
  return d ? chinaParts(d).day : "";
}

/** The fields the investigator disclosed for this request, each once, in a fixed order. */
export function disclosedFields(data: Pick<RequestExportData, "disclosures">): DisclosureField[] {
  const named = new Set(data.disclosures.map((d) => d.field));
  return (["victimNames", "victimPhones", "narratives"] as const).filter((f) => named.has(f));
}

const FIELD_KEY = { victimNames: "name", victimPhones: "phone", narratives: "narrative" } as const;

/**
 * The victims as they may leave: only the disclosed personal fields, whatever
 * the caller passed in. No victim list at all when nothing personal was
 * disclosed (the per-identifier totals already say what the organisation needs).
 */
export function redactedVictims(data: Pick<RequestExportData, "disclosures" | "victims">): RequestExportVictim[] {
  const fields = disclosedFields(data);
  if (fields.length === 0) return [];
  return data.victims.map((v) => {
    const out: RequestExportVictim = { reference: v.reference, paidMinor: v.paidMinor, firstPaidAt: v.firstPaidAt };
    for (const f of fields) out[FIELD_KEY[f]] = v[FIELD_KEY[f]] ?? "";
    return out;
  });
}

/** "Q-2026-000123" + "csv" → "Q-2026-000123-<export id>.csv": safe in a Content-Disposition header. */
export function exportFilename(number: string, exportId: string, ext: string): string {
  return `${number}-${exportId}.${ext}`.replace(/[^A-Za-z0-9._-]/g, "_");
}
