import { toHalfWidth } from "@/lib/vocab/money";

/** A Chinese mobile or landline (with area code), or an international number. */
export function isPlausibleVictimPhone(raw: string): boolean {
  const s = toHalfWidth(raw).replace(/[\s\-().]/g, "");
  const national = s.replace(/^(\+86|0086)/, "");
  if (/^1[3-9]\d{9}$/.test(national)) return true;
  if (/^0\d{2,3}\d{7,8}$/.test(national)) return true;
  return /^\+\d{7,15}$/.test(s);
}
