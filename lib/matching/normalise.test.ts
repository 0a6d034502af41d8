import { describe, expect, it } from "vitest";
import {
  extractIdentifiers,
  normaliseContact,
  normaliseContactValues,
  normalisePayee,
  normalisePayeeValues,
  sniff,
} from "./normalise";
import { prng } from "./test-support/respell";
import { fold, MAX_IDENTIFIER_INPUT } from "./text";
import { holderKey } from "./bank-account";
import { merchantKey } from "./accounts";
import { normalisePhone } from "./phone";

const kv = (id: { kind: string; value: string } | null) => (id ? `${id.kind}:${id.value}` : null);

describe("normaliseContact", () => {
  it("dispatches on kind", () => {
    expect(kv(normaliseContact("phone", "+86 171 2345 6789"))).toBe("phone:+8617123456789");
    expect(kv(normaliseContact("qq", "QQ:88412345"))).toBe("qq:88412345");
    expect(kv(normaliseContact("qq_group", "172200164"))).toBe("qq_group:172200164");
    expect(kv(normaliseContact("wechat", "wx:Abc12345"))).toBe("wechat:abc12345");
    expect(kv(normaliseContact("url", "https://claim.cn/x"))).toBe("url:claim.cn");
    expect(kv(normaliseContact("email", "A@B.CN"))).toBe("email:a@b.cn");
  });

  it("tolerates kinds in other case and with spaces", () => {
    expect(kv(normaliseContact(" PHONE ", "110"))).toBe("phone:+86110");
  });

  it("an explicit label beats the kind picked in the form", () => {
    expect(kv(normaliseContact("phone", "QQ: 88412345"))).toBe("qq:88412345");
    expect(kv(normaliseContact("phone", "微信：abc12345"))).toBe("wechat:abc12345");
    expect(kv(normaliseContact("wechat", "QQ群：172200164"))).toBe("qq_group:172200164");
    expect(kv(normaliseContact("qq", "https://t.cn/abc"))).toBe("url:t.cn/abc");
    // ...but an id that merely starts with letters of a label stays what it was filed as.
    expect(kv(normaliseContact("wechat", "qq12345678"))).toBe("wechat:qq12345678");
  });

  it("an e-mail filed as a URL is an e-mail", () => {
    expect(kv(normaliseContact("url", "foo@claim.cn"))).toBe("email:foo@claim.cn");
  });

  it("splits fields that list several values only when every part parses", () => {
    expect(normaliseContactValues("phone", "138 1234 5678 / 139 8765 4321").map(kv)).toEqual([
      "phone:+8613812345678",
      "phone:+8613987654321",
    ]);
    expect(normaliseContactValues("phone", "13812345678、13987654321").map(kv)).toEqual([
      "phone:+8613812345678",
      "phone:+8613987654321",
    ]);
    expect(normaliseContactValues("qq", "88412345, 99412345").map(kv)).toEqual(["qq:88412345", "qq:99412345"]);
    expect(normaliseContactValues("phone", "0755/8888 8888").map(kv)).toEqual(["phone:+8675588888888"]);
    expect(normaliseContactValues("phone", "95311,2").map(kv)).toEqual(["phone:+8695311"]);
    expect(normaliseContactValues("url", "https://t.cn/a,b").map(kv)).toEqual(["url:t.cn/a,b"]);
  });
});

describe('"other" contacts are sniffed', () => {
  it.each([
    ["foo@bar.cn", "email:foo@bar.cn"],
    ["https://x.cn/a", "url:x.cn"],
    ["www.claim.cn", "url:claim.cn"],
    ["13812345678", "phone:+8613812345678"],
    ["+86 21 2144 8001", "phone:+862121448001"],
    ["QQ: 88412345", "qq:88412345"],
    ["wx: abc12345", "wechat:abc12345"],
    ["手机：138-1234-5678", "phone:+8613812345678"],
    ["Email: Foo@Bar.cn", "email:foo@bar.cn"],
    ["Telegram: @ScamBoss88", "other:scamboss88"],
    ["@boss_01", "other:boss_01"],
    // A handle of letters only keeps its "@", so its key reads back as a handle (fuzz seed -2026596173).
    ["@scamboss", "other:@scamboss"],
    ["＠AⅫ9", "other:axii9"],
    ["line id: boss_01", "other:boss_01"],
  ])("%s -> %s", (raw, expected) => {
    expect(kv(sniff(raw))).toBe(expected);
    expect(kv(normaliseContact("other", raw))).toBe(expected);
    expect(kv(normaliseContact("telegram", raw))).toBe(expected);
  });
  it.each(["customer service", "淘宝客服", "一个女的", "scammer", "unknown", "", "  ", "he called me twice"])(
    "free text %s -> null",
    (raw) => {
      expect(sniff(raw)).toBeNull();
    },
  );
});

