import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError, NotFoundError } from "@/lib/errors";
import { currentRequest, runWithRequest } from "@/lib/http/request-context";
import { asDatabaseError, isDatabaseUnavailable } from "./unavailable";

const socketError = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: "connect" });
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "FATAL" });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["refused connection", socketError("ECONNREFUSED")],
    ["reset connection", socketError("ECONNRESET")],
    ["server shut down (57P01)", pgError("57P01", "terminating connection due to administrator command")],
    ["server starting up (57P03)", pgError("57P03", "the database system is starting up")],
    ["connection failure (08006)", pgError("08006", "connection failure")],
    ["Prisma P1001", Object.assign(new Error("Can't reach database server"), { code: "P1001" })],
    ["Prisma P1017", Object.assign(new Error("Server has closed the connection."), { code: "P1017" })],
    ["pool timeout P2024", Object.assign(new Error("Timed out fetching a new connection"), { code: "P2024" })],
    ["cut connection", new Error("Connection terminated unexpectedly")],
    [
      "driver adapter error in meta",
      Object.assign(new Error("x"), {
        code: "P2010",
        meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } },
      }),
    ],
    [
      "postgres kind with a shutdown code",
      Object.assign(new Error("x"), { cause: { kind: "postgres", originalCode: "57P01" } }),
    ],
    ["wrapped in a cause", new Error("query failed", { cause: socketError("ECONNREFUSED") })],
    ["aggregate", new AggregateError([socketError("ECONNREFUSED")])],
    ["typed", new DatabaseUnavailableError()],
  ])("%s: yes", (_, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    ["unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["syntax error", pgError("42601", "syntax error at or near")],
    ["an app error", new NotFoundError()],
    ["a plain bug", new TypeError("x is undefined")],
    ["not an error", "ECONNREFUSED"],
    ["null", null],
  ])("%s: no", (_, err) => expect(isDatabaseUnavailable(err)).toBe(false));

  it("stops at cycles and deep nesting", () => {
    const a: Record<string, unknown> = { message: "a" };
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe("asDatabaseError", () => {
  it("types an unreachable database and marks the request, naming it in the digest", () => {
    const ctx = { id: "req-12345678" };
    const out = runWithRequest(ctx, () => asDatabaseError(socketError("ECONNREFUSED")));
    expect(out).toBeInstanceOf(DatabaseUnavailableError);
    expect((out as DatabaseUnavailableError).status).toBe(503);
    expect((out as DatabaseUnavailableError).digest).toBe("casework-db-unavailable:req-12345678");
    expect(ctx).toEqual({ id: "req-12345678", databaseUnavailable: true });
  });

  it("leaves other errors alone and the request unmarked", () => {
    const ctx = { id: "req-12345678" };
    const bug = new TypeError("boom");
    expect(runWithRequest(ctx, () => asDatabaseError(bug))).toBe(bug);
    expect(runWithRequest(ctx, () => currentRequest())).toEqual({ id: "req-12345678" });
  });

  it("works outside a request", () => {
    expect(asDatabaseError(socketError("ECONNREFUSED"))).toBeInstanceOf(DatabaseUnavailableError);
  });
});
