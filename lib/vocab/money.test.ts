import { describe, expect, it } from "vitest";
import { formatMinor, parseAmountToMinor, toHalfWidth } from "./money";

describe("parseAmountToMinor", () => {
  it.each([
    ["4000", 400000n],
    ["4000.5", 400050n],
    ["4,000.00", 400000n],
    ["¥4000", 400000n],
    ["￥ 12.34", 1234n],
    ["4000元", 400000n],
    ["RMB 99", 9900n],
    ["４０００．５０", 400050n],
    ["0.01", 1n],
    [" 1 000 ", 100000n],
  ])("%s → %s fen", (raw, minor) => {
    expect(parseAmountToMinor(raw)).toBe(minor);
  });

  it.each(["", "0", "0.00", "-20", "abc", "1.234", "1e5", "12,34.5.6", "9999999999999"])("rejects %j", (raw) => {
    expect(parseAmountToMinor(raw)).toBeNull();
  });

  it("never goes through a float", () => {
    // 0.1 + 0.2 style errors would show up here.
    expect(parseAmountToMinor("1234567890.29")).toBe(123456789029n);
  });
});

describe("formatMinor", () => {
  it("formats minor units exactly", () => {
    expect(formatMinor(123456789029n, "CNY", "en")).toBe("CN¥1,234,567,890.29");
    expect(formatMinor(5n, "CNY", "zh-CN")).toBe("¥0.05");
  });
  it("falls back for an unknown currency code", () => {
    expect(formatMinor(100n, "XYZ1", "en")).toBe("1.00 XYZ1");
  });
});

it("toHalfWidth converts full-width ASCII and ideographic spaces", () => {
  expect(toHalfWidth("ＡＢＣ１２３＠ｑｑ．ｃｏｍ\u3000x")).toBe("ABC123@qq.com x");
});
