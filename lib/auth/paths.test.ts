import { describe, expect, it } from "vitest";
import { homePathFor, isMalformedPath, isProtectedPath, landingPath, loginPath, safeNext } from "./paths";
import { hasSessionCookie } from "./session-cookie";

describe("safeNext", () => {
  it("accepts our staff and portal pages with their query", () => {
    expect(safeNext("/en/staff")).toBe("/en/staff");
    expect(safeNext("/zh-CN/staff/admin/audit?action=user.")).toBe("/zh-CN/staff/admin/audit?action=user.");
    expect(safeNext("/en/portal")).toBe("/en/portal");
  });

  it("refuses anything that could leave the site or is not a protected page", () => {
    for (const bad of [
      "https://evil.example/en/staff",
      "//evil.example/en/staff",
      "/\\evil.example",
      "/en/staffing",
      "/en/report",
      "/fr/staff",
      "javascript:alert(1)",
      "/en/staff\n",
      "",
      undefined,
      42,
    ]) {
      expect(safeNext(bad), String(bad)).toBeNull();
    }
  });
});

describe("landing after sign-in", () => {
  it("staff go where they asked, or to the staff home", () => {
    expect(landingPath("admin", "en", "/en/staff/admin/users")).toBe("/en/staff/admin/users");
    expect(landingPath("investigator", "zh-CN", undefined)).toBe("/zh-CN/staff");
    expect(landingPath("investigator", "en", "/en/portal")).toBe("/en/staff");
  });

  it("liaisons always land in the portal", () => {
    expect(landingPath("liaison", "en", "/en/staff/cases")).toBe("/en/portal");
    expect(homePathFor("liaison", "zh-CN")).toBe("/zh-CN/portal");
  });

  it("builds login URLs with the way back", () => {
    expect(loginPath("en", "/en/staff?x=1")).toBe("/en/login?next=%2Fen%2Fstaff%3Fx%3D1");
    expect(loginPath("zh-CN")).toBe("/zh-CN/login");
  });

  it("knows which paths are protected", () => {
    expect(isProtectedPath("/en/staff")).toBe(true);
    expect(isProtectedPath("/zh-CN/portal/requests")).toBe(true);
    expect(isProtectedPath("/en/login")).toBe(false);
    expect(isProtectedPath("/en/report")).toBe(false);
  });
});

describe("session cookie presence", () => {
  const jar = (...names: string[]) => ({ getAll: () => names.map((name) => ({ name, value: "x" })) });
  it("recognises plain, secure and chunked Auth.js cookies only", () => {
    expect(hasSessionCookie(jar("authjs.session-token"))).toBe(true);
    expect(hasSessionCookie(jar("__Secure-authjs.session-token.0"))).toBe(true);
    expect(hasSessionCookie(jar("authjs.csrf-token", "NEXT_LOCALE"))).toBe(false);
  });
});

describe("isMalformedPath", () => {
  it("finds percent signs that are not valid escapes, and only those", () => {
    for (const bad of [
      "/en/staff/admin/users/%",
      "/en/staff/admin/users/%25%",
      "/en/staff/cases/%E0%A4%A",
      "/en/%zz/x",
    ]) {
      expect(isMalformedPath(bad), bad).toBe(true);
    }
    for (const ok of ["/en/staff/admin/users/%2525", "/zh-CN/staff/cases/C-2026-00001", "/en/%E4%B8%AD", "/en"]) {
      expect(isMalformedPath(ok), ok).toBe(false);
    }
  });
});