describe("normalisePayee", () => {
  it("dispatches on kind", () => {
    expect(kv(normalisePayee({ kind: "bank_account", value: "6222 0251 7124 2481 095", name: "Li Qiang" }))).toBe(
      "bank_account:6222025171242481095",
    );
    expect(kv(normalisePayee({ kind: "bank_account", value: "尾号8988", name: "Xiao Momin" }))).toBe(
      "bank_account_partial:8988|XIAOMOMIN",
    );
    expect(kv(normalisePayee({ kind: "alipay", value: "13812345678" }))).toBe("alipay:+8613812345678");
    expect(kv(normalisePayee({ kind: "wechat_pay", value: "wx:abc12345" }))).toBe("wechat_pay:abc12345");
    expect(kv(normalisePayee({ kind: "gift_card", value: "buyer1@163.com", bank: "Dangdang" }))).toBe(
      "gift_card:buyer1@163.com",
    );
    expect(kv(normalisePayee({ kind: "merchant", value: "Hunan X Co., Ltd." }))).toBe("merchant:hunanx");
  });
  it("a merchant given only as a name uses the name", () => {
    expect(kv(normalisePayee({ kind: "merchant", value: "", name: "Hunan X Co., Ltd." }))).toBe("merchant:hunanx");
  });
  it('"other" payees: long digit strings are accounts, the rest is sniffed', () => {
    expect(kv(normalisePayee({ kind: "other", value: "6222-0251-7124-2481-095" }))).toBe(
      "bank_account:6222025171242481095",
    );
    expect(kv(normalisePayee({ kind: "other", value: "foo@163.com" }))).toBe("email:foo@163.com");
  });
  it("splits several accounts in one field", () => {
    expect(
      normalisePayeeValues({ kind: "bank_account", value: "6222025171242481095 / 6228481037091863499" }).map(kv),
    ).toEqual(["bank_account:6222025171242481095", "bank_account:6228481037091863499"]);
  });
  it("does not split a partial account from an amount typed after it", () => {
    expect(
      normalisePayeeValues({ kind: "bank_account", value: "尾号为8988，转了2000元", name: "A B" }).map(kv),
    ).toEqual(["bank_account_partial:8988|AB"]);
  });
  it("garbage gives nothing", () => {
    for (const p of [
      null,
      undefined,
      {},
      { kind: "bank_account" },
      { kind: "alipay", value: null },
      { kind: 42, value: {} },
    ]) {
      expect(normalisePayee(p as never)).toBeNull();
    }
  });
});

