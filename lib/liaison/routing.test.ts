import { describe, expect, it } from "vitest";
import {
  normaliseAlipay,
  normaliseBankAccount,
  normaliseEmail,
  normaliseGiftCard,
  normalisePhone,
  normaliseQq,
  normaliseQqGroup,
  normaliseUrl,
  normaliseWechat,
  type CanonicalIdentifier,
} from "@/lib/matching";
import { routeTarget, type RouteHints } from "./routing";

const none: RouteHints = { statedBanks: [], platforms: [] };
const must = (id: CanonicalIdentifier | null) => {
  if (!id) throw new Error("not an identifier");
  return id;
};

describe("bank accounts", () => {
  it("route by card BIN before anything stated", () => {
    const id = must(normaliseBankAccount({ value: "6222 0212 3456 7890 128", bank: "招商银行" }));
    expect(routeTarget(id, { statedBanks: ["建设银行"], platforms: [] })).toEqual({
      key: "bank:ICBC",
      orgKind: "bank",
      basis: "bin",
    });
  });

  it("trust a BIN bank stored on an older identifier", () => {
    const id = {
      kind: "bank_account" as const,
      value: "9999000011112222",
      display: "",
      meta: { bank: "XYZ", bankSource: "bin" },
    };
    expect(routeTarget(id, none)).toEqual({ key: "bank:XYZ", orgKind: "bank", basis: "bin" });
  });

  it("without a known BIN, route by the bank the victims stated", () => {
    const id = must(normaliseBankAccount({ value: "9559 9800 1234 5678", bank: "中国农业银行北京分行" }));
    expect(routeTarget(id, none)).toEqual({ key: "bank:ABC", orgKind: "bank", basis: "stated-bank" });
    const bare = must(normaliseBankAccount({ value: "9559980012345678" }));
    expect(routeTarget(bare, { statedBanks: ["工行"], platforms: [] })?.key).toBe("bank:ICBC");
  });

  it("the most often stated bank wins; a tie or nothing known routes nowhere", () => {
    const bare = must(normaliseBankAccount({ value: "9559980012345678" }));
    expect(routeTarget(bare, { statedBanks: ["招行", "建行", "招商银行"], platforms: [] })?.key).toBe("bank:CMB");
    expect(routeTarget(bare, { statedBanks: ["招行", "建行"], platforms: [] })).toBeNull();
    expect(routeTarget(bare, { statedBanks: ["某某村镇银行", ""], platforms: [] })).toBeNull();
    expect(routeTarget(bare, none)).toBeNull();
  });

  it("partial accounts route by a shown BIN prefix, else by the stated bank", () => {
    const shown = must(normaliseBankAccount({ value: "622202****8988", name: "XIAO MOMIN" }));
    expect(routeTarget(shown, none)).toEqual({ key: "bank:ICBC", orgKind: "bank", basis: "bin" });
    const stated = must(normaliseBankAccount({ value: "尾号8988", name: "XIAO MOMIN", bank: "中国银行" }));
    expect(routeTarget(stated, none)).toEqual({ key: "bank:BOC", orgKind: "bank", basis: "stated-bank" });
    const unknown = must(normaliseBankAccount({ value: "尾号8988", name: "XIAO MOMIN" }));
    expect(routeTarget(unknown, none)).toBeNull();
  });
});

describe("payment and messaging companies", () => {
  it("Alipay → alipay; WeChat Pay, WeChat, QQ and QQ groups → tencent", () => {
    expect(routeTarget(must(normaliseAlipay("zfb: scam_shop01")), none)).toEqual({
      key: "company:alipay",
      orgKind: "payment",
      basis: "company",
    });
    expect(routeTarget(must(normaliseWechat("wxid_abc123", "wechat_pay")), none)).toEqual({
      key: "company:tencent",
      orgKind: "payment",
      basis: "company",
    });
    for (const id of [normaliseWechat("vx: kefu_888"), normaliseQq("QQ 123456789"), normaliseQqGroup("群号 87654321")])
      expect(routeTarget(must(id), none)).toEqual({ key: "company:tencent", orgKind: "internet", basis: "company" });
  });

  it("an Alipay account that is a phone number still goes to Alipay", () => {
    expect(routeTarget(must(normaliseAlipay("13812345678")), none)?.key).toBe("company:alipay");
  });
});

describe("gift cards", () => {
  it("route to the seller named with the account", () => {
    const id = must(normaliseGiftCard("13812345678", "JD.com"));
    expect(routeTarget(id, none)).toEqual({ key: "platform:jd.com", orgKind: "platform", basis: "seller" });
  });

  it("else to the one gift-card platform of the reports", () => {
    const id = must(normaliseGiftCard("ABCD-1234-EFGH"));
    const jd = { key: "jd.com", name: "JD.com", role: "gift_card" };
    const leak = { key: "taobao", name: "Taobao", role: "order_leaked" };
    expect(routeTarget(id, { statedBanks: [], platforms: [jd, leak] })?.key).toBe("platform:jd.com");
    expect(routeTarget(id, { statedBanks: [], platforms: [leak] })).toBeNull();
    const apple = { key: "apple", name: "Apple", role: "gift_card" };
    expect(routeTarget(id, { statedBanks: [], platforms: [jd, apple] })).toBeNull();
  });
});

describe("phone numbers", () => {
  it("mobiles go to their operator by segment; resale segments to the host", () => {
    expect(routeTarget(must(normalisePhone("138 1234 5678")), none)).toEqual({
      key: "telecom:china_mobile",
      orgKind: "telecom",
      basis: "segment",
    });
    expect(routeTarget(must(normalisePhone("+86 171 2345 6789")), none)).toEqual({
      key: "telecom:china_unicom",
      orgKind: "telecom",
      basis: "segment-resale",
    });
    expect(routeTarget(must(normalisePhone("19212345678")), none)?.key).toBe("telecom:china_broadnet");
  });

  it("landlines, service numbers and foreign numbers are named by staff", () => {
    for (const raw of ["010-6552 9988", "95588", "400-820-8820", "+1 202 555 0123"])
      expect(routeTarget(must(normalisePhone(raw)), none), raw).toBeNull();
  });
});

describe("named by staff", () => {
  it("URLs, domains, e-mails, merchants and others route nowhere", () => {
    expect(routeTarget(must(normaliseUrl("https://refund-jd.example.cn/a")), none)).toBeNull();
    expect(routeTarget(must(normaliseEmail("kefu@qq.com")), none)).toBeNull();
    expect(routeTarget({ kind: "merchant", value: "x", display: "X", meta: {} }, none)).toBeNull();
    expect(routeTarget({ kind: "other", value: "boss88", display: "@boss88", meta: null }, none)).toBeNull();
  });
});
