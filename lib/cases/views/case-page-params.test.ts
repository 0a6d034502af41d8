import { describe, expect, it } from "vitest";
import { bannerOf, caseNumberFromPath, casePageHref, parseCasePageParams } from "./case-page-params";

describe("case page URL", () => {
  it("reads the case number from the path, encoded or not, and nothing else", () => {
    expect(caseNumberFromPath("C-2026-00042")).toBe("C-2026-00042");
    expect(caseNumberFromPath("c-2026-00042")).toBe("C-2026-00042");
    expect(caseNumberFromPath("%25")).toBeNull();
    expect(caseNumberFromPath("%")).toBeNull();
    expect(caseNumberFromPath("C-2026-00042%00")).toBeNull();
  });

  it("takes a report cursor only as a positive int32; anything else names no page", () => {
    expect(parseCasePageParams({ after: "51" })?.after).toBe(51);
    expect(parseCasePageParams({})?.after).toBeUndefined();
    for (const bad of ["2147483648", "0", "-1", "1e3", "x", "99999999999"])
      expect(parseCasePageParams({ after: bad })).toBeNull();
  });

  it("shows every identifier or routing row only when asked for exactly that", () => {
    expect(parseCasePageParams({ identifiers: "all", routing: "all" })).toMatchObject({
      showAllIdentifiers: true,
      showAllRouting: true,
    });
    expect(parseCasePageParams({ routing: "ALL" })?.showAllRouting).toBe(false);
    expect(parseCasePageParams({})?.showAllRouting).toBe(false);
  });

  it("names the routing row being edited only by a positive int32 id", () => {
    expect(parseCasePageParams({ route: "77245" })?.editRoute).toBe(77245);
    for (const bad of [undefined, "", "0", "-1", "1.5", "abc", "2147483648", "99999999999"])
      expect(parseCasePageParams({ route: bad })?.editRoute).toBeNull();
  });

  it("renders the whole page at once only for whole=1", () => {
    expect(parseCasePageParams({ whole: "1" })?.whole).toBe(true);
    for (const other of [undefined, "", "0", "true", "yes"])
      expect(parseCasePageParams({ whole: other })?.whole).toBe(false);
    expect(parseCasePageParams({ whole: ["1", "0"] })?.whole).toBe(true);
  });

  it("links to another view of the page at its section, keeping whole=1 on a whole page", () => {
    expect(casePageHref("en", "C-2026-00042", { after: 51 }, "reports", false)).toBe(
      "/en/staff/cases/C-2026-00042?after=51#reports",
    );
    expect(casePageHref("zh-CN", "C-2026-00042", { why: "R-2026-000123", route: null }, "why", true)).toBe(
      "/zh-CN/staff/cases/C-2026-00042?why=R-2026-000123&whole=1#why",
    );
    expect(casePageHref("en", "C-2026-00042", {}, "reports", false)).toBe("/en/staff/cases/C-2026-00042#reports");
    // A form's outcome query as it is, repeated keys and all.
    expect(casePageHref("en", "C-2026-00042", new URLSearchParams("done=x&at=1&at=2"), "notes", true)).toBe(
      "/en/staff/cases/C-2026-00042?done=x&at=1&at=2&whole=1#notes",
    );
    // What the links carry reads back as the same view.
    const href = casePageHref("en", "C-2026-00042", { routing: "all", route: 77245 }, "route-77245", true);
    const q = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseCasePageParams(q)).toMatchObject({ showAllRouting: true, editRoute: 77245, whole: true });
  });

  it("shows only known message keys and well-formed error ids", () => {
    expect(bannerOf({ done: "abc" })).toEqual({ kind: "done" });
    expect(bannerOf({ error: "invalidTransition" })).toEqual({
      kind: "error",
      code: "invalidTransition",
      errorId: null,
    });
    expect(bannerOf({ error: "invalid", field: "reasonRequired" })).toMatchObject({ code: "reasonRequired" });
    // Text of the visitor's choosing never reaches the page.
    expect(bannerOf({ error: "Your account is suspended, call 123" })).toEqual({
      kind: "error",
      code: "invalid",
      errorId: null,
    });
    expect(bannerOf({ error: "loginThrottled" })).toMatchObject({ code: "invalid" });
    expect(bannerOf({ error: "unexpected", errorId: "Call +86 10 1234" })).toEqual({
      kind: "error",
      code: "unexpected",
      errorId: null,
    });
    expect(bannerOf({ error: "unexpected", errorId: "0a1b2c3d" })).toMatchObject({ errorId: "0a1b2c3d" });
    expect(bannerOf({ error: "notFound", errorId: "0a1b2c3d" })).toMatchObject({ errorId: null });
    expect(bannerOf({})).toBeNull();
    expect(parseCasePageParams({ why: "R-2026-000001" })?.why).toBe("R-2026-000001");
    expect(parseCasePageParams({ why: "<b>x</b>" })?.why).toBeNull();
  });
});
