/**
 * Which language of a bulletin a victim reads. Pure (no Next/Prisma): shared
 * by the service and its unit test.
 */

/** Per language; a bulletin is a notice, not a letter. */
export const BULLETIN_MAX_CHARS = 4000;

export type BulletinLocale = "zh-CN" | "en";

/**
 * The victim's language when written; otherwise the other one, marked as a
 * fallback so the page can say "not available in your language". Any locale
 * but English reads Chinese first (the default language).
 */
export function pickBulletinText(
  b: { bodyZh: string; bodyEn: string },
  locale: string,
): { text: string; fallback: boolean } {
  const [mine, other] = locale === "en" ? [b.bodyEn, b.bodyZh] : [b.bodyZh, b.bodyEn];
  return mine.trim() ? { text: mine, fallback: false } : { text: other, fallback: true };
}
