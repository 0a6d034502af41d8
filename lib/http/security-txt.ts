/**
 * /.well-known/security.txt (RFC 9116), built from the configuration rather
 * than kept as a file in public/: the Contact and Canonical fields name the
 * deployment's own host (APP_URL), which a committed file cannot know, and a
 * hard-coded Expires date would silently go stale in a long-running
 * deployment. Expires is always 180 days ahead (RFC 9116 2.5.5 asks for less
 * than a year), counted from the start of the current UTC day so every answer
 * of one day is identical and cacheable. Pure module: no Next.js imports.
 */
export const SECURITY_TXT_PATH = "/.well-known/security.txt";
const VALID_DAYS = 180;

export function securityTxt(origin: string, now: Date): string {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const expires = new Date(day + VALID_DAYS * 86_400_000).toISOString().replace(".000Z", "Z");
  const host = new URL(origin).hostname;
  return [
    "# Security problems in this service: please tell us, in Chinese or English.",
    "# 发现本平台的安全问题，请用中文或英文告知我们。",
    `Contact: mailto:security@${host}`,
    `Expires: ${expires}`,
    "Preferred-Languages: zh, en",
    `Canonical: ${new URL(SECURITY_TXT_PATH, origin).href}`,
    "",
  ].join("\n");
}
