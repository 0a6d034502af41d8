import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { CanonicalIdentifier } from "./types";
import { digitsOf, fold, isJunk } from "./text";

/**
 * Phone numbers. The canonical value is "+86" followed by the national
 * significant number (area code without trunk 0, or the mobile number), which
 * is E.164 for real numbers and the same shape for service numbers (110,
 * 95311, 400...) so one warning list can match all of them. Foreign numbers
 * keep their own country code.
 *
 * libphonenumber decides validity and display only, never the key: victims
 * report landlines that fail strict validation (7-digit locals in 8-digit
 * cities) and those must still match each other across spellings.
 */

export type PhoneType =
  "mobile" | "landline" | "service" | "shared_cost" | "toll_free" | "sms_port" | "international" | "unknown";

export interface ParsedPhone {
  e164: string;
  /** National significant number for CN numbers, null for foreign ones. */
  national: string | null;
  country: string | null;
  type: PhoneType;
  valid: boolean;
  extension: string | null;
  display: string;
}

const MASKED = /\d[\s-]*[*xX×●•#?]{2,}[\s-]*\d|^[*xX×●•]{2,}[\s-]*\d/;
const SCHEME = /^\s*(?:tel|callto|sms|smsto|phone|mobile)\s*:\s*/i;
const EXTENSION = /^(.*\d.*?)\s*(?:ext\.?|extension|x|转|分机|-?#|[,;])\s*(\d{1,6})\s*$/i;

// A dash before an extension, which EXTENSION cannot take in general: "010-1234567"
// is a Beijing landline. Only after a hotline written as one group ("10100-1234",
// "95588-3"; 106 is an SMS port prefix) or after a whole 400/800 number
// ("400-820-8820-123"). "10-6552-9988" has two dashes and stays a landline.
const HOTLINE_DASH = /^\s*((?:9[56]\d{3,6}|10(?!6)\d{3,6}|12\d{3}))\s*-\s*(\d{1,6})\s*$/;
const LAST_DASH = /^(.*\d)\s*-\s*(\d{1,6})\s*$/;

function dashExtension(s: string): RegExpExecArray | null {
  const hotline = HOTLINE_DASH.exec(s);
  if (hotline) return hotline;
  const last = LAST_DASH.exec(s);
  const head = last?.[1] === undefined ? "" : digitsOf(last[1]).replace(/^(?:0086|86)/, "");
  return /^[48]00\d{7}$/.test(head) ? last : null;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(?:10|2\d|[3-9]\d{2})\d{7,8}$/;

/** Parses what a victim typed as a phone number; null when it holds no number. */
export function parsePhone(raw: unknown): ParsedPhone | null {
  let s = fold(raw);
  if (isJunk(s) || MASKED.test(s)) return null; // "138****5678" is not an identifier
  s = s.replace(SCHEME, "");
  let extension: string | null = null;
  const ext = EXTENSION.exec(s) ?? dashExtension(s);
  if (ext && ext[1] !== undefined && ext[2] !== undefined && digitsOf(ext[1]).length >= 3) {
    s = ext[1];
    extension = ext[2];
  }
  const digits = digitsOf(s);
  if (digits.length < 3 || digits.length > 22) return null;
  const plus = /^[^\d]*\+/.test(s) && !digits.startsWith("0");

  let national: string;
  if (plus) {
    if (digits.startsWith("86")) national = stripTrunk(digits.slice(2));
    else {
      const foreign = international(digits, extension);
      // "+13812345678" is a CN mobile typed with a stray plus, unless it is a real +1 number.
      if (foreign?.valid || !MOBILE.test(digits)) return foreign;
      national = digits;
    }
  } else if (digits.startsWith("0086")) {
    national = stripTrunk(digits.slice(4));
  } else if (digits.startsWith("00")) {
    // "00" dials out as "+" does, and reads the same: an invalid foreign reading of a CN mobile's digits is the mobile.
    const rest = digits.slice(2);
    const foreign = international(rest, extension);
    if (foreign?.valid || !MOBILE.test(rest)) return foreign;
    national = rest;
  } else if (digits.startsWith("86") && digits.length >= 12) {
    // No CN area code begins with 86, so a leading 86 on a long number is the country code.
    national = stripTrunk(digits.slice(2));
  } else {
    national = stripTrunk(digits);
  }
  // "010-6552 9988": a trunk 0 is dialled before an area code, never before an SMS port.
  const trunk = !plus && /^0[1-9]/.test(digits);
  // No CN number begins with 0 once the trunk 0 is gone ("0086 0001" is no number).
  if (national.length < 3 || national.length > 20 || national.startsWith("0")) return null;

  const type = classify(national, trunk);
  const e164 = `+86${national}`;
  const lib = type === "service" || type === "sms_port" ? undefined : parsePhoneNumberFromString(e164);
  const valid = lib?.isValid() ?? false;
  let display: string;
  if (valid && lib) display = lib.formatInternational();
  else if (type === "service" || type === "sms_port") display = national;
  else display = `+86 ${national}`;
  if (extension) display += ` ext. ${extension}`;
  return { e164, national, country: "CN", type, valid, extension, display };
}

function stripTrunk(d: string): string {
  return d.startsWith("0") ? d.slice(1) : d;
}

function classify(n: string, trunk = false): PhoneType {
  if (MOBILE.test(n)) return "mobile";
  if (/^400\d{7}$/.test(n)) return "shared_cost";
  if (/^800\d{7}$/.test(n)) return "toll_free";
  if (/^106\d{5,17}$/.test(n) && !trunk) return "sms_port";
  // 3-6 digit hotlines, 95xxx/96xxx national numbers, 10xxx carrier-assigned numbers.
  if (n.length <= 6 || /^9[56]\d{3,6}$/.test(n) || /^10\d{3,6}$/.test(n) || /^12\d{3}$/.test(n)) return "service";
  if (LANDLINE.test(n)) return "landline";
  return "unknown";
}

function international(digits: string, extension: string | null): ParsedPhone | null {
  if (digits.startsWith("0")) return null; // no country code begins with 0 ("00 000 0000" is no number)
  const lib = parsePhoneNumberFromString(`+${digits}`);
  if (lib && lib.isPossible()) {
    return {
      e164: lib.number,
      national: null,
      country: lib.country ?? null,
      type: "international",
      valid: lib.isValid(),
      extension,
      display: lib.formatInternational() + (extension ? ` ext. ${extension}` : ""),
    };
  }
  if (digits.length < 7 || digits.length > 15) return null;
  return {
    e164: `+${digits}`,
    national: null,
    country: null,
    type: "international",
    valid: false,
    extension,
    display: `+${digits}`,
  };
}

export function normalisePhone(raw: unknown): CanonicalIdentifier | null {
  const p = parsePhone(raw);
  return p ? phoneIdentifier(p) : null;
}

/** The identifier of a parsed number (also for numbers typed in another field, infer.ts). */
export function phoneIdentifier(p: ParsedPhone): CanonicalIdentifier {
  return {
    kind: "phone",
    value: p.e164,
    display: p.display,
    meta: { phone: p.e164, type: p.type, valid: p.valid, country: p.country, extension: p.extension },
  };
}

/**
 * A Chinese mobile or a foreign number written as an account name (WeChat id,
 * Alipay login, gift-card account). Stricter than parsePhone: only shapes that
 * are unambiguously a phone number, so QQ numbers and short ids stay ids.
 */
export function parseAccountPhone(s: string): ParsedPhone | null {
  if (!/^[+\d\s\-().]+$/.test(s)) return null;
  const p = parsePhone(s);
  if (!p) return null;
  if (p.type === "mobile") return p;
  if (p.type === "international" && /^\s*(?:\+|00)/.test(s) && p.valid) return p;
  return null;
}
