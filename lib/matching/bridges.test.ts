import { describe, expect, it } from "vitest";
import type { CanonicalIdentifier } from "./types";
import { bridgeKeys, canBridge, deriveIdentifierEdges } from "./bridges";
import { normaliseAlipay, normaliseEmail, normaliseGiftCard, normaliseQq, normaliseWechat } from "./accounts";
import { normaliseBankAccount } from "./bank-account";
import { normalisePhone } from "./phone";
import { normaliseContact, normalisePayee } from "./normalise";
import { matchReports } from "./pipeline";

const must = (id: CanonicalIdentifier | null): CanonicalIdentifier => {
  if (!id) throw new Error("expected an identifier");
  return id;
};
const full = (value: string, name?: string, bank?: string) => must(normaliseBankAccount({ value, name, bank }));
const partial = (value: string, name?: string, bank?: string) => must(normaliseBankAccount({ value, name, bank }));

describe("bridge keys", () => {
  it("partial and full accounts share last4|holder", () => {
    expect(bridgeKeys(partial("尾号8988", "Xiao Momin"))).toEqual(["acct:8988|XIAOMOMIN"]);
    expect(bridgeKeys(full("6217000012345678988", "XIAO MOMIN"))).toEqual(["acct:8988|XIAOMOMIN"]);
  });
  it("no holder, no key: last four digits alone never link", () => {
    expect(bridgeKeys(partial("尾号8988"))).toEqual([]);
    expect(bridgeKeys(full("6217000012345678988"))).toEqual([]);
  });
  it("phones, e-mails and QQ numbers used as accounts alias their plain form", () => {
    expect(bridgeKeys(must(normalisePhone("13812345678")))).toEqual(["tel:+8613812345678"]);
    expect(bridgeKeys(must(normaliseWechat("13812345678")))).toEqual(["tel:+8613812345678"]);
    expect(bridgeKeys(must(normaliseAlipay("foo@163.com")))).toEqual(["mail:foo@163.com"]);
    expect(bridgeKeys(must(normaliseEmail("12345678@qq.com")))).toEqual(["mail:12345678@qq.com", "qq:12345678"]);
    expect(bridgeKeys(must(normaliseQq("12345678")))).toEqual(["qq:12345678"]);
    expect(bridgeKeys(must(normaliseWechat("abc12345")))).toEqual([]);
  });
});

describe("canBridge", () => {
  const p = partial("****8988", "Xiao Momin");
  const a = full("6217000012345678988", "Xiao Momin");
  const b = full("6222020000000008988", "xiao momin");

  it("partial <-> full with the same last4 and holder", () => {
    expect(canBridge(p, a)).toBe(true);
    expect(canBridge(a, p)).toBe(true);
  });
  it("never full <-> full, even with the same last4 and holder", () => {
    expect(canBridge(a, b)).toBe(false);
  });
  it("not with another holder or other last four", () => {
    expect(canBridge(partial("****8988", "Li Qiang"), a)).toBe(false);
    expect(canBridge(partial("****8989", "Xiao Momin"), a)).toBe(false);
    expect(canBridge(partial("****8988"), full("6217000012345678988"))).toBe(false);
  });
  it("not when the shown prefix contradicts the account", () => {
    expect(canBridge(partial("6222****8988", "Xiao Momin"), a)).toBe(false);
    expect(canBridge(partial("6222****8988", "Xiao Momin"), b)).toBe(true);
  });
  it("not when the banks named by the victims contradict; unknown banks do not block", () => {
    expect(
      canBridge(partial("****8988", "Xiao Momin", "ICBC"), full("6217000012345678988", "Xiao Momin", "邮储银行")),
    ).toBe(false);
    expect(
      canBridge(partial("****8988", "Xiao Momin", "ICBC"), full("6217000012345678988", "Xiao Momin", "工商银行")),
    ).toBe(true);
    expect(canBridge(partial("****8988", "Xiao Momin", "ICBC"), a)).toBe(true);
  });
  it("aliases link across kinds, but an identifier never bridges to itself", () => {
    const phone = must(normalisePhone("13812345678"));
    expect(canBridge(phone, must(normaliseWechat("vx13812345678")))).toBe(true);
    expect(canBridge(must(normaliseGiftCard("13812345678")), must(normaliseAlipay("+86 138 1234 5678")))).toBe(true);
    expect(canBridge(must(normaliseQq("12345678")), must(normaliseEmail("12345678@qq.com")))).toBe(true);
    expect(canBridge(phone, must(normalisePhone("+86 138-1234-5678")))).toBe(false);
    expect(canBridge(phone, must(normalisePhone("13812345679")))).toBe(false);
  });
});

