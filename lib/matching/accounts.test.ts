import { describe, expect, it } from "vitest";
import {
  merchantKey,
  normaliseAlipay,
  normaliseEmail,
  normaliseGiftCard,
  normaliseMerchant,
  normaliseQq,
  normaliseQqGroup,
  normaliseWechat,
} from "./accounts";

describe("QQ numbers", () => {
  it.each([
    "3216530337",
    "qq3216530337",
    "QQ3216530337",
    "QQ:3216530337",
    "QQ：3216530337",
    "QQ 3216530337",
    "qq号3216530337",
    "QQ号：3216530337",
    "QQ号码: 3216530337",
    "ＱＱ：３２１６５３０３３７",
    "３２１６５３０３３７",
    "3216530337@qq.com",
    "3216 5303 37",
    " 3216530337 ",
    "企鹅号:3216530337",
    3216530337,
  ])("%s -> 3216530337", (raw) => {
    expect(normaliseQq(raw)).toEqual({
      kind: "qq",
      value: "3216530337",
      display: "3216530337",
      meta: { qq: "3216530337" },
    });
  });
  it.each(["", "unknown", "0123456", "1234", "qq", "abc123456", "QQ: abc", "foo@qq.com", "1".repeat(13), null])(
    "%s -> null",
    (raw) => {
      expect(normaliseQq(raw)).toBeNull();
    },
  );
});

describe("QQ groups", () => {
  it.each([
    "172200164",
    "群号：172200164",
    "QQ群 172200164",
    "qq群:172200164",
    "群172200164",
    "group 172200164",
    "QQ 172200164",
    "１７２２００１６４",
  ])("%s -> 172200164", (raw) => {
    expect(normaliseQqGroup(raw)?.value).toBe("172200164");
  });
  it("rejects non-numbers", () => {
    expect(normaliseQqGroup("退款群")).toBeNull();
    expect(normaliseQqGroup("")).toBeNull();
  });
});

describe("WeChat ids", () => {
  it.each([
    "xydpicgl3602",
    "XydPicgl3602",
    "XYDPICGL3602",
    "wx:xydpicgl3602",
    "WX: xydpicgl3602",
    "微信：xydpicgl3602",
    "微信号xydpicgl3602",
    "微信号：xydpicgl3602",
    "vx xydpicgl3602",
    "VX：xydpicgl3602",
    "v: xydpicgl3602",
    "WeChat ID - xydpicgl3602",
    "wechat: xydpicgl3602",
    "weixin:xydpicgl3602",
    " xydpicgl3602 ",
    "ｘｙｄｐｉｃｇｌ３６０２",
    '"xydpicgl3602"',
    "（xydpicgl3602）",
  ])("%s -> xydpicgl3602", (raw) => {
    expect(normaliseWechat(raw)?.value).toBe("xydpicgl3602");
  });

  it("keeps ids that merely start like a label", () => {
    expect(normaliseWechat("wxid_abc123xyz")?.value).toBe("wxid_abc123xyz");
    expect(normaliseWechat("wxabc12345")?.value).toBe("wxabc12345");
    expect(normaliseWechat("vxyz_2024")?.value).toBe("vxyz_2024");
    // A label glued to digits and letters is no label (found by fuzzing, seed 1805033515): a fixed point.
    expect(normaliseWechat("vx0aa-")?.value).toBe("vx0aa-");
    expect(normaliseWechat("v信VX0aa-")?.value).toBe("vx0aa-");
    expect(normaliseWechat("wx12345abc")?.value).toBe("wx12345abc");
  });

  // As a contact it is then stored as the phone (infer.ts); WeChat Pay payees keep this kind.
  it("a WeChat id that is a phone number is a wechat identifier with meta.phone", () => {
    for (const raw of [
      "13812345678",
      "+86 138 1234 5678",
      "wx: 138-1234-5678",
      "vx13812345678",
      "vx138 1234 5678",
      "微信同号 13812345678".replace("同号 ", ""),
    ]) {
      expect(normaliseWechat(raw)).toMatchObject({
        kind: "wechat",
        value: "+8613812345678",
        meta: { phone: "+8613812345678" },
      });
    }
  });

  it("a numeric id that is not a mobile is a QQ-number login", () => {
    expect(normaliseWechat("12345678")).toMatchObject({ value: "12345678", meta: { qq: "12345678" } });
  });

  it("nicknames and placeholders are not identifiers", () => {
    for (const raw of ["客服小王", "淘宝客服", "customer service", "未知", "unknown", "", "ab", "微信：", null]) {
      expect(normaliseWechat(raw)).toBeNull();
    }
  });

  it("produces wechat_pay when asked", () => {
    expect(normaliseWechat("WX: Abc12345", "wechat_pay")).toMatchObject({ kind: "wechat_pay", value: "abc12345" });
  });
});

