import { describe, expect, it } from "vitest";
import {
  chinaDate,
  chinaDateTime,
  disclosedFields,
  exportFilename,
  money,
  redactedVictims,
  translator,
  yuan,
} from "./format";
import { requestData } from "./test-support/fixtures";

describe("export formatting", () => {
  it("writes yuan from fen exactly", () => {
    expect(yuan(0n)).toBe("0.00");
    expect(yuan(5n)).toBe("0.05");
    expect(yuan(3_800_050n)).toBe("38000.50");
    expect(yuan(-120n)).toBe("-1.20");
    expect(yuan(2n ** 63n - 1n)).toBe("92233720368547758.07");
    expect(money(3_800_000n, "zh-CN")).toBe("¥38,000.00");
    expect(money(3_800_000n, "en")).toBe("CN¥38,000.00");
  });

  it("writes China time", () => {
    expect(chinaDateTime(new Date("2026-05-31T16:30:00Z"))).toBe("2026-06-01 00:30");
    expect(chinaDate(new Date("2026-05-31T16:30:00Z"))).toBe("2026-06-01");
    expect(chinaDateTime(null)).toBe("");
  });

  it("labels from the catalogue, falling back to the key for free text", () => {
    const { t, label } = translator("en");
    expect(t("requestKind.freeze_accounts")).toBe("Emergency stop-payment / freeze");
    expect(label("cases.identifierKind", "wechat_pay")).toBe("WeChat Pay account");
    expect(label("options.scamType", "某种新型诈骗")).toBe("某种新型诈骗");
  });

  it("lets out only disclosed victim fields", () => {
    expect(redactedVictims(requestData())).toEqual([]);
    const data = requestData({
      disclosures: [
        { field: "narratives", justification: "a" },
        { field: "victimNames", justification: "b" },
        { field: "narratives", justification: "c" },
      ],
    });
    expect(disclosedFields(data)).toEqual(["victimNames", "narratives"]);
    expect(redactedVictims(data)[0]).toEqual({
      reference: "R-2026-000101",
      name: "李小红",
      narrative: "对方自称客服",
      paidMinor: 2_000_000n,
      firstPaidAt: data.victims[0]!.firstPaidAt,
    });
  });

  it("makes file names safe for a header", () => {
    expect(exportFilename("Q-2026-000123", "EX-1", "csv")).toBe("Q-2026-000123-EX-1.csv");
    expect(exportFilename('C-1"\r\n', "x/y", "pdf")).toBe("C-1___-x_y.pdf");
  });
});
