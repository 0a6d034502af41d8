import { describe, expect, it } from "vitest";
import { compactYuan, minorToYuan, shorten } from "./format";

describe("chart formatting", () => {
  it("converts minor units to yuan without going through a float for the whole part", () => {
    expect(minorToYuan(123456n)).toBe(1234.56);
    expect(minorToYuan("5")).toBe(0.05);
    expect(minorToYuan(0n)).toBe(0);
    expect(minorToYuan(-250n)).toBe(-2.5);
    // 90 trillion fen: the integer part stays exact.
    expect(minorToYuan(9_000_000_000_000_000n)).toBe(90_000_000_000_000);
  });

  it("formats axis ticks compactly per locale", () => {
    expect(compactYuan("en")(12_000)).toMatch(/12K/);
    expect(compactYuan("zh-CN")(12_000)).toMatch(/1\.2万/);
  });

  it("shortens long labels by characters, not bytes", () => {
    expect(shorten("快递理赔（“包裹丢失或破损”）", 8)).toBe("快递理赔（“包…");
    expect(shorten("快递理赔（“包裹丢失或破损”）", 7)).toBe("快递理赔…");
    expect(shorten('Courier compensation ("parcel lost or crushed")')).toBe("Courier compensation…");
    expect(shorten("Taobao")).toBe("Taobao");
  });
});
