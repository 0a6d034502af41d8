import { describe, expect, it } from "vitest";
import { MOBILE_SEGMENTS, mobileSegment } from "./mobile-segments";

describe("mobileSegment", () => {
  it.each([
    ["13812345678", "china_mobile", "138"],
    ["13412345678", "china_mobile", "1341"],
    ["19812345678", "china_mobile", "198"],
    ["13012345678", "china_unicom", "130"],
    ["18612345678", "china_unicom", "186"],
    ["13312345678", "china_telecom", "133"],
    ["19912345678", "china_telecom", "199"],
    ["19212345678", "china_broadnet", "192"],
    ["+8617712345678", "china_telecom", "177"],
  ])("%s → %s (segment %s)", (number, operator, prefix) => {
    expect(mobileSegment(number)).toEqual({ operator, prefix, resale: false });
  });

  it("routes resale (virtual operator) segments to their host network", () => {
    expect(mobileSegment("16212345678")).toEqual({ operator: "china_telecom", prefix: "162", resale: true });
    expect(mobileSegment("16512345678")).toEqual({ operator: "china_mobile", prefix: "165", resale: true });
    expect(mobileSegment("16712345678")).toEqual({ operator: "china_unicom", prefix: "167", resale: true });
    expect(mobileSegment("17112345678")).toEqual({ operator: "china_unicom", prefix: "171", resale: true });
    // 170 is split by its fourth digit.
    expect(mobileSegment("17001234567")?.operator).toBe("china_telecom");
    expect(mobileSegment("17031234567")?.operator).toBe("china_mobile");
    expect(mobileSegment("17051234567")?.operator).toBe("china_mobile");
    expect(mobileSegment("17041234567")?.operator).toBe("china_unicom");
    expect(mobileSegment("17091234567")?.operator).toBe("china_unicom");
    expect(mobileSegment("17081234567")?.resale).toBe(true);
  });

  it("the longest prefix wins where the ministry split a segment", () => {
    expect(mobileSegment("13492345678")).toEqual({ operator: "china_telecom", prefix: "13492", resale: false });
    expect(mobileSegment("13482345678")?.operator).toBe("china_mobile");
    expect(mobileSegment("17403345678")?.operator).toBe("china_telecom");
  });

  it("routes nothing it cannot name an operator for", () => {
    for (const n of [
      "16191234567", // China Satnet satellite
      "17491234567", // other satellite operator
      "17406123456",
      "15412345678", // not allocated
      "19412345678",
      "1381234567", // ten digits
      "02012345678", // landline shape
      "+12025550123",
      "",
      "abc",
    ])
      expect(mobileSegment(n), n).toBeNull();
  });

  it("every segment in the table is three to five digits starting with 1", () => {
    for (const prefix of Object.keys(MOBILE_SEGMENTS)) expect(prefix).toMatch(/^1[3-9]\d{1,3}$/);
  });
});
