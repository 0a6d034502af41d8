import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { letterheadFromEnv, newExportId } from "./index";

describe("export entry", () => {
  afterEach(() => {
    delete process.env.UNIT_NAME;
    delete process.env.UNIT_PHONE;
    resetEnvCache();
  });

  it("reads the letterhead from the environment, with defaults", () => {
    resetEnvCache();
    expect(letterheadFromEnv()).toEqual({ name: "反诈中心", nameEn: "Anti-Fraud Centre", address: "", phone: "" });
    process.env.UNIT_NAME = "滨江市公安局反诈中心";
    process.env.UNIT_PHONE = "0571-8888 0110";
    resetEnvCache();
    expect(letterheadFromEnv()).toMatchObject({ name: "滨江市公安局反诈中心", phone: "0571-8888 0110" });
  });

  it("makes export ids with the China day and random bits", () => {
    const a = newExportId(new Date("2026-05-31T16:30:00Z"));
    expect(a).toMatch(/^EX-20260601-[0-9a-f]{12}$/);
    expect(newExportId()).not.toBe(newExportId());
  });
});
