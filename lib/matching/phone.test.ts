import { describe, expect, it } from "vitest";
import { normalisePhone, parseAccountPhone, parsePhone } from "./phone";

const value = (raw: unknown) => normalisePhone(raw)?.value ?? null;

describe("mobile numbers", () => {
  const spellings = [
    "17123456789",
    "171 2345 6789",
    "171-2345-6789",
    "171.2345.6789",
    "+86 171 2345 6789",
    "+86-171-2345-6789",
    "+8617123456789",
    "(+86)17123456789",
    "(+86) 171-2345-6789",
    "+86(171)23456789",
    "86-17123456789",
    "86 17123456789",
    "8617123456789",
    "0086 171 2345 6789",
    "008617123456789",
    "tel:+86-171-2345-6789",
    "TEL:17123456789",
    "１７１２３４５６７８９",
    "＋８６ １７１ ２３４５ ６７８９",
    "（＋８６）１７１－２３４５－６７８９",
    "手机：171-2345-6789",
    " 171 2345 6789 ",
    "017123456789",
    "+86 0171 2345 6789",
    "\u200b17123456789",
    17123456789,
  ];
  it.each(spellings)("%s -> +8617123456789", (raw) => {
    expect(value(raw)).toBe("+8617123456789");
  });

  it("displays in international format and records type and validity", () => {
    const id = normalisePhone("17123456789");
    expect(id).toMatchObject({
      kind: "phone",
      value: "+8617123456789",
      display: "+86 171 2345 6789",
      meta: { phone: "+8617123456789", type: "mobile", valid: true, country: "CN" },
    });
  });
});

describe("landlines with area codes", () => {
  it.each([
    ["021 2144 8001", "+862121448001"],
    ["021-21448001", "+862121448001"],
    ["(021)21448001", "+862121448001"],
    ["+86 21 21448001", "+862121448001"],
    ["+86 (0)21 2144 8001", "+862121448001"],
    ["0086-21-21448001", "+862121448001"],
    ["86-21-21448001", "+862121448001"],
    ["tel:+862121448001", "+862121448001"],
    ["０２１－２１４４８００１", "+862121448001"],
    ["010-12345678", "+861012345678"],
    ["(010) 1234 5678", "+861012345678"],
    ["+86 10 12345678", "+861012345678"],
    ["0755 8888 8888", "+8675588888888"],
    ["+86 755 88888888", "+8675588888888"],
    // Seven-digit locals in cities with eight-digit numbers fail strict validation but must still match.
    ["(0571)1855868", "+865711855868"],
    ["+86 571 1855868", "+865711855868"],
    ["0571-1855868", "+865711855868"],
    ["0531 0528 764", "+865310528764"],
    ["+86 531 0528764", "+865310528764"],
  ])("%s -> %s", (raw, expected) => {
    expect(value(raw)).toBe(expected);
  });

  it("classifies as landline", () => {
    expect(parsePhone("021 2144 8001")).toMatchObject({ type: "landline", valid: true, display: "+86 21 2144 8001" });
  });
});

describe("service numbers still normalise, so the warning list can match them", () => {
  it.each([
    ["95311", "+8695311"],
    ["tel:95311", "+8695311"],
    ["+86 95311", "+8695311"],
    ["９５３１１", "+8695311"],
    ["110", "+86110"],
    ["10086", "+8610086"],
    ["12381", "+8612381"],
    ["96110", "+8696110"],
    ["9510211", "+869510211"],
    ["400-106-6666", "+864001066666"],
    ["400 711 8888", "+864007118888"],
    ["4001066666", "+864001066666"],
    ["800-123-4567", "+868001234567"],
    ["+86 400 106 6666", "+864001066666"],
    ["10107888", "+8610107888"],
  ])("%s -> %s", (raw, expected) => {
    expect(value(raw)).toBe(expected);
  });

  it("types them", () => {
    expect(parsePhone("95311")?.type).toBe("service");
    expect(parsePhone("400-106-6666")?.type).toBe("shared_cost");
    expect(parsePhone("8001234567")?.type).toBe("toll_free");
    expect(parsePhone("1069012345678")?.type).toBe("sms_port");
    expect(normalisePhone("95311")?.display).toBe("95311");
  });
});

