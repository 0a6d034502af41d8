import { expect, it } from "vitest";
import { unroutablePath } from "./path-guard";

it("spots paths whose decoding leaves a %, a control character, or fails — and only those", () => {
  for (const p of [
    "/en/staff/cases/%25",
    "/en/staff/cases/a%25b",
    "/en/staff/cases/%",
    "/en/staff/cases/C-2026-00001%00",
    "/en/staff/cases/%E0%A4%A",
    "/en/staff/admin/users/%0A",
  ])
    expect(unroutablePath(p)).toBe(true);
  for (const p of ["/en/staff/cases/C-2026-00001", "/zh-CN/staff", "/en/staff/cases/%C3%A9", "/en/staff/cases/%2F"])
    expect(unroutablePath(p)).toBe(false);
});
