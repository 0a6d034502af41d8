import { describe, expect, it, vi } from "vitest";
import { AppError, DatabaseUnavailableError, ForbiddenError, NotFoundError } from "@/lib/errors";

const logged = vi.hoisted(() => [] as unknown[]);
const warned = vi.hoisted(() => [] as unknown[]);
vi.mock("@/lib/log", () => ({
  logError: (e: unknown) => (logged.push(e), "id123456"),
  log: (_level: string, msg: string) => warned.push(msg),
}));
const { guard } = await import("./guard");

const fail = (e: unknown) => () => Promise.reject(e);

describe("guard", () => {
  it("returns the result when nothing fails", async () => {
    expect(
      await guard(
        "t",
        async () => 42,
        () => -1,
      ),
    ).toBe(42);
  });

  it("maps typed errors to their code and status without logging", async () => {
    for (const [e, code, status] of [
      [new ForbiddenError(), "forbidden", 403],
      [new NotFoundError("case"), "notFound", 404],
      [new AppError("emailTaken", 409), "emailTaken", 409],
    ] as const) {
      const r = await guard("t", fail(e), (f) => f);
      expect(r).toMatchObject({ code, status, error: e });
      expect(r).not.toHaveProperty("errorId");
    }
    expect(logged).toEqual([]);
  });

  it("logs anything else and gives the user only an id", async () => {
    const boom = new Error("connection reset; password=hunter2");
    const r = await guard("t", fail(boom), (f) => f);
    expect(r).toEqual({ code: "unexpected", status: 500, errorId: "id123456", error: boom });
    expect(logged).toEqual([boom]);
  });

  it("answers an unreachable database with 503 'try again', logged as a warning without the error", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const r = await guard("t", fail(refused), (f) => f);
    expect(r).toMatchObject({ code: "databaseUnavailable", status: 503 });
    expect(r.error).toBeInstanceOf(DatabaseUnavailableError);
    expect(r).not.toHaveProperty("errorId");
    expect(warned).toEqual(["database unavailable"]);
    expect(logged).not.toContain(refused);
  });

  it("lets redirect() and notFound() through", async () => {
    for (const digest of ["NEXT_REDIRECT;replace;/en/login;307;", "NEXT_HTTP_ERROR_FALLBACK;404"]) {
      const e = Object.assign(new Error("control flow"), { digest });
      await expect(guard("t", fail(e), () => "mapped")).rejects.toBe(e);
    }
  });
});
