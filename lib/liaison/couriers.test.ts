import { describe, expect, it } from "vitest";
import { courierCodes, courierOf } from "./couriers";
import en from "@/messages/liaison/signals.en.json";
import zh from "@/messages/liaison/signals.zh-CN.json";

describe("courierOf", () => {
  it("recognises Chinese names anywhere in the platform name", () => {
    expect(courierOf("顺丰速运")).toBe("sf");
    expect(courierOf("顺丰客服")).toBe("sf");
    expect(courierOf("中通快递")).toBe("zto");
    expect(courierOf("圆通速递")).toBe("yto");
    expect(courierOf("申通")).toBe("sto");
    expect(courierOf("韵达快递")).toBe("yunda");
    expect(courierOf("京东物流")).toBe("jd_logistics");
    expect(courierOf("中国邮政EMS")).toBe("ems");
    expect(courierOf("极兔速递")).toBe("jt");
    expect(courierOf("德邦物流")).toBe("deppon");
    expect(courierOf("百世快递")).toBe("best");
  });

  it("recognises Latin names as whole words, however spelt (Platform.key normalisation)", () => {
    expect(courierOf("SF Express")).toBe("sf");
    expect(courierOf("  ＳＦ　express ")).toBe("sf");
    expect(courierOf("J&T Express")).toBe("jt");
    expect(courierOf("ZTO")).toBe("zto");
    expect(courierOf("China Post EMS")).toBe("ems");
    expect(courierOf("JD Logistics")).toBe("jd_logistics");
    expect(courierOf("Best Express")).toBe("best");
  });

  it("leaves shops, banks and look-alike words alone", () => {
    expect(courierOf("京东")).toBeNull();
    expect(courierOf("JD.com")).toBeNull();
    expect(courierOf("淘宝")).toBeNull();
    expect(courierOf("中国邮政储蓄银行")).toBeNull();
    expect(courierOf("Postal Savings Bank")).toBeNull();
    expect(courierOf("Acme Systems")).toBeNull();
    expect(courierOf("Best Buy")).toBeNull();
    expect(courierOf("stone shop")).toBeNull();
    expect(courierOf("")).toBeNull();
  });

  it("has a name in both catalogues for every courier", () => {
    for (const code of courierCodes) {
      expect((en as { signals: { courier: Record<string, string> } }).signals.courier[code]).toBeTruthy();
      expect((zh as { signals: { courier: Record<string, string> } }).signals.courier[code]).toBeTruthy();
    }
  });
});
