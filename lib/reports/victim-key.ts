import { toHalfWidth } from "@/lib/vocab";

/**
 * Who the victim is, for counting victims per case: the digits of their phone
 * without a +86/0086 prefix, else the report's own reference (an anonymous
 * report is its own victim). Kept in Report.victimKey.
 */
export function victimKey(phone: string | null | undefined, reference: string): string {
  const digits = toHalfWidth(phone ?? "")
    .replace(/\D/g, "")
    .replace(/^(0086|86)(?=1\d{10}$)/, "");
  return digits || reference;
}
