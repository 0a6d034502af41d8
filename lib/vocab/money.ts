// Money and text helpers safe for the browser bundle (no heavy libraries here:
// the matcher's full normalisers run on the server).

/** Full-width ASCII (Ｕ+FF01–FF5E) and the ideographic space to half-width. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

const MAX_MINOR = 10n ** 12n; // 10 billion in major units: well above any plausible single payment

/**
 * "4,000.50", "¥4000", "4000元", "４０００" → 400050n (minor units). Strings only:
 * money never passes through a float. Null when not a positive amount with at
 * most two decimals.
 */
export function parseAmountToMinor(raw: string): bigint | null {
  const s = toHalfWidth(raw)
    .trim()
    .replace(/^(CNY|RMB|¥|￥)\s*/i, "")
    .replace(/\s*(元|CNY|RMB)$/i, "")
    .replace(/[,\s]/g, "");
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const minor = BigInt(m[1]!) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
  return minor > 0n && minor <= MAX_MINOR ? minor : null;
}

export function formatMinor(minor: bigint, currency: string, locale: string): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const major = `${negative ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
  try {
    // Intl accepts decimal strings exactly (no float rounding) since ES2023.
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(major as unknown as number);
  } catch {
    return `${major} ${currency}`;
  }
}

/** PostgreSQL's bigint: the largest amount a Payment row can hold. */
export const MAX_STORABLE_MINOR = 2n ** 63n - 1n;

/**
 * A decimal number's text ("4000.1", "12345678901.99", "4e3", "0.005") to
 * minor units, exactly: digits are shifted as text, never through a double,
 * and a third decimal rounds half up. Null when not a decimal number.
 * For the import, whose JSON numbers keep their source text (lossless-json).
 */
export function decimalToMinor(text: string): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d{1,4}))?$/.exec(text.trim());
  if (!m) return null;
  const [, sign, int, frac = "", exp = "0"] = m;
  const digits = `${int}${frac}`;
  // value = digits × 10^(exp − frac.length); in minor units, × 100.
  const shift = Number(exp) - frac.length + 2;
  let minor: bigint;
  if (shift >= 0) {
    if (shift > 40) return null;
    minor = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const cut = -shift;
    const whole = cut >= digits.length ? "0" : digits.slice(0, digits.length - cut);
    const first = cut > digits.length ? "0" : digits[digits.length - cut]!;
    minor = BigInt(whole) + (first >= "5" ? 1n : 0n);
  }
  return sign === "-" ? -minor : minor;
}