describe("deriveIdentifierEdges", () => {
  it("links a partial to every matching full account but not the fulls to each other", () => {
    const ids = [
      full("6217000012345678988", "Xiao Momin"),
      full("6222020000000008988", "Xiao Momin"),
      partial("尾号8988", "XIAO MOMIN"),
      full("6222020000000001111", "Xiao Momin"),
    ];
    expect(deriveIdentifierEdges(ids)).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it("uses every occurrence: a full account reported once with the holder name is enough", () => {
    const ids = [
      full("6217000012345678988"),
      partial("****8988", "Xiao Momin"),
      full("6217000012345678988", "Xiao Momin"),
    ];
    // Index 0 is the account's first occurrence, so the edge names it.
    expect(deriveIdentifierEdges(ids)).toEqual([[0, 1]]);
  });

  it("identical identifiers and duplicate occurrences give no edge", () => {
    const ids = [
      partial("****8988", "Xiao Momin"),
      partial("尾号8988", "xiao momin"),
      full("6217000012345678988"),
      full("6217 0000 1234 5678 988"),
    ];
    expect(deriveIdentifierEdges(ids)).toEqual([]);
  });

  it("aliases link every pair of kinds using one value", () => {
    const ids = [
      must(normalisePhone("13812345678")),
      must(normaliseWechat("13812345678")),
      must(normaliseAlipay("13812345678")),
    ];
    expect(deriveIdentifierEdges(ids)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it("does not depend on order beyond which occurrence comes first", () => {
    const ids = [
      full("6217000012345678988", "A B"),
      partial("****8988", "A B"),
      must(normalisePhone("13812345678")),
      must(normaliseWechat("13812345678")),
    ];
    const forward = deriveIdentifierEdges(ids).map(([i, j]) => [ids[i]?.value, ids[j]?.value].sort().join(" "));
    const rev = ids.slice().reverse();
    const backward = deriveIdentifierEdges(rev).map(([i, j]) => [rev[i]?.value, rev[j]?.value].sort().join(" "));
    expect(backward.sort()).toEqual(forward.sort());
  });
});

describe("partial-account bridges with holder name variants (issue 8)", () => {
  const payee = (value: string, name: string, kind = "bank_account") => must(normalisePayee({ kind, value, name }));

  it.each([
    ["萧某敏", "萧某敏"],
    ["萧 某 敏", "萧某敏"],
    ["WANG WEI", "wangwei"],
    ["Wang Wei", " wang  wei "],
    ["ＷＡＮＧ　ＷＥＩ", "Wang Wei"],
  ])("尾号8988 %j bridges to 6222 0212 3456 8988 %j", (partialName, fullName) => {
    const p = payee("尾号8988", partialName);
    const f = payee("6222 0212 3456 8988", fullName);
    expect(p.kind).toBe("bank_account_partial");
    expect(canBridge(p, f)).toBe(true);
    expect(deriveIdentifierEdges([f, p])).toEqual([[0, 1]]);
  });

  it("does not bridge pinyin to characters, or a masked name to the full one", () => {
    expect(canBridge(payee("尾号8988", "wang wei"), payee("6222 0212 3456 8988", "王伟"))).toBe(false);
    expect(canBridge(payee("尾号8988", "王*"), payee("6222 0212 3456 8988", "王伟"))).toBe(false);
  });

  it("bridges to a card typed as an Alipay account, which is read as the bank account it is", () => {
    const card = payee("6222 0212 3451 8988", "wangwei", "alipay"); // Luhn-valid
    expect(card).toMatchObject({ kind: "bank_account", meta: { enteredAs: "alipay" } });
    expect(canBridge(payee("尾号8988", "WANG WEI"), card)).toBe(true);
  });

  it("joins the reports into one cluster", () => {
    const { clusterOf } = matchReports([
      { externalId: "a", payments: [{ payee: { kind: "bank_account", value: "尾号8988", name: "萧 某 敏" } }] },
      {
        externalId: "b",
        payments: [{ payee: { kind: "bank_account", value: "6222 0212 3456 8988", name: "萧某敏" } }],
      },
      { externalId: "c", payments: [{ payee: { kind: "bank_account", value: "****8988", name: "ＷＡＮＧ　ＷＥＩ" } }] },
      { externalId: "d", payments: [{ payee: { kind: "other", value: "6222021234568988", name: "wang wei" } }] },
    ]);
    expect(clusterOf.get("b")).toBe("a");
    expect(clusterOf.get("d")).toBe("a"); // the same card, so all four are one ring
    expect(clusterOf.get("c")).toBe("a");
  });
});

describe("numbers read as phones keep bridging to what was stored before (issue 8)", () => {
  it("a mobile typed as WeChat id is a phone now, and still bridges to the old WeChat-kind identifier", () => {
    const now = must(normaliseContact("wechat", "13812345678"));
    expect(now.kind).toBe("phone");
    expect(canBridge(now, must(normaliseWechat("13812345678")))).toBe(true);
  });
  it("a mobile-shaped QQ number keeps its QQ alias: old QQ identifiers and 138…@qq.com still bridge", () => {
    const now = must(normaliseContact("qq", "13812345678"));
    expect(now).toMatchObject({ kind: "phone", meta: { qq: "13812345678" } });
    expect(canBridge(now, must(normaliseQq("13812345678")))).toBe(true);
    expect(canBridge(now, must(normaliseEmail("13812345678@qq.com")))).toBe(true);
  });
});
