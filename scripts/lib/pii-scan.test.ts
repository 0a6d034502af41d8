import { describe, expect, it } from "vitest";
import { findPii, spellings } from "./pii-scan";

describe("findPii", () => {
  const logs = [
    {
      file: "server.log",
      text: '{"msg":"request","path":"/en/report"}\n{"msg":"oops","narrative":"my parcel was crushed"}',
    },
    { file: "other.log", text: '{"msg":"lookup 13905310000"}' },
  ];

  it("reports every seeded value found, with its file and line", () => {
    expect(findPii(logs, ["my parcel was crushed", "Li Na", "139 0531 0000"])).toEqual([
      { value: "my parcel was crushed", file: "server.log", line: 2 },
      { value: "13905310000", file: "other.log", line: 1 },
    ]);
  });

  it("finds nothing in clean logs", () => {
    expect(findPii([{ file: "a", text: '{"msg":"request","status":200}' }], ["Li Na", "13800138000"])).toEqual([]);
  });

  it("looks for phones as typed and as bare digits, other values as they are", () => {
    expect(spellings("139 0531 0000")).toEqual(["139 0531 0000", "13905310000"]);
    expect(spellings("+86 139-0531-0000")).toEqual(["+86 139-0531-0000", "8613905310000", "13905310000"]);
    expect(spellings("13905310000")).toEqual(["13905310000"]);
    expect(spellings("Li Na")).toEqual(["Li Na"]);
    expect(spellings("  ")).toEqual([]);
  });
});
