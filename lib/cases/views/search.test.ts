import { describe, expect, it } from "vitest";
import { readings } from "./search";

describe("readings of what an investigator typed", () => {
  it("a mobile is read as the phone, and as the QQ number older reports stored it as", () => {
    const keys = readings("138 1234 5678").map((i) => `${i.kind}:${i.value}`);
    expect(keys).toContain("phone:+8613812345678");
    expect(keys).toContain("qq:13812345678");
  });
  it("a plain QQ number keeps its QQ reading", () => {
    expect(readings("123456789").map((i) => `${i.kind}:${i.value}`)).toContain("qq:123456789");
  });
});
