import { describe, expect, it } from "vitest";
import { looksLikeUrl, normaliseUrl, parseUrl } from "./url";

const value = (raw: unknown) => normaliseUrl(raw)?.value ?? null;

describe("scammer domains are identified by registrable domain", () => {
  it.each([
    "https://claim-center-express100.cn/refund?id=9",
    "http://claim-center-express100.cn",
    "claim-center-express100.cn",
    "CLAIM-CENTER-EXPRESS100.CN",
    "https://WWW.Claim-Center-Express100.CN:8443/a/b?c=d#e",
    "www.claim-center-express100.cn/",
    "https://m.claim-center-express100.cn/x",
    "https://a.b.claim-center-express100.cn",
    "claim-center-express100。cn",
    "ｈｔｔｐｓ：／／ｃｌａｉｍ－ｃｅｎｔｅｒ－ｅｘｐｒｅｓｓ１００．ｃｎ",
    "hxxps://claim-center-express100[.]cn/refund",
    "claim-center-express100(.)cn",
    "https : // claim-center-express100 . cn / refund",
    "网址：claim-center-express100.cn",
    "请点击https://claim-center-express100.cn/r?id=9领取补偿",
    "请访问 claim-center-express100.cn 办理",
    "<https://claim-center-express100.cn/>",
    "https://claim-center-express100.cn.",
    '"claim-center-express100.cn"',
    "claim-center-express100.cn/refund。",
  ])("%s", (raw) => {
    expect(value(raw)).toBe("claim-center-express100.cn");
  });

  it("the example from the brief", () => {
    expect(value("http://WWW.Example.COM:8080/x?y")).toBe("example.com");
  });

  it("uses the public suffix list (multi-label suffixes, private suffixes)", () => {
    expect(value("https://pay.tuikuan14.com.cn/x")).toBe("tuikuan14.com.cn");
    expect(value("https://shop.example.co.uk/x")).toBe("example.co.uk");
    // Shared-hosting suffixes are on the PSL's private section: each tenant is its own site.
    expect(value("https://scam-refund.github.io/x")).toBe("scam-refund.github.io");
    expect(value("https://other.github.io/x")).toBe("other.github.io");
  });

  it("records host, domain and hub flag", () => {
    expect(normaliseUrl("https://m.claim.cn/x")).toMatchObject({
      kind: "url",
      value: "claim.cn",
      display: "claim.cn",
      meta: { host: "m.claim.cn", domain: "claim.cn", hub: false },
    });
  });

  it("keeps IP hosts and IDN domains", () => {
    expect(value("http://192.168.1.5:8080/pay")).toBe("192.168.1.5");
    expect(value("http://中国移动.cn/x")).toBe(value("http://xn--fiq02ib9d179b.cn"));
  });
});

