import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/current-user";
import { formOf, testUser } from "./test-support";

// The core's collaborators: the request's headers, the session, the database.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
const audit = vi.hoisted(() => vi.fn(async () => undefined));
// As scripts/serve.ts prepares a request: the client address plus this process's edge mark.
vi.mock("next/headers", async () => {
  const { EDGE_HEADER, edgeToken } = await import("@/lib/http/edge-mark");
  return { headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7", [EDGE_HEADER]: edgeToken() }) };
});
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/db", () => ({ db: async () => ({ fake: "db" }) }));
vi.mock("@/lib/audit/record", () => ({ recordAudit: audit }));
vi.mock("@/lib/log", () => ({ log: () => undefined, logError: () => "err12345" }));

const { mutation, formDataOf } = await import("./mutation");

const admin = testUser("admin", "u1");
const investigator = testUser("investigator", "u2");

const schema = z.object({ name: z.string().trim().min(1, "required"), note: z.string().optional() });

const form = formOf;

beforeEach(() => {
  session.user = admin;
  audit.mockClear();
});

describe("mutation", () => {
  const handler = vi.fn(async (input: { name: string }, ctx: { ip: string; user: unknown }) => ({
    got: input.name,
    ip: ctx.ip,
    user: ctx.user,
  }));
  const staffOnly = mutation({ name: "t", access: "manage:user:any", schema, text: { multiline: ["note"] }, handler });

  it("runs the handler with the parsed input, the user and the client address", async () => {
    const r = await staffOnly(undefined, form({ name: " Li Na " }));
    expect(r).toEqual({
      status: "ok",
      data: { got: "Li Na", ip: "198.51.100.7", user: admin },
      values: { name: " Li Na " },
    });
  });

  it("is malformed, not a crash, when called without a form", async () => {
    handler.mockClear();
    for (const args of [[], [undefined], [{ seq: 1 }], [{ seq: 1 }, "name=x"], [{}, { name: "x" }]])
      expect(await staffOnly(...args)).toEqual({ status: "malformed" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses control characters beside the field and strips bidi controls before the schema", async () => {
    handler.mockClear();
    const r = await staffOnly(undefined, form({ name: "Li\u0000Na", note: "line 1\nline 2\u0007" }));
    expect(r).toEqual({
      status: "invalid",
      fieldErrors: { name: "controlChars", note: "controlChars" },
      values: { name: "LiNa", note: "line 1\nline 2" },
    });
    expect(handler).not.toHaveBeenCalled();
    const ok = await staffOnly(undefined, form({ name: "\u202EaN iL\u202C", note: "a\r\nb" }));
    expect(ok).toMatchObject({ status: "ok", data: { got: "aN iL" }, values: { note: "a\r\nb" } });
  });

  it("gives the schema's errors as field errors", async () => {
    expect(await staffOnly(undefined, form({ name: "  " }))).toMatchObject({
      status: "invalid",
      fieldErrors: { name: "required" },
    });
  });

  it("refuses without a session, and audits a signed-in user without the permission", async () => {
    session.user = null;
    expect(await staffOnly(undefined, form({ name: "x" }))).toMatchObject({
      status: "failed",
      failure: { code: "unauthenticated", status: 401 },
    });
    expect(audit).not.toHaveBeenCalled();
    session.user = investigator;
    expect(await staffOnly(undefined, form({ name: "x" }))).toMatchObject({
      status: "failed",
      failure: { code: "forbidden", status: 403 },
    });
    expect(audit).toHaveBeenCalledWith(
      { fake: "db" },
      expect.objectContaining({ actorId: "u2", action: "action.denied", resourceId: "t", ip: "198.51.100.7" }),
    );
  });

  it("maps typed errors to their code and anything else to an error id", async () => {
    const typed = mutation({
      name: "typed",
      access: "public",
      schema,
      handler: async () => {
        throw new AppError("emailTaken", 409);
      },
    });
    expect(await typed(form({ name: "x" }))).toMatchObject({ status: "failed", failure: { code: "emailTaken" } });
    const broken = mutation({
      name: "broken",
      access: "public",
      schema,
      handler: async () => {
        throw new Error("invalid byte sequence for encoding UTF8: 0x00");
      },
    });
    expect(await broken(form({ name: "x" }))).toMatchObject({
      status: "failed",
      failure: { code: "unexpected", status: 500, errorId: "err12345" },
    });
  });

  it("public mutations run without a session; a screen refuses before parsing", async () => {
    session.user = null;
    const screened = mutation({
      name: "p",
      access: "public",
      schema,
      screen: async (fd) => {
        if (fd.get("website")) throw new AppError("rateLimited", 429);
      },
      handler: async (_i, ctx) => ctx.user,
    });
    expect(await screened(form({ name: "x" }))).toMatchObject({ status: "ok", data: null });
    expect(await screened(form({ name: "", website: "http://spam" }))).toMatchObject({
      status: "failed",
      failure: { code: "rateLimited" },
    });
  });

  it("passes verbatim fields untouched", async () => {
    const signIn = mutation({
      name: "s",
      access: "public",
      schema: z.object({ password: z.string() }),
      text: { verbatim: ["password"] },
      handler: async (i) => i.password,
    });
    expect(await signIn(form({ password: "p\u202Ew\u0000d" }))).toMatchObject({
      status: "ok",
      data: "p\u202Ew\u0000d",
    });
  });

  it("formDataOf finds the form in (state, form) and (form)", () => {
    const fd = new FormData();
    expect(formDataOf([{ seq: 0 }, fd])).toBe(fd);
    expect(formDataOf([fd])).toBe(fd);
    expect(formDataOf([fd, "x"])).toBeNull();
  });
});
