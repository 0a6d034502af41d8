import { describe, expect, it } from "vitest";
import { requestPdf } from "./request-pdf";
import { requestData } from "./test-support/fixtures";
import { charactersNotDrawn } from "./test-support/pdf-fonts";
import { pdfText } from "./test-support/pdf-text";

const MAX_BYTES = 1.5 * 1024 * 1024;

describe("requestPdf", () => {
  it("renders the letter in Chinese with the embedded font, small", async () => {
    const file = await requestPdf(requestData());
    expect(file.contentType).toBe("application/pdf");
    expect(file.filename).toBe("Q-2026-000123-EX-20260601-7f3a9c.pdf");
    expect(file.body.length).toBeLessThan(MAX_BYTES);
    const text = (await pdfText(file.body)).join("\n");
    for (const s of [
      "滨江市公安局反诈中心",
      "致：中国工商银行股份有限公司",
      "冻结",
      "Q-2026-000123",
      "C-2026-00042",
      "紧急止付 / 冻结",
      "2026-06-02 09:10（北京时间）",
      "请对下列账户紧急止付并冻结涉案资金。",
      "¥38,000.00",
      "已冻结",
      "本函不含被害人个人信息。",
      "王警官",
    ]) {
      expect(text).toContain(s);
    }
  });

  it("embeds the outlines of every character it draws (a broken subset extracts but renders blank)", async () => {
    const file = await requestPdf(requestData());
    expect(
      await charactersNotDrawn(
        file.body,
        "滨江市公安局反诈中心致中国工商银行股份有限公司冻结止付Q-2026-000123¥38,000.00",
      ),
    ).toEqual([]);
  });

  it("writes the export id in the footer of every page, and repeats the table header", async () => {
    const data = requestData();
    data.items = Array.from({ length: 60 }, (_, n) => ({
      ...data.items[0]!,
      display: `6222 0212 3456 ${String(n).padStart(4, "0")} 123 一个很长的户名用于测试自动换行是否正常工作`,
      answerNote: n % 7 === 0 ? "备注".repeat(200) : "",
    }));
    const file = await requestPdf(data);
    const pages = await pdfText(file.body);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(page).toContain(`导出编号 EX-20260601-7f3a9c · 第 ${i + 1} 页，共 ${pages.length} 页`);
    });
    // Every page after the first that continues the table starts with its header again.
    for (const page of pages.slice(1, -1)) expect(page).toContain("账号 / 标识");
    expect(pages.join("\n")).toContain("0059 123");
    expect(file.body.length).toBeLessThan(MAX_BYTES);
  });

  it("shows no victim data without a disclosure, even if the input carries it", async () => {
    const text = (await pdfText((await requestPdf(requestData())).body)).join("\n");
    for (const secret of ["李小红", "13912345678", "对方自称客服", "R-2026-000101"]) expect(text).not.toContain(secret);
  });

  it("lists disclosed fields with their justifications, and only those fields", async () => {
    const data = requestData({
      locale: "en",
      disclosures: [{ field: "victimNames", justification: "Needed to match the transfers to the payers." }],
    });
    const text = (await pdfText((await requestPdf(data)).body)).join("\n");
    expect(text).toContain("Request for assistance: Emergency stop-payment / freeze");
    expect(text).toContain("Needed to match the transfers to the payers.");
    expect(text).toContain("李小红");
    expect(text).toMatch(/Export EX-20260601-7f3a9c · page 1 of \d/);
    for (const secret of ["13912345678", "对方自称客服"]) expect(text).not.toContain(secret);
  });

  it("copes with text the font has no glyph for", async () => {
    const data = requestData();
    data.request.body = "控制字符\u0007与表情😀及制表\t符";
    const text = (await pdfText((await requestPdf(data)).body)).join("\n");
    expect(text).toContain("控制字符");
  });
});
