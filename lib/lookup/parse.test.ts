import { describe, expect, it } from "vitest";
import { extractIdentifiers } from "@/lib/matching";
import { MAX_QUERY_LENGTH, readingKey, readingsOf } from "./parse";

const keys = (q: string) => readingsOf(q).map((r) => `${r.kind}:${r.value}`);

describe("readingsOf: any spelling finds the same key", () => {
  it.each([
    [
      "a mobile",
      ["138 0013 8000", "+86 138-0013-8000", "008613800138000", "１３８００１３８０００", "(138) 0013 8000"],
    ],
    ["a courier hotline", ["95311", "９５３１１", "953 11", "95-311"]],
    ["a QQ number", ["QQ: 12345678", "qq 12345678", "QQ号：12345678"]],
    ["a WeChat id", ["微信：wxid_abc123", "wechat: wxid_abc123", "WeChat:wxid_abc123"]],
    ["a web address", ["https://www.evil-shop.com/pay?x=1", "http://evil-shop.com", "www.evil-shop.com/"]],
    ["a bank card", ["6222 0212 3456 7890 128", "6222-0212-3456-7890-128", "6222021234567890128"]],
    ["a card failing the Luhn check", ["6217 0000 0100 4565 6", "62170000010045656"]],
  ])("%s", (_, spellings) => {
    const first = readingsOf(spellings[0]!);
    expect(first.length).toBeGreaterThan(0);
    for (const s of spellings) expect(keys(s)[0], s).toBe(`${first[0]!.kind}:${first[0]!.value}`);
  });

  it("the first reading of a mobile is the phone, whatever the spelling", () => {
    for (const s of ["138 0013 8000", "+86 138-0013-8000", "008613800138000"])
      expect(keys(s)[0]).toBe("phone:+8613800138000");
    expect(readingKey(readingsOf("138 0013 8000"))).toBe(readingKey(readingsOf("+86 138-0013-8000")));
  });

  it("finds what the matcher stored from a report, for each field a victim may have used", () => {
    const stored = (kind: string, value: string, payee = false) =>
      extractIdentifiers(payee ? { payments: [{ payee: { kind, value } }] } : { contacts: [{ kind, value }] }).map(
        (i) => `${i.kind}:${i.value}`,
      )[0];
    expect(keys("138 0013 8000")).toContain(stored("phone", "13800138000"));
    expect(keys("12345678")).toContain(stored("qq", "12345678"));
    expect(keys("wxid_abc123")).toContain(stored("wechat", "wxid_abc123"));
    expect(keys("a@163.com")).toContain(stored("alipay", "a@163.com", true));
    expect(keys("6222 0212 3456 7890 128")).toContain(stored("bank_account", "6222021234567890128", true));
    expect(keys("6217 0000 0100 4565 6")).toContain(stored("bank_account", "62170000010045656", true));
    expect(keys("+86 138-0013-8000")).not.toContain("bank_account:8613800138000");
    expect(keys("evil-shop.com")).toContain(stored("url", "https://evil-shop.com/x"));
  });

  it("short service numbers are phones", () => {
    expect(keys("110")).toEqual(["phone:+86110"]);
    expect(keys("95311")[0]).toBe("phone:+8695311");
  });

  it("does not pull digits out of words, and drops partial accounts and noise", () => {
    expect(keys("wxid_abc123")).not.toContain("phone:+86123");
    expect(keys("尾号8988")).toEqual([]);
    expect(keys("hello world")).toEqual([]);
    expect(keys("")).toEqual([]);
    expect(keys("   ")).toEqual([]);
    expect(keys("1".repeat(MAX_QUERY_LENGTH + 1))).toEqual([]);
  });

  it("never returns more than a few readings", () => {
    expect(readingsOf("13800138000").length).toBeLessThanOrEqual(8);
  });
});
