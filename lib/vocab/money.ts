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
