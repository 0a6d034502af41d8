import { describe, expect, it } from "vitest";
import { holderKey, normaliseBankAccount } from "./bank-account";
import { bankFromBin, bankFromName, luhnValid } from "./banks";

describe("full accounts", () => {
  it.each([
    "6222025171242481095",
    "6222 0251 7124 2481 095",
    "6222-0251-7124-2481-095",
    "６２２２０２５１７１２４２４８１０９５",
    "６２２２　０２５１　７１２４　２４８１　０９５",
    "6222.0251.7124.2481.095",
    "卡号：6222 0251 7124 2481 095（工商银行）",
    " 6222025171242481095 ",
    "Account no. 6222-0251-7124-2481-095",
    "账号6222025171242481095 尾号1095",
  ])("%s -> digits", (raw) => {
    expect(normaliseBankAccount({ value: raw })?.value).toBe("6222025171242481095");
  });

  it("records Luhn validity, BIN bank, last4 and folded holder", () => {
    const id = normaliseBankAccount({ value: "6222 0251 7124 2481 095", name: "Li  Qiang", bank: "工商银行" });
    expect(id).toMatchObject({
      kind: "bank_account",
      value: "6222025171242481095",
      display: "6222 0251 7124 2481 095",
      meta: {
        luhn: true,
        bank: "ICBC",
        bankSource: "bin",
        statedBank: "ICBC",
        last4: "1095",
        holder: "LIQIANG",
        holderDisplay: "LI QIANG",
      },
    });
  });

  it("keeps Luhn-invalid accounts (corporate accounts often fail it) but flags them", () => {
    expect(normaliseBankAccount({ value: "6217000012345678988" })?.meta.luhn).toBe(false);
  });

  it("falls back to the stated bank when the BIN is unknown", () => {
    expect(normaliseBankAccount({ value: "9999888877776666", bank: "China Merchants Bank" })?.meta).toMatchObject({
      bank: "CMB",
      bankSource: "stated",
    });
    expect(normaliseBankAccount({ value: "9999888877776666" })?.meta).toMatchObject({ bank: null, bankSource: null });
  });

  it("takes the longest digit run, not stray digits around it", () => {
    expect(normaliseBankAccount({ value: "6222025171242481095 (branch 2)" })?.value).toBe("6222025171242481095");
  });
});

describe("partial accounts", () => {
  const spellings = [
    "****8988",
    "**** **** 8988",
    "**** **** **** 8988",
    "ending in 8988",
    "Ending with 8988",
    "ends in 8988",
    "尾号8988",
    "尾号为8988",
    "尾号是8988",
    "尾号 ８９８８",
    "卡号后四位8988",
    "后4位8988",
    "xxxx8988",
    "XXXX XXXX 8988",
    "＊＊＊＊8988",
    "●●●● 8988",
    "last 4: 8988",
    "last four digits 8988",
    "8988",
    "尾号8988的卡",
    "尾号为8988，转了2000元",
    "6222****8988",
    "6222 **** **** 8988",
  ];
  it.each(spellings)("%s -> 8988|XIAOMOMIN", (raw) => {
    const id = normaliseBankAccount({ value: raw, name: "Xiao Momin" });
    expect(id?.kind).toBe("bank_account_partial");
    expect(id?.value).toBe("8988|XIAOMOMIN");
    expect(id?.meta).toMatchObject({ last4: "8988", holder: "XIAOMOMIN", linkable: true });
  });

  it("keeps leading digits shown before the mask as meta.prefix", () => {
    expect(normaliseBankAccount({ value: "6222****8988", name: "x" })?.meta.prefix).toBe("6222");
    expect(normaliseBankAccount({ value: "****8988", name: "x" })?.meta.prefix).toBeNull();
  });

  it("displays mask, last four and holder", () => {
    expect(normaliseBankAccount({ value: "尾号8988", name: "xiao momin" })?.display).toBe("****8988 XIAO MOMIN");
    expect(normaliseBankAccount({ value: "尾号8988", name: "萧 默敏" })?.display).toBe("****8988 萧默敏");
  });

  it("without a holder name it is kept but marked unlinkable", () => {
    for (const name of [undefined, null, "", "  ", "unknown", "不知道"]) {
      const id = normaliseBankAccount({ value: "尾号8988", name });
      expect(id).toMatchObject({
        kind: "bank_account_partial",
        value: "8988|",
        meta: { linkable: false, holder: null },
      });
    }
  });

  it("records the stated bank", () => {
    expect(normaliseBankAccount({ value: "尾号8988", name: "a", bank: "ICBC" })?.meta.statedBank).toBe("ICBC");
  });

  it("needs four visible digits", () => {
    expect(normaliseBankAccount({ value: "****898", name: "Xiao Momin" })).toBeNull();
    expect(normaliseBankAccount({ value: "尾号", name: "Xiao Momin" })).toBeNull();
    expect(normaliseBankAccount({ value: "6222********", name: "Xiao Momin" })).toBeNull();
  });
});

