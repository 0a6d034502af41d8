import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { victimKey } from "./victim-key";

beforeAll(() => {
  process.env.APP_SECRET = "unit-test-secret-0123456789abcdef0123";
  resetEnvCache();
});

describe("victimKey", () => {
  it("gives one key for one phone however it is written", () => {
    const key = victimKey("13800001111", "R-2026-000001");
    for (const spelling of ["138 0000 1111", "+86 138-0000-1111", "0086 13800001111", "１３８００００１１１１"]) {
      expect(victimKey(spelling, "R-2026-000002")).toBe(key);
    }
    expect(victimKey("13800002222", "R-2026-000001")).not.toBe(key);
  });

  it("stores a keyed hash, never the phone's digits", () => {
    const key = victimKey("+86 138 0000 1111", "R-2026-000001");
    expect(key).toMatch(/^v:[0-9a-f]{32}$/);
    expect(key).not.toContain("13800001111");
  });

  it("makes an anonymous report its own victim", () => {
    expect(victimKey("", "R-2026-000003")).toBe("R-2026-000003");
    expect(victimKey(null, "R-2026-000004")).toBe("R-2026-000004");
    expect(victimKey("none", "R-2026-000005")).toBe("R-2026-000005");
  });
});
