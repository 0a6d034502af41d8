import { expect, it } from "vitest";
import { badActionResponse, isMalformedActionPost } from "./request-check";

it("refuses action posts whose body cannot be a form", () => {
  const h = (o: Record<string, string>) => new Headers(o);
  const action = { "next-action": "7f00aa" };
  expect(isMalformedActionPost("POST", h({ ...action, "content-type": "text/plain;charset=UTF-8" }))).toBe(true);
  expect(isMalformedActionPost("POST", h({ ...action, "content-type": "application/json" }))).toBe(true);
  expect(isMalformedActionPost("POST", h(action))).toBe(true);
  expect(isMalformedActionPost("POST", h({ ...action, "content-type": "multipart/form-data; boundary=x" }))).toBe(
    false,
  );
  // Plain form posts (no JavaScript) and other requests are not actions by header.
  expect(isMalformedActionPost("POST", h({ "content-type": "application/x-www-form-urlencoded" }))).toBe(false);
  expect(isMalformedActionPost("GET", h(action))).toBe(false);
});

it("answers 400 in the page's language", async () => {
  const r = badActionResponse("/zh-CN/report");
  expect(r.status).toBe(400);
  expect(await r.text()).toContain("无法识别");
  expect(await badActionResponse("/en/login").text()).toContain("not a form we can read");
});
