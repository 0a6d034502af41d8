import { hash as argon2 } from "@node-rs/argon2";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { hashPin, newPin, pinMatches } from "./pin";

beforeAll(() => {
  process.env.APP_SECRET = "unit-test-secret-0123456789abcdef0123";
  resetEnvCache();
});

const REF = "R-2026-000123";

describe("status PIN hash", () => {
  it("makes 8-digit PINs", () => {
    for (let i = 0; i < 200; i++) expect(newPin()).toMatch(/^\d{8}$/);
  });

  it("matches only the right PIN of the right reference", async () => {
    const stored = hashPin(REF, "01234567");
    expect(stored).toMatch(/^h1:[\w-]{43}$/);
    expect(stored).not.toContain("01234567");
    expect(await pinMatches(stored, REF, "01234567")).toBe(true);
    expect(await pinMatches(stored, REF, "01234568")).toBe(false);
    // Bound to the reference: the same PIN of another report is another hash.
    expect(hashPin("R-2026-000124", "01234567")).not.toBe(stored);
    expect(await pinMatches(stored, "R-2026-000124", "01234567")).toBe(false);
  });

  it("never matches without a stored hash or with a damaged one", async () => {
    expect(await pinMatches(null, REF, "01234567")).toBe(false);
    const stored = hashPin(REF, "01234567");
    expect(await pinMatches(stored.slice(0, -2), REF, "01234567")).toBe(false);
    expect(await pinMatches("h1:", REF, "01234567")).toBe(false);
    expect(await pinMatches("plain 01234567", REF, "01234567")).toBe(false);
  });

  it("depends on the app secret, which is kept outside the database", async () => {
    const stored = hashPin(REF, "01234567");
    process.env.APP_SECRET = "another-secret-0123456789abcdef012345";
    resetEnvCache();
    vi.resetModules();
    try {
      const fresh = await import("./pin");
      expect(fresh.hashPin(REF, "01234567")).not.toBe(stored);
      expect(await fresh.pinMatches(stored, REF, "01234567")).toBe(false);
    } finally {
      process.env.APP_SECRET = "unit-test-secret-0123456789abcdef0123";
      resetEnvCache();
    }
  });

  it("still verifies an argon2 hash written before the keyed hash", async () => {
    const legacy = await argon2("76543210");
    expect(await pinMatches(legacy, REF, "76543210")).toBe(true);
    expect(await pinMatches(legacy, REF, "76543211")).toBe(false);
  });
});
