import { describe, expect, it } from "vitest";
import { identityMeta } from "./infer";
import { extractIdentifiers, normaliseContact, normalisePayee } from "./normalise";
import { matchReports } from "./pipeline";
import { isWarningListed, SEED_WARNING_LIST } from "./warning-list";

/**
 * Type inference (issue 8): a value typed in the wrong field is stored as what
 * its shape says it is, with the field the victim chose as meta.enteredAs; a
 * value its field legitimately holds keeps its kind and its meta unchanged.
 */

const contact = (kind: string, value: string) => normaliseContact(kind, value);
const payee = (kind: string, value: string, name?: string) => normalisePayee({ kind, value, name });

// Luhn-valid card numbers (6222 0212 3456 8988 from the issue is not).
const CARD16 = "6222021234518988";
const CARD19 = "6217000012345778988";

describe("a phone number typed as another contact kind is a phone", () => {
  it.each([
    ["other", "138 1234 5678"],
    ["other", "+86 138-1234-5678"],
    ["wechat", "13812345678"],
    ["wechat", "138-1234-5678"],
    ["wechat", "+86 138 1234 5678"],
    ["wechat", "微信号：13812345678"],
    ["qq", "13812345678"],
    ["qq", "19912345678"],
    ["qq", "１３８１２３４５６７８"],
    ["qq", "0086 138 1234 5678"],
    ["qq", "QQ 13812345678"],
    ["qq_group", "138 1234 5678"],
    ["url", "13812345678"],
  ])("%s %j -> +8613812345678", (kind, raw) => {
    const id = contact(kind, raw);
    expect(id?.kind).toBe("phone");
    expect(id?.value).toMatch(/^\+861[39][89]12345678$/);
    expect(id?.meta).toMatchObject({ type: "mobile", enteredAs: kind });
  });

  it.each([
    ["qq", "021-2144 8001", "+862121448001", "landline"],
    ["wechat", "021-21448001", "+862121448001", "landline"],
    ["qq", "(021) 2144 8001", "+862121448001", "landline"],
    ["qq", "400-820-8820", "+864008208820", "shared_cost"],
    ["qq", "800 820 8820", "+868008208820", "toll_free"],
    ["wechat", "400 820 8820", "+864008208820", "shared_cost"],
    ["qq", "+1 650 253 0000", "+16502530000", "international"],
    ["wechat", "+852 2123 4567", "+85221234567", "international"],
    ["qq", "12345转1234", "+8612345", "service"],
    ["other", "10100-1234", "+8610100", "service"],
    ["other", "95588-3", "+8695588", "service"],
  ])("%s %j -> %s (%s)", (kind, raw, value, type) => {
    expect(contact(kind, raw)).toMatchObject({ kind: "phone", value, meta: { type, enteredAs: kind } });
  });

  it("a QQ number read as a phone keeps meta.qq; a WeChat id read as one keeps meta.phone for the warning list", () => {
    expect(contact("qq", "13812345678")?.meta).toMatchObject({ qq: "13812345678", phone: "+8613812345678" });
    expect(contact("wechat", "13812345678")?.meta).toMatchObject({ phone: "+8613812345678" });
    expect(contact("qq_group", "13812345678")?.meta.qq).toBeUndefined();
  });

  it("a hotline typed as a WeChat id is still found on the warning list", () => {
    const id = contact("wechat", "400-820-8820")!;
    expect(isWarningListed(id, SEED_WARNING_LIST)?.value).toBe("+86400");
  });
});

describe("what its field legitimately holds keeps its kind", () => {
  it.each([
    ["qq", "123456789"], // a 9-digit QQ number
    ["qq", "12345"],
    ["qq", "2759098632"],
    ["qq", "4008208820"], // ten plain digits: a QQ number as far as anyone can tell
    ["qq", "12345678901"], // 11 digits but no mobile prefix
    ["qq", "10100-1234"], // digits in groups: QQ numbers are typed that way too
    ["qq", "QQ:2630182586"],
  ])("qq %j stays QQ", (kind, raw) => {
    const id = contact(kind, raw);
    expect(id?.kind).toBe("qq");
    expect(id?.meta.enteredAs).toBeUndefined();
  });

  it.each(["wxid_abc123", "abc12345", "xydpicgl3602", "12345678", "4008208820"])("wechat %j stays WeChat", (raw) => {
    const id = contact("wechat", raw);
    expect(id?.kind).toBe("wechat");
    expect(id?.meta.enteredAs).toBeUndefined();
  });

  it("a plain hotline or a bare digit string in an id field is not read as a phone", () => {
    expect(contact("qq", "95588")?.kind).toBe("qq");
    expect(contact("wechat", "95588")?.kind).toBe("wechat");
  });

  it("identifiers typed in the right field carry no enteredAs", () => {
    expect(contact("phone", "13812345678")?.meta.enteredAs).toBeUndefined();
    expect(contact("url", "https://pay-refund.cn/a")?.meta.enteredAs).toBeUndefined();
    expect(payee("bank_account", CARD16)?.meta.enteredAs).toBeUndefined();
    // A partial account is still the bank account the victim chose.
    expect(payee("bank_account", "尾号8988", "Wang Wei")?.meta.enteredAs).toBeUndefined();
    expect(contact("other", "Telegram: @boss88")).toMatchObject({ kind: "other", meta: {} });
  });
});

