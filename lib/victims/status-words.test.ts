import { describe, expect, it } from "vitest";
import { orgKindGroup, requestLines, stageOf } from "./status-words";

describe("stageOf", () => {
  it("maps case statuses to what a victim hears", () => {
    expect(stageOf(null, false)).toBe("received");
    expect(stageOf("new", false)).toBe("received");
    expect(stageOf("new", true)).toBe("joined");
    expect(stageOf("triage", true)).toBe("joined");
    expect(stageOf("investigating", false)).toBe("investigating");
    expect(stageOf("referred", true)).toBe("investigating");
    expect(stageOf("closed", true)).toBe("closed");
  });
});

describe("requestLines", () => {
  it("groups requests by kind and kind of organisation, counting answers", () => {
    const lines = requestLines([
      { kind: "freeze_accounts", orgKind: "bank", outcomes: ["frozen", null, "frozen"] },
      { kind: "block_numbers", orgKind: "telecom", outcomes: [null] },
      { kind: "freeze_accounts", orgKind: "bank", outcomes: ["not_found"] },
      { kind: "unknown_kind", orgKind: "bank", outcomes: ["frozen"] },
    ]);
    expect(lines).toEqual([
      {
        kind: "freeze_accounts",
        orgKind: "bank",
        count: 2,
        answers: [
          { outcome: "frozen", count: 2 },
          { outcome: "not_found", count: 1 },
        ],
      },
      { kind: "block_numbers", orgKind: "telecom", count: 1, answers: [] },
    ]);
  });

  it("names an organisation only by its kind", () => {
    expect(orgKindGroup("bank")).toBe("bank");
    expect(orgKindGroup("Industrial and Commercial Bank")).toBe("other");
  });
});
