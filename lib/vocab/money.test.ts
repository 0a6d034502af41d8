import { describe, expect, it } from "vitest";
import { decimalToMinor, formatMinor, parseAmountToMinor, toHalfWidth } from "./money";

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

describe("decimalToMinor", () => {
  it("is exact where a double is not", () => {
    // 4000.1 is 4000.09999999999990905052982270717620849609375 as a double.
    expect(decimalToMinor("4000.1")).toBe(400010n);
    expect(decimalToMinor("12345678901.99")).toBe(1234567890199n);
    expect(decimalToMinor("92233720368547758.07")).toBe(9223372036854775807n);
    expect(decimalToMinor("0.29")).toBe(29n); // 0.29 * 100 = 28.999999999999996
    expect(decimalToMinor("4000")).toBe(400000n);
    expect(decimalToMinor("4000.00")).toBe(400000n);
    expect(decimalToMinor("4e3")).toBe(400000n);
    expect(decimalToMinor("1.5E-1")).toBe(15n);
    expect(decimalToMinor("-12.5")).toBe(-1250n);
  });

  it("rounds a third decimal half up, on the digits", () => {
    expect(decimalToMinor("1.005")).toBe(101n); // (1.005).toFixed(2) is "1.00"
    expect(decimalToMinor("1.004999")).toBe(100n);
    expect(decimalToMinor("0.005")).toBe(1n);
    expect(decimalToMinor("0.0005")).toBe(0n);
  });

  it("refuses what is not a decimal number", () => {
    for (const bad of ["", "abc", "1,000", "1.", ".5", "0x10", "Infinity", "1e99999"])
      expect(decimalToMinor(bad), bad).toBeNull();
  });
});