describe("a bank card typed as another kind is a bank account", () => {
  it.each([
    ["alipay", CARD16],
    ["alipay", "6222 0212 3451 8988"],
    ["alipay", CARD19],
    ["wechat_pay", CARD16],
    ["other", CARD16],
    ["other", "6222021234568988"], // "other" payees: long digit strings were always accounts
  ])("payee %s %j", (kind, raw) => {
    const id = payee(kind, raw, "wang wei");
    expect(id).toMatchObject({ kind: "bank_account", meta: { holder: "WANGWEI", enteredAs: kind } });
  });

  it.each([
    ["other", CARD16],
    ["other", "6222 0212 3451 8988"],
    ["phone", CARD19],
    ["qq", CARD16],
  ])("contact %s %j", (kind, raw) => {
    expect(contact(kind, raw)).toMatchObject({ kind: "bank_account", meta: { luhn: true, enteredAs: kind } });
  });

  it("but not a number that fails the Luhn check, an Alipay user id, an SMS port or a gift card", () => {
    expect(payee("alipay", "622202123456898")).toBeNull(); // 15 digits, not Luhn: no Alipay login either
    expect(payee("alipay", "6222021234568988")).toBeNull(); // 16 digits, not Luhn
    expect(payee("alipay", "2088123456789016")?.kind).toBe("alipay"); // Luhn-valid by chance, still Alipay's id
    expect(payee("alipay", "13812345678")?.kind).toBe("alipay"); // a mobile is an Alipay login
    expect(payee("gift_card", CARD16)?.kind).toBe("gift_card");
    expect(contact("other", "6222021234568988")?.kind).toBe("phone"); // as before: no Luhn, no card
    expect(contact("other", "2088123456789016")?.kind).toBe("phone");
    expect(contact("other", "1069012345678909")?.meta.type).toBe("sms_port");
  });
});

describe("a link typed as another kind is a URL", () => {
  it.each([
    ["contact", "other", "https://pay-refund.cn/a"],
    ["contact", "other", "pay-refund.cn/a"],
    ["contact", "wechat", "pay-refund.cn/a"],
    ["contact", "qq", "pay-refund.cn/a"],
    ["contact", "phone", "pay-refund.cn/a"],
    ["contact", "email", "www.pay-refund.cn"],
    ["payee", "alipay", "https://pay.pay-refund.cn/a"],
    ["payee", "wechat_pay", "https://pay-refund.cn/a"],
    ["payee", "gift_card", "https://pay-refund.cn/a"],
    ["payee", "bank_account", "https://pay-refund.cn/a"],
  ])("%s %s %j", (side, kind, raw) => {
    const id = side === "contact" ? contact(kind, raw) : payee(kind, raw);
    expect(id).toMatchObject({ kind: "url", value: "pay-refund.cn", meta: { enteredAs: kind } });
  });

  it("an e-mail typed as a phone or QQ number is an e-mail", () => {
    expect(contact("phone", "foo@163.com")).toMatchObject({ kind: "email", meta: { enteredAs: "phone" } });
    expect(contact("qq", "foo@163.com")).toMatchObject({ kind: "email", meta: { enteredAs: "qq" } });
    expect(contact("qq", "12345678@qq.com")).toMatchObject({ kind: "qq", value: "12345678" }); // a QQ mail is the QQ
  });
});

describe("enteredAs on the report's occurrence", () => {
  it("is dropped when the report also typed the value in the right field", () => {
    const ids = extractIdentifiers({
      contacts: [
        { kind: "wechat", value: "13812345678" },
        { kind: "phone", value: "138 1234 5678" },
        { kind: "other", value: "13912345678" },
      ],
    });
    expect(ids.map((i) => [i.value, i.meta.enteredAs])).toEqual([
      ["+8613812345678", undefined],
      ["+8613912345678", "other"],
    ]);
  });

  it("keeps the QQ alias when the mobile came first and the QQ field second", () => {
    const [id] = extractIdentifiers({
      contacts: [
        { kind: "phone", value: "13812345678" },
        { kind: "qq", value: "13812345678" },
      ],
    });
    expect(id?.meta).toMatchObject({ qq: "13812345678" });
    expect(id?.meta.enteredAs).toBeUndefined();
  });

  it("is not part of the identifier's own meta", () => {
    const id = contact("other", "13812345678")!;
    expect(identityMeta(id.meta)).not.toHaveProperty("enteredAs");
    expect(identityMeta(id.meta)).toMatchObject({ phone: "+8613812345678" });
  });
});

describe("clusters", () => {
  it("one number typed under phone, WeChat, QQ and Other joins the reports directly", () => {
    const { clusterOf, identifiers } = matchReports([
      { externalId: "a", contacts: [{ kind: "phone", value: "13812345678" }] },
      { externalId: "b", contacts: [{ kind: "wechat", value: "138-1234-5678" }] },
      { externalId: "c", contacts: [{ kind: "qq", value: "+86 138 1234 5678" }] },
      { externalId: "d", contacts: [{ kind: "other", value: "１３８ １２３４ ５６７８" }] },
      { externalId: "e", contacts: [{ kind: "qq", value: "123456789" }] },
      { externalId: "f", contacts: [{ kind: "other", value: "123456789" }] },
    ]);
    expect(identifiers.filter((i) => i.value === "+8613812345678")).toHaveLength(1);
    expect(["b", "c", "d"].map((x) => clusterOf.get(x))).toEqual(["a", "a", "a"]);
    // A 9-digit QQ number stays QQ, so it does not join the same digits read as a phone under "Other".
    expect(clusterOf.get("e")).toBe("e");
    expect(clusterOf.get("f")).toBe("f");
  });
});
