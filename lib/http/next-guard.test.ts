import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { boundaryRefusal } from "./next-guard";
import { resetOriginCache } from "./origin";

// The status sign-in check, as the app would answer it: only R-2026-000777 and 203.0.113.9 are over a limit.
const asked: [string | null, string][] = [];
vi.mock("@/lib/victims/status-limit-check", () => ({
  isStatusSignInLimitedFor: async (reference: string | null, ip: string) => {
    asked.push([reference, ip]);
    return ip === "203.0.113.9" || reference === "R-2026-000777";
  },
}));

beforeAll(() => {
  delete process.env.APP_URL;
  process.env.PORT = "3000";
  resetEnvCache();
  resetOriginCache();
});
afterEach(() => {
  asked.length = 0;
});

function signIn(reference: string, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set("reference", reference);
  form.set("pin", "12345678");
  return new NextRequest("http://localhost:3000/zh-CN/status", {
    method: "POST",
    body: form,
    headers: { origin: "http://localhost:3000", ...headers },
  });
}

describe("boundaryRefusal for a bare `next start`: the status sign-in", () => {
  it("refuses a form post for a reference over its limit with the 429 page, and leaves the body readable", async () => {
    const req = signIn("R-2026-000777");
    const refused = await boundaryRefusal(req);
    expect(refused?.status).toBe(429);
    expect(refused?.body).toContain("尝试次数过多");
    expect(refused?.headers["retry-after"]).toBe("3600");
    // Read from a clone: the request's own body is still there for Next.js.
    expect((await req.formData()).get("reference")).toBe("R-2026-000777");
    // Without serve.ts's mark every client is "unknown" (one bucket: limits fail closed).
    expect(asked).toEqual([["R-2026-000777", "unknown"]]);
  });

  it("lets other references and JavaScript submissions through", async () => {
    expect(await boundaryRefusal(signIn("R-2026-000001"))).toBeNull();
    expect(await boundaryRefusal(signIn("R-2026-000777", { "next-action": "abc" }))).toBeNull();
    expect(asked).toEqual([["R-2026-000001", "unknown"]]);
  });
});
