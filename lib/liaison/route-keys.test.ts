import { describe, expect, it } from "vitest";
import { KNOWN_ROUTE_KEYS, isKnownRouteKey, knownRouteKey, parseRouteKey, parseRouteKeyList } from "./route-keys";

describe("known route keys", () => {
  it("lists every bank, operator and company once", () => {
    const keys = KNOWN_ROUTE_KEYS.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining([
        "bank:ICBC",
        "bank:CMB",
        "telecom:china_mobile",
        "telecom:china_unicom",
        "telecom:china_telecom",
        "telecom:china_broadnet",
        "company:alipay",
        "company:tencent",
      ]),
    );
    expect(isKnownRouteKey("bank:ICBC")).toBe(true);
    expect(isKnownRouteKey("platform:jd.com")).toBe(false);
  });

  it("names banks in both languages", () => {
    expect(knownRouteKey("bank:ICBC")).toMatchObject({ group: "bank", id: "ICBC" });
    expect((knownRouteKey("bank:ICBC") as { names: unknown }).names).toEqual({
      en: "Industrial and Commercial Bank of China",
      "zh-CN": "中国工商银行",
    });
    for (const k of KNOWN_ROUTE_KEYS) if (k.group === "bank") expect(k.names["zh-CN"]).toMatch(/银行/);
    expect(knownRouteKey("telecom:china_unicom")).toEqual({
      key: "telecom:china_unicom",
      group: "telecom",
      id: "china_unicom",
    });
    expect(knownRouteKey("platform:jd.com")).toBeNull();
  });
});

describe("parseRouteKey", () => {
  it.each([
    ["bank:icbc", "bank:ICBC"],
    [" Bank : CMB ", "bank:CMB"],
    ["bank：ABC", "bank:ABC"],
    ["telecom:China_Mobile", "telecom:china_mobile"],
    ["company:alipay", "company:alipay"],
    ["platform:JD.com", "platform:jd.com"],
    ["platform: 京东  E卡 ", "platform:京东 e卡"],
    ["platform:ＪＤ．ｃｏｍ", "platform:jd.com"],
  ])("%s → %s", (raw, key) => expect(parseRouteKey(raw)).toBe(key));

  it.each([
    "",
    "ICBC",
    "bank:",
    "bank:工商",
    "bank:1CBC",
    "phone:138",
    "telecom:china mobile",
    "company:a",
    "platform:a,b",
    "platform:" + "x".repeat(101),
  ])("refuses %j", (raw) => expect(parseRouteKey(raw)).toBeNull());

  it("reads a list, one per line or comma-separated, without duplicates", () => {
    expect(parseRouteKeyList("bank:icbc\nplatform:Taobao, bank:ICBC\n\n nonsense ")).toEqual({
      keys: ["bank:ICBC", "platform:taobao"],
      invalid: ["nonsense"],
    });
  });
});
