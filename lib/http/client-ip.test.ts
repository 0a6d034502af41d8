import { expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

it("takes the address our own server or proxy appended last", () => {
  expect(clientIpFrom(new Headers({ "x-forwarded-for": "10.0.0.1, 203.0.113.9" }))).toBe("203.0.113.9");
  expect(clientIpFrom(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
  expect(clientIpFrom(new Headers())).toBe("unknown");
});
