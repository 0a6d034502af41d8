import { describe, expect, it } from "vitest";
import { casePdf } from "./case-pdf";
import { caseData } from "./test-support/fixtures";
import { charactersNotDrawn } from "./test-support/pdf-fonts";
import { pdfText } from "./test-support/pdf-text";

const PII = ["李小红", "13912345678", "对方自称淘宝客服", "报案时间"];

describe("casePdf", () => {
  it("renders summary, identifiers and timeline in Chinese, without reports by default", async () => {
    const file = await casePdf(caseData());
    expect(file.contentType).toBe("application/pdf");
    expect(file.body.length).toBeLessThan(1.5 * 1024 * 1024);
    const pages = await pdfText(file.body);
    const text = pages.join("\n");
    for (const s of [
      "案件档案 C-2026-00042",
      "侦查中",
      "¥50,345.05",
      "已冻结",
      "¥38,000.00",
      "冒充客服退款、某种新型诈骗",
      "6222 0212 3456 7890 123",
      "未导出：在预警名单上",
      "未导出：疑似共用号码",
      "向中国工商银行发出紧急止付请求 Q-2026-000123",
      "本档案未收录报案详情：其中含有被害人个人信息。",
    ]) {
      expect(text).toContain(s);
    }
    pages.forEach((p, i) => expect(p).toContain(`导出编号 EX-20260601-c0ffee · 第 ${i + 1} 页，共 ${pages.length} 页`));
    // Reports are absent even though the input carries one: includePii is false.
    for (const s of PII) expect(text).not.toContain(s);
    expect(await charactersNotDrawn(file.body, "案件档案侦查中冒充客服退款未导出在预警名单上")).toEqual([]);
  });

  it("includes the reports with the PII permission", async () => {
    const text = (await pdfText((await casePdf(caseData({ includePii: true }))).body)).join("\n");
    for (const s of PII) expect(text).toContain(s);
    expect(text).toContain("¥20,000.00");
    expect(text).not.toContain("本档案未收录报案详情");
  });

  // Two files: give a loaded machine time (the default is 5 s).
  it("marks what the victim added later, with the time", { timeout: 20_000 }, async () => {
    const zh = (await pdfText((await casePdf(caseData({ includePii: true }))).body)).join("\n");
    expect(zh).toContain("后来补充");
    expect(zh).toContain("2026-06-02 10:15（号码 0 个，支付 1 笔，平台 0 个，文件 0 个）");
    // The added payment carries the addition's time; the original one none.
    expect(zh).toMatch(/¥5,000\.00[\s\S]*6217 0000 1111 2222 333[\s\S]*2026-06-02 10:15/);
    const en = (await pdfText((await casePdf(caseData({ includePii: true, locale: "en" }))).body)).join("\n");
    expect(en).toContain("2026-06-02 10:15: 0 numbers, 1 payment, 0 platforms, 0 files");
  });

  it("renders in English", async () => {
    const text = (await pdfText((await casePdf(caseData({ locale: "en" }))).body)).join("\n");
    expect(text).toContain("Case file C-2026-00042");
    expect(text).toContain("Left out: on the warning list");
    expect(text).toContain("Victims' reports are not included in this file");
  });
});
