import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Readiness } from "@/lib/ops/readiness";

const state = vi.hoisted(() => ({ current: { ready: true } as Readiness }));
vi.mock("@/lib/ops/readiness", () => ({ readiness: async () => state.current }));
const { GET } = await import("./route");

beforeEach(() => {
  state.current = { ready: true };
});

describe("GET /api/ready", () => {
  it("answers 200 when ready, uncached", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await res.json()).toEqual({ status: "ready" });
  });

  it.each(["database_unreachable", "migrations_pending", "storage_not_writable"] as const)(
    "answers 503 with the reason code %s and Retry-After",
    async (reason) => {
      state.current = { ready: false, reason };
      const res = await GET();
      expect(res.status).toBe(503);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toEqual({ status: "not_ready", reason });
    },
  );
});
