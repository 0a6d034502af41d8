import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/current-user";
import { formOf, testUser } from "./test-support";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
const revalidated = vi.hoisted(() => [] as unknown[][]);
// As scripts/serve.ts prepares a request: the client address plus this process's edge mark.
vi.mock("next/headers", async () => {
  const { EDGE_HEADER, edgeToken } = await import("@/lib/http/edge-mark");
  return { headers: async () => new Headers({ "x-forwarded-for": "198.51.100.9", [EDGE_HEADER]: edgeToken() }) };
});
vi.mock("next/cache", () => ({ revalidatePath: (...a: unknown[]) => revalidated.push(a) }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/db", () => ({ db: async () => ({ fake: "db" }) }));
vi.mock("@/lib/audit/record", () => ({ recordAudit: async () => undefined }));
vi.mock("@/lib/log", () => ({ log: () => undefined, logError: () => "err00001" }));

const { staffAction, initialActionState } = await import("./staff-action");

const admin = testUser("admin", "u1");

const fd = formOf;

const action = staffAction({
  name: "createThing",
  permission: "manage:user:any",
  schema: z.object({ email: z.string().email("invalidEmail"), password: z.string().optional() }),
  errorFields: { emailTaken: "email" },
  revalidate: [["/[locale]/staff/admin/users", "layout"]],
  handler: async (input, { user, ip }) => {
    if (input.email === "taken@example.gov.cn") throw new AppError("emailTaken", 409);
    return { by: user.id, ip, email: input.email };
  },
});

beforeEach(() => {
  session.user = admin;
  revalidated.length = 0;
});

describe("staffAction", () => {
  it("answers ok with the handler's data and revalidates the pages", async () => {
    const r = await action(initialActionState, fd({ email: "li@example.gov.cn", password: "x" }));
    expect(r).toEqual({ seq: 1, status: "ok", data: { by: "u1", ip: "198.51.100.9", email: "li@example.gov.cn" } });
    expect(revalidated).toEqual([["/[locale]/staff/admin/users", "layout"]]);
  });

  it("gives field errors and echoes what was typed, never the password", async () => {
    const r = await action({ seq: 4, status: "idle" }, fd({ email: "nope", password: "secret-typed" }));
    expect(r).toEqual({
      seq: 5,
      status: "error",
      code: "invalid",
      fieldErrors: { email: "invalidEmail" },
      values: { email: "nope" },
    });
    expect(revalidated).toEqual([]);
  });

  it("shows a control character as a field error", async () => {
    const r = await action(initialActionState, fd({ email: "li\u0000@example.gov.cn" }));
    expect(r).toMatchObject({
      status: "error",
      fieldErrors: { email: "controlChars" },
      values: { email: "li@example.gov.cn" },
    });
  });

  it("puts a service's error beside its field", async () => {
    const r = await action(initialActionState, fd({ email: "taken@example.gov.cn" }));
    expect(r).toMatchObject({ status: "error", code: "emailTaken", fieldErrors: { email: "emailTaken" } });
  });

  it("refuses a user without the permission and a visitor without a session", async () => {
    session.user = { ...admin, role: "investigator" };
    expect(await action(initialActionState, fd({ email: "li@example.gov.cn" }))).toMatchObject({ code: "forbidden" });
    session.user = null;
    expect(await action(initialActionState, fd({ email: "li@example.gov.cn" }))).toMatchObject({
      code: "unauthenticated",
    });
  });

  it("answers a call without a form with badRequest instead of throwing", async () => {
    const call = action as unknown as (...a: unknown[]) => Promise<unknown>;
    expect(await call()).toEqual({ seq: 1, status: "error", code: "badRequest" });
    expect(await call({ seq: "x" }, { email: "li@example.gov.cn" })).toEqual({
      seq: 1,
      status: "error",
      code: "badRequest",
    });
    // A plain form action (no previous state) still works.
    expect(await call(fd({ email: "li@example.gov.cn" }))).toMatchObject({ seq: 1, status: "ok" });
  });
});