describe("e-mail", () => {
  it.each([
    "buyer68717@163.com",
    "BUYER68717@163.COM",
    " Buyer68717＠163．com ",
    "mailto:buyer68717@163.com",
    "邮箱：buyer68717@163.com",
    "buyer68717(at)163.com",
    "buyer68717 @ 163.com",
  ])("%s", (raw) => {
    expect(normaliseEmail(raw)?.value).toBe("buyer68717@163.com");
  });
  it("does not fold Gmail dots or tags (the key stays a real address)", () => {
    expect(normaliseEmail("A.B@GMAIL.COM")?.value).toBe("a.b@gmail.com");
    expect(normaliseEmail("ab+x@gmail.com")?.value).toBe("ab+x@gmail.com");
  });
  it("a numeric qq.com address carries its QQ number", () => {
    expect(normaliseEmail("12345678@QQ.com")?.meta).toEqual({ email: "12345678@qq.com", qq: "12345678" });
  });
  it.each(["bad@", "@x.cn", "a@b", "a b@c.cn x", "", null])("%s -> null", (raw) => {
    expect(normaliseEmail(raw)).toBeNull();
  });
});

describe("Alipay", () => {
  it("normalises phone and e-mail logins", () => {
    expect(normaliseAlipay("+86 138 1234 5678")).toMatchObject({
      value: "+8613812345678",
      meta: { phone: "+8613812345678" },
    });
    expect(normaliseAlipay("支付宝：13812345678")?.value).toBe("+8613812345678");
    expect(normaliseAlipay("Foo@163.com")?.value).toBe("foo@163.com");
    expect(normaliseAlipay("alipay account: foo@163.com")?.value).toBe("foo@163.com");
    expect(normaliseAlipay("2088123456789012")?.value).toBe("2088123456789012");
  });
  it("masked receipts and nicknames are not accounts", () => {
    expect(normaliseAlipay("138****5678")).toBeNull();
    expect(normaliseAlipay("张三")).toBeNull();
    expect(normaliseAlipay("")).toBeNull();
  });
});

describe("gift cards", () => {
  it("accounts by phone or e-mail, cards by code; platform is meta only", () => {
    expect(normaliseGiftCard("16573689370", "Dangdang")).toMatchObject({
      value: "+8616573689370",
      meta: { platform: "Dangdang", phone: "+8616573689370" },
    });
    expect(normaliseGiftCard("+86 165 7368 9370", "JD")?.value).toBe("+8616573689370");
    expect(normaliseGiftCard("BUYER68717@163.COM")?.value).toBe("buyer68717@163.com");
    expect(normaliseGiftCard("abcd-efgh-1234-5678")?.value).toBe("ABCDEFGH12345678");
    expect(normaliseGiftCard("ABCD EFGH 1234 5678")?.value).toBe("ABCDEFGH12345678");
    // A number behind a stray separator is the number, as its key reads back (fuzz seed 1962550656).
    expect(normaliseGiftCard("：13000000000")?.value).toBe("+8613000000000");
    expect(normaliseGiftCard("+8613000000000")?.value).toBe("+8613000000000");
  });
  it("rejects short or masked codes", () => {
    expect(normaliseGiftCard("abc")).toBeNull();
    expect(normaliseGiftCard("****5678")).toBeNull();
    expect(normaliseGiftCard("不知道")).toBeNull();
  });
});

describe("merchants", () => {
  it("fold case, spacing, punctuation and legal forms", () => {
    const keys = [
      "Hunan Jinrui10 Network Technology Co., Ltd.",
      "HUNAN JINRUI10 NETWORK TECHNOLOGY CO.,LTD",
      "hunan jinrui10 network technology co ltd",
      "Hunan Jinrui10 Network Technology Company Limited",
      "Hunan  Jinrui10  Network Technology Co., Ltd",
      "Hunan Jinrui10 Network Technology",
    ].map(merchantKey);
    expect(new Set(keys)).toEqual(new Set(["hunanjinrui10networktechnology"]));
  });
  it("Chinese legal forms", () => {
    expect(merchantKey("湖南金瑞网络科技有限公司")).toBe(merchantKey("湖南金瑞网络科技股份有限公司"));
    expect(merchantKey("支付宝（中国）网络技术有限公司")).toBe("支付宝中国网络技术");
  });
  it("display keeps the typed name", () => {
    expect(normaliseMerchant(" Hunan  Jinrui10 Co., Ltd. ")?.display).toBe("Hunan Jinrui10 Co., Ltd.");
  });
  it("rejects empty names", () => {
    expect(normaliseMerchant("Co., Ltd.")).toBeNull();
    expect(normaliseMerchant("")).toBeNull();
  });
});
