import { describe, expect, it } from "vitest";
import { pickBulletinText } from "./bulletin-text";

describe("pickBulletinText", () => {
  const both = { bodyZh: "账户已冻结。", bodyEn: "The account was frozen." };
  it("gives the victim's language when it was written", () => {
    expect(pickBulletinText(both, "en")).toEqual({ text: "The account was frozen.", fallback: false });
    expect(pickBulletinText(both, "zh-CN")).toEqual({ text: "账户已冻结。", fallback: false });
  });
  it("falls back to the other language, marked", () => {
    expect(pickBulletinText({ bodyZh: "只有中文。", bodyEn: "" }, "en")).toEqual({
      text: "只有中文。",
      fallback: true,
    });
    expect(pickBulletinText({ bodyZh: " \n", bodyEn: "English only." }, "zh-CN")).toEqual({
      text: "English only.",
      fallback: true,
    });
  });
  it("reads Chinese first for any other locale (the default language)", () => {
    expect(pickBulletinText(both, "fr")).toEqual({ text: "账户已冻结。", fallback: false });
  });
});
