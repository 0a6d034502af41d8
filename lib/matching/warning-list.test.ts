import { describe, expect, it } from "vitest";
import {
  compileWarningList,
  isLinkable,
  isWarningListed,
  SEED_WARNING_LIST,
  type WarningListEntry,
} from "./warning-list";
import { normaliseContact, normalisePayee } from "./normalise";

const listed = (kind: string, raw: string) => {
  const id = normaliseContact(kind, raw);
  if (!id) throw new Error(`no identifier for ${raw}`);
  return isWarningListed(id, SEED_WARNING_LIST);
};

describe("seed warning list", () => {
  it.each([
    "95311",
    "95188",
    "95017",
    "96110",
    "110",
    "10086",
    "10010",
    "10000",
    "95338",
    "95543",
    "95554",
    "95546",
    "95320",
    "11183",
    "95588",
    "95533",
    "95599",
    "95566",
    "95559",
    "95555",
    "95580",
    "12381",
    "9510211",
    "950618",
    "95315",
  ])("%s is listed in any spelling", (n) => {
    for (const spelling of [
      n,
      `tel:${n}`,
      `+86 ${n}`,
      n.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
    ]) {
      expect(listed("phone", spelling), spelling).not.toBeNull();
    }
  });

  it("lists every 400 and 800 number by prefix", () => {
    expect(listed("phone", "400-106-6666")).toMatchObject({ match: "prefix", value: "+86400" });
    expect(listed("phone", "800 123 4567")).toMatchObject({ match: "prefix", value: "+86800" });
  });

  it("lists platform landlines such as Pinduoduo customer service", () => {
    expect(listed("phone", "021-53395288")?.label).toMatch(/Pinduoduo/);
  });

  it("does not list scammer mobiles or ordinary landlines", () => {
    expect(listed("phone", "17123456789")).toBeNull();
    expect(listed("phone", "021 2144 8001")).toBeNull();
    // A Ningxia landline (area code 0951) must not be caught by a 95xxx hotline.
    expect(listed("phone", "0951-5311000")).toBeNull();
  });

  it("holds canonical values only (what the normaliser produces)", () => {
    for (const e of SEED_WARNING_LIST.filter((x) => x.kind === "phone" && x.match === "exact")) {
      expect(normaliseContact("phone", e.value)?.value).toBe(e.value);
    }
    for (const e of SEED_WARNING_LIST.filter((x) => x.kind === "url")) {
      expect(normaliseContact("url", `https://www.${e.value}/x`)?.value).toBe(e.value);
    }
  });

  it("lists payment processors as merchants", () => {
    const id = normalisePayee({ kind: "merchant", value: "财付通支付科技有限公司" });
    expect(id && isWarningListed(id, SEED_WARNING_LIST)?.label).toBe("Tenpay");
  });

  it("covers the same hotline typed under another kind", () => {
    const id = normalisePayee({ kind: "alipay", value: "95188" });
    // "95188" is not an Alipay login at all, so nothing to list...
    expect(id).toBeNull();
    // ...but a number under a non-phone kind is matched through meta.phone.
    // A 400 number typed as a WeChat id is read as the phone it is (infer.ts), and listed.
    const wechat = normaliseContact("wechat", "+86 400 106 6666");
    expect(wechat).toMatchObject({ kind: "phone", value: "+864001066666", meta: { enteredAs: "wechat" } });
    expect(isWarningListed(wechat!, SEED_WARNING_LIST)?.value).toBe("+86400");
    const gift = { kind: "gift_card" as const, value: "+864001234567", display: "", meta: { phone: "+864001234567" } };
    expect(isWarningListed(gift, SEED_WARNING_LIST)?.value).toBe("+86400");
  });
});

describe("isWarningListed", () => {
  const entries: WarningListEntry[] = [
    { kind: "phone", match: "prefix", value: "+86400", label: "all 400" },
    { kind: "phone", match: "prefix", value: "+864001", label: "some 400" },
    { kind: "phone", match: "exact", value: "+864001066666", label: "one" },
    { kind: "url", match: "prefix", value: "mp.weixin.qq.com/", label: "all articles" },
    { kind: "wechat", match: "exact", value: "abc12345", label: "do not link" },
  ];
  const id = (kind: string, raw: string) => normaliseContact(kind, raw)!;

  it("prefers exact entries, then the longest prefix", () => {
    expect(isWarningListed(id("phone", "4001066666"), entries)?.label).toBe("one");
    expect(isWarningListed(id("phone", "4001999999"), entries)?.label).toBe("some 400");
    expect(isWarningListed(id("phone", "4009999999"), entries)?.label).toBe("all 400");
  });
  it("matches only the entry kind (or phone entries via meta.phone)", () => {
    expect(isWarningListed(id("url", "https://mp.weixin.qq.com/s/x"), entries)?.label).toBe("all articles");
    expect(isWarningListed(id("wechat", "ABC12345"), entries)?.label).toBe("do not link");
    expect(isWarningListed(id("qq", "12345678"), entries)).toBeNull();
  });
  it("compileWarningList gives the same answers", () => {
    const compiled = compileWarningList(entries);
    for (const [k, v] of [
      ["phone", "4001066666"],
      ["phone", "4001999999"],
      ["phone", "13812345678"],
      ["url", "https://mp.weixin.qq.com/s/x"],
      ["wechat", "abc12345"],
    ] as const) {
      expect(compiled(id(k, v))).toEqual(isWarningListed(id(k, v), entries));
    }
    const seed = compileWarningList(SEED_WARNING_LIST);
    expect(seed(id("phone", "95311"))).toEqual(isWarningListed(id("phone", "95311"), SEED_WARNING_LIST));
  });
});

describe("isLinkable", () => {
  it("service numbers never link, listed or not", () => {
    for (const n of ["95311", "95999", "96777", "12399", "110", "10101", "9510211"])
      expect(isLinkable(normaliseContact("phone", n)!), n).toBe(false);
  });
  it("ordinary numbers and accounts link", () => {
    for (const [k, v] of [
      ["phone", "13812345678"],
      ["phone", "021 2144 8001"],
      ["phone", "1069012345678"],
      ["qq", "95311"],
      ["wechat", "abc12345"],
    ] as const) {
      expect(isLinkable(normaliseContact(k, v)!), v).toBe(true);
    }
  });
  it("partial accounts link only with a holder name", () => {
    expect(isLinkable(normalisePayee({ kind: "bank_account", value: "尾号8988", name: "A B" })!)).toBe(true);
    expect(isLinkable(normalisePayee({ kind: "bank_account", value: "尾号8988" })!)).toBe(false);
  });
});