describe("holder names", () => {
  it("fold case, width, spacing and name punctuation", () => {
    const keys = [
      "Xiao Momin",
      "XIAO MOMIN",
      "xiao  momin",
      "XiaoMomin",
      "Ｘｉａｏ Ｍｏｍｉｎ",
      "Xiao·Momin",
      " xiao-momin ",
      "XIAO.MOMIN",
    ].map(holderKey);
    expect(new Set(keys)).toEqual(new Set(["XIAOMOMIN"]));
  });
  it("keep Chinese names as written (without spaces)", () => {
    expect(holderKey("萧 默敏")).toBe("萧默敏");
    expect(holderKey("萧默敏")).not.toBe(holderKey("XIAO MOMIN"));
  });
  it("normalise masks and reject pure masks and placeholders", () => {
    expect(holderKey("*默敏")).toBe("*默敏");
    expect(holderKey("＊默敏")).toBe("*默敏");
    expect(holderKey("***")).toBeNull();
    expect(holderKey("unknown")).toBeNull();
  });
  // Issue 8: the spellings of one holder seen on receipts and typed by victims.
  it.each([
    "WANG WEI",
    "wangwei",
    "Wang Wei",
    " wang  wei ",
    "ＷＡＮＧ　ＷＥＩ", // full-width letters and ideographic space
    "Ｗａｎｇ Ｗｅｉ",
    "Wang\tWei",
    "Wang\u00a0Wei",
    "wang\u200bwei", // zero-width space from a chat app
    "Wang‧Wei", // hyphenation point, as in Taiwanese romanisations
    "Wáng Wěi", // pinyin tone marks
  ])("%j is the holder WANGWEI", (raw) => {
    expect(holderKey(raw)).toBe("WANGWEI");
  });
  it("never equate pinyin with characters, nor one name with another", () => {
    expect(holderKey("王伟")).toBe("王伟");
    expect(holderKey("王 伟")).toBe("王伟");
    expect(holderKey("王伟")).not.toBe(holderKey("wang wei"));
    expect(holderKey("WANG WEI")).not.toBe(holderKey("WEI WANG"));
    expect(holderKey("WANG WEI")).not.toBe(holderKey("WANG WEN"));
  });
  it("keep masked names as written: 王* and 王** are two keys, neither is 王伟", () => {
    expect(holderKey("王*")).toBe("王*");
    expect(holderKey("王＊")).toBe("王*");
    expect(holderKey("王**")).toBe("王**");
    expect(holderKey("王 * *")).toBe("王**");
    expect(holderKey("王*")).not.toBe(holderKey("王**"));
    expect(holderKey("王*")).not.toBe(holderKey("王伟"));
  });
});

describe("garbage", () => {
  it.each(["", "unknown", "不知道", "abc", "12", "1".repeat(40), null, undefined, 42])("%s -> null", (raw) => {
    expect(normaliseBankAccount({ value: raw, name: "x" })).toBeNull();
  });
  it("never trusts digits beyond 2^53 typed as JSON numbers", () => {
    expect(normaliseBankAccount({ value: 6222025171242481095 })).toBeNull();
  });
});

describe("bank table", () => {
  it("finds banks by BIN", () => {
    expect(bankFromBin("6222021234567890")?.code).toBe("ICBC");
    expect(bankFromBin("6228481234567890")?.code).toBe("ABC");
    expect(bankFromBin("6217991234567890")?.code).toBe("PSBC");
    expect(bankFromBin("6214831234567890")?.code).toBe("CMB");
    expect(bankFromBin("6216611234567890")?.code).toBe("BOC");
    expect(bankFromBin("6217001234567890")?.code).toBe("CCB");
    expect(bankFromBin("1234561234567890")).toBeNull();
  });
  it.each([
    ["Industrial and Commercial Bank of China", "ICBC"],
    ["icbc", "ICBC"],
    ["中国工商银行", "ICBC"],
    ["工行", "ICBC"],
    ["中国工商银行北京分行", "ICBC"],
    ["Bank of China", "BOC"],
    ["中国银行", "BOC"],
    ["Bank of Communications", "BOCOM"],
    ["Postal Savings Bank of China", "PSBC"],
    ["邮储银行", "PSBC"],
    ["China Merchants Bank", "CMB"],
    ["招商银行", "CMB"],
    ["Agricultural Bank of China", "ABC"],
    ["China Construction Bank Corporation", "CCB"],
    ["Industrial Bank", "CIB"],
    ["Ping An Bank", "PAB"],
    ["Huaxia Bank", "HXB"],
    ["China Guangfa Bank", "CGB"],
    ["中信银行", "CITIC"],
  ])("names: %s -> %s", (name, code) => {
    expect(bankFromName(name)?.code).toBe(code);
  });
  it("unknown names give null", () => {
    expect(bankFromName("Dangdang")).toBeNull();
    expect(bankFromName("")).toBeNull();
    expect(bankFromName(null)).toBeNull();
  });
  it("checks Luhn", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("")).toBe(false);
  });
});
