import { afterEach, describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError } from "@/lib/errors";
import { runWithRequest } from "@/lib/http/request-context";
import { captureLogLines } from "@/test/log-lines";
import { log, logError } from "./log";

afterEach(() => vi.restoreAllMocks());

const capture = captureLogLines;

describe("log", () => {
  it("writes one JSON line with level, time, message and the current request's id", () => {
    const lines = capture();
    runWithRequest({ id: "req-abcdef12" }, () => log("warn", "something happened", { count: 2 }));
    log("info", "outside a request");
    const [inside, outside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(inside).toEqual({
      level: "warn",
      t: expect.any(String),
      reqId: "req-abcdef12",
      count: 2,
      msg: "something happened",
    });
    expect(outside).toEqual({ level: "info", t: expect.any(String), msg: "outside a request" });
    expect(new Date(inside!.t as string).toISOString()).toBe(inside!.t);
  });
});

describe("logError", () => {
  it("logs an unexpected error with its stack and returns the id it logged", () => {
    const lines = capture();
    const id = runWithRequest({ id: "req-abcdef12" }, () => logError(new TypeError("boom"), { context: "t" }));
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: "error",
      msg: "unexpected error",
      errorId: id,
      reqId: "req-abcdef12",
      context: "t",
    });
    expect(line.error).toMatchObject({
      name: "TypeError",
      message: "boom",
      stack: expect.stringContaining("TypeError: boom"),
    });
  });

  it("keeps only the first line of a Prisma validation error, which prints the query's arguments", () => {
    const lines = capture();
    const e = Object.assign(new Error("\nInvalid `prisma.report.create()` invocation:\n{ narrative: 'my story' }"), {
      name: "PrismaClientValidationError",
    });
    logError(e);
    expect(lines[0]).not.toContain("my story");
    expect(JSON.parse(lines[0]!).error).toEqual({
      name: "PrismaClientValidationError",
      message: "Invalid `prisma.report.create()` invocation:",
    });
  });

  it("logs an unreachable database as a warning without a stack", () => {
    const lines = capture();
    const id = logError(new DatabaseUnavailableError("req-1"), { context: "submitReport" });
    expect(JSON.parse(lines[0]!)).toEqual({
      level: "warn",
      t: expect.any(String),
      errorId: id,
      context: "submitReport",
      msg: "database unavailable",
    });
  });
});
