import { describe, expect, it, vi } from "vitest";
import { isConcurrencyConflict, retryOnConflict } from "./retry";

const fk = Object.assign(
  new Error(
    'Invalid `prisma.$executeRaw()` invocation:\n\nRaw query failed. Code: `23503`. Message: `insert or update on table "Report" violates foreign key constraint "Report_caseId_fkey"`',
  ),
  { code: "P2010" },
);

describe("isConcurrencyConflict", () => {
  it("knows the adapter's raw-query foreign-key error, Prisma's codes and pg's SQLSTATEs", () => {
    expect(isConcurrencyConflict(fk)).toBe(true);
    expect(isConcurrencyConflict({ code: "P2034" })).toBe(true);
    expect(
      isConcurrencyConflict({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "40P01" } } } }),
    ).toBe(true);
    expect(isConcurrencyConflict(Object.assign(new Error("x"), { cause: { code: "40001" } }))).toBe(true);
  });
  it("leaves every other error alone", () => {
    expect(isConcurrencyConflict(new Error("Raw query failed. Code: `23505`. unique"))).toBe(false);
    expect(isConcurrencyConflict({ code: "P2002" })).toBe(false);
    expect(isConcurrencyConflict(null)).toBe(false);
    expect(isConcurrencyConflict("23503")).toBe(false);
  });
});

describe("retryOnConflict", () => {
  it("runs again after a conflict and returns the later result", async () => {
    const run = vi.fn().mockRejectedValueOnce(fk).mockResolvedValueOnce("stored");
    await expect(retryOnConflict(run)).resolves.toBe("stored");
    expect(run).toHaveBeenCalledTimes(2);
  });
  it("throws any other error at once, and a conflict after the last attempt", async () => {
    const other = vi.fn().mockRejectedValue(new Error("boom"));
    await expect(retryOnConflict(other)).rejects.toThrow("boom");
    expect(other).toHaveBeenCalledTimes(1);
    const always = vi.fn().mockRejectedValue(fk);
    await expect(retryOnConflict(always, 3)).rejects.toBe(fk);
    expect(always).toHaveBeenCalledTimes(3);
  });
});