describe("hub hosts are identified by host + path", () => {
  it.each([
    ["https://mp.weixin.qq.com/s/uvh6heyv", "mp.weixin.qq.com/s/uvh6heyv"],
    ["HTTPS://MP.WEIXIN.QQ.COM/s/uvh6heyv/", "mp.weixin.qq.com/s/uvh6heyv"],
    ["mp.weixin.qq.com/s/uvh6heyv?from=timeline#rd", "mp.weixin.qq.com/s/uvh6heyv"],
    ["https://t.cn/QX8uphkq", "t.cn/QX8uphkq"],
    ["http://www.t.cn/QX8uphkq?utm_source=x", "t.cn/QX8uphkq"],
    ["https://dwz.cn/AbC123", "dwz.cn/AbC123"],
    ["https://wj.qq.com/s2/123/abcd/", "wj.qq.com/s2/123/abcd"],
    ["https://www.jinshuju.net/f/AbCd", "jinshuju.net/f/AbCd"],
    ["https://www.wjx.cn/vm/abc.aspx", "wjx.cn/vm/abc.aspx"],
    ["https://docs.qq.com/form/page/DABC", "docs.qq.com/form/page/DABC"],
    ["https://bit.ly/3xYz", "bit.ly/3xYz"],
    ["https://url.cn/5AbCd", "url.cn/5AbCd"],
    ["https://suo.im/6aBc", "suo.im/6aBc"],
    ["https://tinyurl.com/y7abc", "tinyurl.com/y7abc"],
    ["https://www.pgyer.com/AbCd", "pgyer.com/AbCd"],
    ["https://t.cn//QX8uphkq", "t.cn/QX8uphkq"],
  ])("%s -> %s", (raw, expected) => {
    expect(value(raw)).toBe(expected);
    expect(normaliseUrl(raw)?.meta.hub).toBe(true);
  });

  it("keeps path case: short-link codes are case-sensitive", () => {
    expect(value("https://t.cn/QX8uphkq")).not.toBe(value("https://t.cn/qx8uphkq"));
  });

  it("any host under a big platform domain is a hub, so the platform never links", () => {
    expect(value("https://item.taobao.com/item.htm?id=123&spm=a1z")).toBe("item.taobao.com/item.htm?id=123");
    expect(value("https://shop123.taobao.com/")).toBeNull();
    expect(value("https://anything.qq.com/page")).toBe("anything.qq.com/page");
    expect(value("https://www.gd.gov.cn/notice")).toBe("gd.gov.cn/notice");
  });

  it("keeps only identifying query parameters, sorted", () => {
    const a = value("https://mp.weixin.qq.com/s?__biz=MzA5&mid=22&idx=1&sn=abc&chksm=zz&scene=21#wechat_redirect");
    const b = value("https://mp.weixin.qq.com/s?sn=abc&idx=1&__biz=MzA5&mid=22");
    expect(a).toBe("mp.weixin.qq.com/s?__biz=MzA5&idx=1&mid=22&sn=abc");
    expect(b).toBe(a);
  });

  it("on an unknown hub with an empty path, the query is the page (minus tracking)", () => {
    expect(value("https://bit.ly/?code=abc&utm_source=x")).toBe("bit.ly?code=abc");
  });

  it("a bare hub names nothing the scammer controls", () => {
    for (const raw of ["t.cn", "https://mp.weixin.qq.com/", "https://bit.ly", "www.jinshuju.net"])
      expect(normaliseUrl(raw)).toBeNull();
  });

  it("normalises percent-escape case", () => {
    expect(value("https://t.cn/%e4%b8%ad")).toBe(value("https://t.cn/%E4%B8%AD"));
    expect(value("https://t.cn/%E4%B8%AD")).toBe("t.cn/%E4%B8%AD");
  });

  it("treats Chinese text right after an ASCII URL as surrounding text", () => {
    expect(value("https://t.cn/QX8uphkq领取补偿")).toBe("t.cn/QX8uphkq");
  });
});

describe("garbage", () => {
  it.each([
    "",
    "unknown",
    "N/A",
    "不知道",
    "localhost",
    "abc",
    "http://",
    "ftp://claim.cn",
    "javascript:alert(1)",
    "://",
    "foo@bar.com",
    null,
    42,
    {},
  ])("%s -> null", (raw) => {
    expect(normaliseUrl(raw)).toBeNull();
  });
});

describe("looksLikeUrl", () => {
  it("recognises URL-ish strings", () => {
    expect(looksLikeUrl("https://x")).toBe(true);
    expect(looksLikeUrl("www.x.cn")).toBe(true);
    expect(looksLikeUrl("claim.cn/refund")).toBe(true);
    expect(looksLikeUrl("boss_01")).toBe(false);
    expect(looksLikeUrl("a b.cn")).toBe(false);
  });
  it("parseUrl exposes the parts", () => {
    expect(parseUrl("https://www.t.cn/x")).toEqual({ host: "t.cn", domain: "t.cn", hub: true, value: "t.cn/x" });
  });
});
