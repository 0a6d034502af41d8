import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { escapeCell, requestCsv } from "./csv";
import { requestData } from "./test-support/fixtures";

const decode = (b: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(b);
const rowsOf = (b: Uint8Array) => parse(decode(b).slice(1), { relax_column_count: true }) as string[][];

describe("requestCsv", () => {
  it("starts with a UTF-8 byte-order mark and uses CRLF lines", () => {
    const { body, contentType, filename } = requestCsv(requestData());
    expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decode(body)).toContain("\r\n");
    expect(contentType).toBe("text/csv; charset=utf-8");
    expect(filename).toBe("Q-2026-000123-EX-20260601-7f3a9c.csv");
  });

  it("names the export, the request and the case on its first lines", () => {
    const rows = rowsOf(requestCsv(requestData()).body);
    expect(rows.slice(0, 3)).toEqual([
      ["导出编号", "EX-20260601-7f3a9c"],
      ["请求编号", "Q-2026-000123"],
      ["案件编号", "C-2026-00042"],
    ]);
  });

  it("translates the header row and writes yuan with two decimals from fen", () => {
    const zh = rowsOf(requestCsv(requestData()).body);
    const header = zh.findIndex((r) => r[0] === "类型");
    expect(zh[header]).toContain("支付金额（元）");
    expect(zh[header + 1]!.slice(0, 5)).toEqual(["银行账户", "6222 0212 3456 7890 123 张某某", "38000.00", "2", "2"]);
    expect(zh[header + 1]![7]).toBe("已冻结");
    expect(zh[header + 2]![2]).toBe("12345.05");
    expect(zh[header + 2]![5]).toBe("2026-05-30 20:00");

    const en = rowsOf(requestCsv(requestData({ locale: "en" })).body);
    expect(en[0]).toEqual(["Export id", "EX-20260601-7f3a9c"]);
    expect(en.find((r) => r[0] === "Type")).toContain("Paid (CNY)");
  });

  it("keeps amounts exact beyond a double's precision", () => {
    const data = requestData();
    data.items[0]!.paidMinor = 9_007_199_254_740_993n; // 2^53 + 1 fen
    expect(decode(requestCsv(data).body)).toContain("90071992547409.93");
  });

  it("escapes cells a spreadsheet would run as formulas", () => {
    const text = decode(requestCsv(requestData()).body);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).toContain("'+86 171 2345 6789");
    for (const [input, out] of [
      ["=1+1", "'=1+1"],
      ["+1", "'+1"],
      ["-1", "'-1"],
      ["@SUM(A1)", "'@SUM(A1)"],
      ["\t=1", "'\t=1"],
      ["\r=1", "'\r=1"],
      ["a=1", "a=1"],
      ["38000.00", "38000.00"],
      ["", ""],
    ]) {
      expect(escapeCell(input!)).toBe(out);
    }
  });

  it("writes no victim data when nothing was disclosed, even if the input carries it", () => {
    const text = decode(requestCsv(requestData()).body);
    for (const secret of ["李小红", "13912345678", "对方自称客服", "R-2026-000101", "姓名", "电话"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("writes only the disclosed fields, with their justifications", () => {
    const data = requestData({
      disclosures: [{ field: "victimPhones", justification: "银行需核对被害人转账记录，请求附被害人电话" }],
    });
    const text = decode(requestCsv(data).body);
    expect(text).toContain("13912345678");
    expect(text).toContain("银行需核对被害人转账记录");
    expect(text).toContain("被害人电话");
    expect(text).toContain("R-2026-000101");
    for (const secret of ["李小红", "赵大明", "对方自称客服", "会议软件", "姓名", "陈述"]) {
      expect(text).not.toContain(secret);
    }
    const rows = rowsOf(requestCsv(data).body);
    expect(rows.find((r) => r[0] === "报案编号")).toEqual(["报案编号", "电话", "支付金额（元）", "首次支付时间"]);
    expect(rows.find((r) => r[0] === "R-2026-000101")).toEqual([
      "R-2026-000101",
      "13912345678",
      "20000.00",
      "2026-05-28 14:05",
    ]);
  });
});
