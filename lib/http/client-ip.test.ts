import { expect, it } from "vitest";
import { clientIpFrom, UNKNOWN_CLIENT } from "./client-ip";
import { EDGE_HEADER, edgeToken } from "./edge-mark";

it("believes X-Forwarded-For only on a request scripts/serve.ts marked", () => {
  const mark = { [EDGE_HEADER]: edgeToken() };
  expect(clientIpFrom(new Headers({ ...mark, "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
  expect(clientIpFrom(new Headers({ ...mark, "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
  expect(clientIpFrom(new Headers(mark))).toBe(UNKNOWN_CLIENT);
});

it("gives every client one shared address on a bare `next start`", () => {
  // A client picking its own address would get a fresh rate-limit bucket per request.
  expect(clientIpFrom(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe(UNKNOWN_CLIENT);
  expect(clientIpFrom(new Headers({ "x-forwarded-for": "10.0.0.1, 203.0.113.9" }))).toBe(UNKNOWN_CLIENT);
  expect(clientIpFrom(new Headers({ [EDGE_HEADER]: "ab".repeat(32), "x-forwarded-for": "203.0.113.9" }))).toBe(
    UNKNOWN_CLIENT,
  );
});