describe("extractIdentifiers", () => {
  const report = {
    victim: { phone: "139 0531 0000" },
    contacts: [
      { kind: "phone", value: "+86 171 2345 6789" },
      { kind: "phone", value: "171-2345-6789" }, // duplicate spelling
      { kind: "phone", value: "13905310000" }, // the victim's own number
      { kind: "wechat", value: "+86 139 0531 0000" }, // ... also under another kind
      { kind: "qq", value: "88412345" },
      { kind: "url", value: "https://claim-center-express100.cn/refund?id=9" },
      { kind: "other", value: "unknown" },
      null,
      { kind: "phone" },
    ],
    payments: [
      { payee: { kind: "bank_account", value: "6217 0000 1234 5678 988", name: null } },
      { payee: { kind: "bank_account", value: "6217000012345678988", name: "Xiao Momin" } },
      { payee: { kind: "bank_account", value: "****8988", name: "Xiao Momin" } },
      { payee: { kind: "bank_account", value: "尾号1234" } }, // partial without holder: links nothing
      { payee: null },
    ],
  };

  it("returns unique canonical identifiers in typed order, without the victim or unlinkable partials", () => {
    expect(extractIdentifiers(report).map(kv)).toEqual([
      "phone:+8617123456789",
      "qq:88412345",
      "url:claim-center-express100.cn",
      "bank_account:6217000012345678988",
      "bank_account_partial:8988|XIAOMOMIN",
    ]);
  });

  it("keeps the holder name seen on a later payment of the same account", () => {
    const acct = extractIdentifiers(report).find((i) => i.kind === "bank_account");
    expect(acct?.meta.holder).toBe("XIAOMOMIN");
  });

  it("can return unlinkable identifiers for display", () => {
    expect(extractIdentifiers(report, { keepUnlinkable: true }).map(kv)).toContain("bank_account_partial:1234|");
  });

  it("without a victim phone nothing is excluded", () => {
    expect(extractIdentifiers({ ...report, victim: null }).map(kv)).toContain("phone:+8613905310000");
  });

  it("accepts the web form shape and garbage", () => {
    expect(extractIdentifiers({ contacts: [{ kind: "phone", value: 13812345678 }] }).map(kv)).toEqual([
      "phone:+8613812345678",
    ]);
    for (const r of [
      null,
      undefined,
      {},
      { contacts: "x" },
      { payments: {} },
      { victim: "x", contacts: [1, "a", []] },
    ]) {
      expect(extractIdentifiers(r as never)).toEqual([]);
    }
  });

  it("never throws on random input", () => {
    const rand = prng(42);
    const alphabet = [
      "1",
      "3",
      "8",
      "0",
      "+",
      "-",
      " ",
      "*",
      "@",
      ".",
      "/",
      ":",
      "a",
      "Q",
      "x",
      "尾号",
      "８",
      "。",
      "微信",
      "http",
      "%",
      "\u200b",
      "\uFFFF",
      "\uD800",
    ];
    const kinds = [
      "phone",
      "qq",
      "qq_group",
      "wechat",
      "url",
      "email",
      "other",
      "bank_account",
      "alipay",
      "wechat_pay",
      "gift_card",
      "merchant",
      "x",
    ];
    for (let n = 0; n < 3000; n++) {
      const s = Array.from(
        { length: Math.floor(rand() * 30) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join("");
      const kind = kinds[Math.floor(rand() * kinds.length)];
      expect(() =>
        extractIdentifiers({
          victim: { phone: s },
          contacts: [{ kind, value: s }],
          payments: [{ payee: { kind, value: s, name: s, bank: s } }],
        }),
      ).not.toThrow();
    }
  });
});

// Found by property-based fuzzing (normalise.fuzz.test.ts, entry-points.fuzz.test.ts).
describe("fuzzing regressions", () => {
  it("a key read again is the same key", () => {
    expect(normaliseContact("phone", "00860001")).toBeNull(); // was "+86001", which reads as nothing
    expect(normaliseContact("phone", "000000000")).toBeNull(); // was "+0000000"
    expect(normaliseContact("wechat", "微信号：v-0a_-1")?.value).toBe("v-0a_-1");
    expect(normaliseContact("wechat", "v-0a_-1")?.value).toBe("v-0a_-1"); // was "0a_-1": "v-" read as a label
    expect(normaliseContact("wechat", "wx: abc123")?.value).toBe("abc123");
    expect(normaliseContact("wechat", "WeChat ID - abc123")?.value).toBe("abc123");
    expect(normaliseContact("url", "0www.t.cn")).toBeNull(); // was "t.cn", a bare hub
    expect(normaliseContact("url", "https://a.t.cn/Abc")?.value).toBe("a.t.cn/Abc");
    expect(normaliseContact("telegram", "＠00０００")).toBeNull(); // was "other:00000", which reads as no number
    expect(normaliseContact("telegram", "@boss_01")?.value).toBe("boss_01");
  });

  it("invisible marks, isolates, C1 controls and lone surrogates never reach a key", () => {
    expect(normaliseContact("wechat", "\u2066abc123\u2069")?.value).toBe("abc123");
    expect(normaliseContact("email", "a\u2068@b.cn")?.value).toBe("a@b.cn");
    expect(normalisePayee({ kind: "bank_account", value: "尾号8988", name: "\u2066王\u009f\ud800" })?.value).toBe(
      "8988|王 \ufffd".replace(" ", ""),
    );
    // A zero-width space between a letter and its accent no longer keeps them apart.
    expect(normaliseContact("other", "caf\u200be\u0301_88")).toEqual(normaliseContact("other", "cafe\u0301_88"));
  });

  it("holder and merchant keys are fixed points", () => {
    expect(holderKey("nƠ")).toBeNull(); // was "NA", which reads back as the placeholder "n/a"
    expect(holderKey("·】")).toBeNull(); // was "]"
    expect(merchantKey("CO_")).toBeNull(); // was "co", which reads back as nothing
    expect(merchantKey("集集团团")).toBeNull(); // was "集团"
    expect(normalisePhone("0013000000000")?.value).toBe(normalisePhone("+13000000000")?.value); // found by fuzzing
    expect(merchantKey("N·A")).toBeNull(); // was "na", the placeholder "n/a" once stripped (found by fuzzing)
    expect(merchantKey("Shenzhen Xinda Co., Ltd.")).toBe(merchantKey("shenzhenxinda"));
  });

  it("a decomposed accent without a precomposed form is stripped from holder names", () => {
    expect(normalisePayee({ kind: "bank_account", value: "尾号8988", name: "i\u0307lhan" })?.value).toBe("8988|ILHAN");
  });

  it("a huge pasted value is no identifier and never reaches the (quadratic) patterns", () => {
    expect(fold("1".repeat(MAX_IDENTIFIER_INPUT + 1))).toBe("");
    expect(fold(` ${"1".repeat(MAX_IDENTIFIER_INPUT - 2)} `)).toBe("1".repeat(MAX_IDENTIFIER_INPUT - 2));
    expect(normaliseContact("url", "((".repeat(50_000))).toBeNull();
  });
});
