import { describe, expect, it } from "vitest";
import { defaultKindFor, disclosuresOf, dueAtOf, identifierIdsOf, requestBannerOf, toLocalInput } from "./request-form";

describe("the create form, read without JavaScript", () => {
  it("checked identifiers are identifier.<id>=on; anything else is ignored", () => {
    expect(
      identifierIdsOf({
        "identifier.12": "on",
        "identifier.7": "on",
        "identifier.8": "off",
        "identifier.0": "on",
        "identifier.99999999999": "on",
        "identifier.x": "on",
        identifier: "on",
        "identifier.12 ": "on",
      }),
    ).toEqual([12, 7]);
  });

  it("a victim field is shared only when its box is checked, with its justification trimmed", () => {
    expect(
      disclosuresOf({
        "include.victimNames": "on",
        "justification.victimNames": "  银行核对付款人身份需要姓名 ",
        "justification.victimPhones": "typed but not included",
        "include.narratives": "on",
      }),
    ).toEqual([
      { field: "victimNames", justification: "银行核对付款人身份需要姓名" },
      { field: "narratives", justification: "" },
    ]);
    expect(disclosuresOf({})).toEqual([]);
  });

  it("the due time is China time; empty means the setting; nonsense is refused", () => {
    expect(dueAtOf("")).toBeNull();
    expect(dueAtOf(undefined)).toBeNull();
    expect((dueAtOf("2026-06-02T09:30") as Date).toISOString()).toBe("2026-06-02T01:30:00.000Z");
    expect(dueAtOf("2026-02-31T09:30")).toBe("invalid");
    expect(dueAtOf("tomorrow")).toBe("invalid");
    expect(toLocalInput(new Date("2026-06-02T01:30:00Z"))).toBe("2026-06-02T09:30");
  });

  it("the kind an organisation is usually asked for", () => {
    expect(defaultKindFor("bank")).toBe("freeze_accounts");
    expect(defaultKindFor("payment")).toBe("freeze_accounts");
    expect(defaultKindFor("telecom")).toBe("block_numbers");
    expect(defaultKindFor("internet")).toBe("block_numbers");
    expect(defaultKindFor("hosting")).toBe("take_down");
    expect(defaultKindFor("platform")).toBe("information");
    expect(defaultKindFor("platform", true)).toBe("data_leak_notice");
    expect(defaultKindFor("courier")).toBe("information");
  });
});

describe("the panel's banner", () => {
  it("only for request actions, only known codes", () => {
    expect(requestBannerOf({ done: "x" })).toBeNull();
    expect(requestBannerOf({ panel: "requests", done: "sent" })).toEqual({ kind: "done", what: "sent" });
    expect(requestBannerOf({ panel: "requests", done: "<script>" })).toBeNull();
    expect(requestBannerOf({ panel: "requests", error: "justificationShort" })).toEqual({
      kind: "error",
      code: "justificationShort",
      scope: "liaisonErrors",
      errorId: null,
    });
    // A field's code says more than "invalid".
    expect(requestBannerOf({ panel: "requests", error: "invalid", field: "organisationMissing" })).toMatchObject({
      code: "organisationMissing",
      scope: "liaisonErrors",
    });
    expect(requestBannerOf({ panel: "requests", error: "invalid", field: "invalidDate" })).toMatchObject({
      code: "invalidDate",
      scope: "errors",
    });
    expect(requestBannerOf({ panel: "requests", error: "whatever" })).toMatchObject({ code: "invalid" });
    expect(requestBannerOf({ panel: "requests", error: "unexpected", errorId: "0123abcd" })).toMatchObject({
      errorId: "0123abcd",
    });
    expect(requestBannerOf({ panel: "requests", error: "unexpected", errorId: "<b>" })).toMatchObject({
      errorId: null,
    });
  });
});