describe("a stray plus before a CN mobile", () => {
  it("is a CN mobile when it is not a valid +1 number", () => {
    expect(value("+13812345678")).toBe("+8613812345678"); // +1 381 is no North American area code
  });
  it("stays foreign when it is a valid +1 number (scammers do call from +1 VoIP numbers)", () => {
    expect(value("+17123456789")).toBe("+17123456789");
  });
});

describe("extensions", () => {
  it.each([
    ["95311转2", "+8695311", "2"],
    ["021-12345678 ext. 12", "+862112345678", "12"],
    ["021-12345678 分机 305", "+862112345678", "305"],
    ["400-711-8888#3", "+864007118888", "3"],
    ["95311,2", "+8695311", "2"],
    // A dash before the extension of a hotline or of a whole 400/800 number (issue 8).
    ["10100-1234", "+8610100", "1234"],
    ["12345转1234", "+8612345", "1234"],
    ["95588-3", "+8695588", "3"],
    ["96110 - 2", "+8696110", "2"],
    ["9510211-1", "+869510211", "1"],
    ["400-820-8820-123", "+864008208820", "123"],
    ["4008208820-12", "+864008208820", "12"],
    ["+86 400 820 8820-5", "+864008208820", "5"],
    ["800-820-8820转6", "+868008208820", "6"],
  ])("%s -> %s ext %s", (raw, expected, ext) => {
    expect(parsePhone(raw)).toMatchObject({ e164: expected, extension: ext });
  });
  it("a hotline with an extension is the service number, not a Beijing landline", () => {
    expect(parsePhone("10100-1234")).toMatchObject({ type: "service", national: "10100" });
    expect(normalisePhone("95588-3")?.meta).toMatchObject({ type: "service", extension: "3" });
  });
  it.each([
    ["010-1234567", "+86101234567", "landline"],
    ["010-6552 9988", "+861065529988", "landline"],
    ["021-2144 8001", "+862121448001", "landline"],
    ["0951-1234567", "+869511234567", "landline"],
    ["400-820-8820", "+864008208820", "shared_cost"],
    ["139-1234-5678", "+8613912345678", "mobile"],
    ["86-17832460313", "+8617832460313", "mobile"],
  ])("dashes inside a number are no extension: %s -> %s", (raw, expected, type) => {
    expect(parsePhone(raw)).toMatchObject({ e164: expected, type, extension: null });
  });
});

describe("foreign numbers keep their country code", () => {
  it.each([
    ["+852 2123 4567", "+85221234567"],
    ["00852 2123 4567", "+85221234567"],
    ["+1 650 253 0000", "+16502530000"],
    ["+63 917 123 4567", "+639171234567"],
    ["+855 12 345 678", "+85512345678"],
  ])("%s -> %s", (raw, expected) => {
    expect(value(raw)).toBe(expected);
    expect(parsePhone(raw)?.type).toBe("international");
  });
});

describe("garbage gives no identifier and never throws", () => {
  it.each([
    "",
    " ",
    "unknown",
    "不知道",
    "无",
    "N/A",
    "abc",
    "12",
    "0",
    "000",
    "138****5678",
    "138xxxx5678",
    "***5678",
    null,
    undefined,
    {},
    [],
    NaN,
    Infinity,
    true,
    "+",
    "++86",
    "-",
    "隐藏号码",
  ])("%s", (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });

  it("rejects absurdly long digit strings", () => {
    expect(normalisePhone("1".repeat(40))).toBeNull();
  });
});

describe("parseAccountPhone (phone used as an account name)", () => {
  it("accepts mobiles in any spelling", () => {
    expect(parseAccountPhone("+86 138 1234 5678")?.e164).toBe("+8613812345678");
    expect(parseAccountPhone("13812345678")?.e164).toBe("+8613812345678");
  });
  it("rejects QQ-like digit strings, landlines and text", () => {
    expect(parseAccountPhone("12345678")).toBeNull();
    expect(parseAccountPhone("021-21448001")).toBeNull();
    expect(parseAccountPhone("abc13812345678")).toBeNull();
  });
  it("accepts explicit foreign numbers", () => {
    expect(parseAccountPhone("+852 2123 4567")?.e164).toBe("+85221234567");
  });
});
