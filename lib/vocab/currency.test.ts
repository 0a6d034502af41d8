import { expect, it } from "vitest";
import { isCurrencyCode } from "./currency";

it("accepts ISO 4217 codes and nothing else", () => {
  for (const c of ["CNY", "USD", "HKD", "EUR", "JPY", "MOP", "TWD"]) expect(isCurrencyCode(c), c).toBe(true);
  for (const c of ["ZZZ", "XXX", "XTS", "ABC", "cny", "CN", "CNYY", ""]) expect(isCurrencyCode(c), c).toBe(false);
});
