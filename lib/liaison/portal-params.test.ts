import { describe, expect, it } from "vitest";
import { liaisonErrorCodes } from "./errors";
import { parseInboxParams, portalBannerOf, portalErrorCodes, requestNumberFromPath } from "./portal-params";

describe("parseInboxParams", () => {
  it("keeps known filters", () => {
    expect(parseInboxParams({ status: "open", kind: "freeze_accounts", overdue: "1" })).toEqual({
      status: "open",
      kind: "freeze_accounts",
      overdue: true,
    });
    expect(parseInboxParams({ status: "answered", overdue: "on" })).toEqual({ status: "answered", overdue: true });
  });

  it("ignores drafts, unknown values, empty choices and repeated parameters beyond the first", () => {
    expect(parseInboxParams({ status: "draft", kind: "freeze", overdue: "0" })).toEqual({});
    expect(parseInboxParams({ status: "", kind: "" })).toEqual({});
    expect(parseInboxParams({ status: ["closed", "draft"], kind: ["x", "take_down"] })).toEqual({ status: "closed" });
    expect(parseInboxParams({ status: "'; DROP TABLE" })).toEqual({});
  });
});

describe("requestNumberFromPath", () => {
  it("reads plain, encoded and lower-case numbers", () => {
    expect(requestNumberFromPath("Q-2026-000123")).toBe("Q-2026-000123");
    expect(requestNumberFromPath("q-2026-000123")).toBe("Q-2026-000123");
    expect(requestNumberFromPath("Q%2D2026%2D000123")).toBe("Q-2026-000123");
  });
  it("refuses anything else", () => {
    for (const raw of ["C-2026-00001", "Q-2026-1", "%", "%E0%A4%A", "Q-2026-000123x", ""])
      expect(requestNumberFromPath(raw)).toBeNull();
  });
});

describe("portalBannerOf", () => {
  it("a known success", () => {
    expect(portalBannerOf({ done: "answered" })).toEqual({ kind: "done", what: "answered" });
    expect(portalBannerOf({ done: "<script>" })).toBeNull();
    expect(portalBannerOf({})).toBeNull();
  });

  it("errors by the namespace that words them; a field's code first; unknown codes are 'invalid'", () => {
    expect(portalBannerOf({ error: "amountRequired" })).toMatchObject({
      namespace: "liaisonErrors",
      code: "amountRequired",
    });
    expect(portalBannerOf({ error: "attachmentType" })).toMatchObject({ namespace: "portal", code: "attachmentType" });
    expect(portalBannerOf({ error: "invalid", field: "invalidAmount" })).toMatchObject({
      namespace: "errors",
      code: "invalidAmount",
    });
    expect(portalBannerOf({ error: "Your bank account is hacked" })).toMatchObject({
      namespace: "errors",
      code: "invalid",
    });
  });

  it("shows an error id only with 'unexpected', and only one lib/log.ts could have made", () => {
    expect(portalBannerOf({ error: "unexpected", errorId: "0123abcd" })).toMatchObject({ errorId: "0123abcd" });
    expect(portalBannerOf({ error: "unexpected", errorId: "call 123" })).toMatchObject({ errorId: null });
    expect(portalBannerOf({ error: "notFound", errorId: "0123abcd" })).toMatchObject({ errorId: null });
  });

  it("every liaison error code it lists is one the service has", () => {
    for (const code of portalErrorCodes.liaisonErrors) expect(liaisonErrorCodes).toContain(code);
  });
});
