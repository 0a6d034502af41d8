import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { fieldErrorsOf } from "@/lib/actions/staff-action-state";
import { signInSchema } from "@/lib/auth/schemas";
import {
  changeRoleSchema,
  createOrganisationSchema,
  createUserSchema,
  resetPasswordSchema,
  setDisabledSchema,
  userIdSchema,
} from "./schemas";

const U1 = "6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b";
const O1 = "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";

const errorsOf = (r: { success: boolean; error?: unknown }) => (r.success ? {} : fieldErrorsOf(r.error as never));

describe("createUserSchema", () => {
  it("normalises the email and turns a blank password into 'generate one'", () => {
    const r = createUserSchema.parse({
      email: "  Li.Wei@Police.GOV.cn ",
      name: " Li Wei ",
      role: "investigator",
      orgId: "",
      password: "",
    });
    expect(r).toEqual({
      email: "li.wei@police.gov.cn",
      name: "Li Wei",
      role: "investigator",
      orgId: undefined,
      password: undefined,
    });
  });

  it("accepts admin@localhost (the bootstrap account's form)", () => {
    expect(createUserSchema.safeParse({ email: "ops@localhost", name: "", role: "admin" }).success).toBe(true);
  });

  it("reports each problem with a translatable code", () => {
    expect(errorsOf(createUserSchema.safeParse({ email: "", name: "", role: "boss", password: "short" }))).toEqual({
      email: "required",
      role: "invalidChoice",
      password: "passwordTooShort",
    });
    expect(errorsOf(createUserSchema.safeParse({ email: "not-an-email", name: "", role: "admin" }))).toEqual({
      email: "invalidEmail",
    });
  });

  it("requires an organisation for liaisons only", () => {
    expect(errorsOf(createUserSchema.safeParse({ email: "a@b.cn", name: "", role: "liaison" }))).toEqual({
      orgId: "orgRequired",
    });
    expect(createUserSchema.safeParse({ email: "a@b.cn", name: "", role: "liaison", orgId: O1 }).success).toBe(true);
  });

  it("passwords have at least 12 characters", () => {
    expect(
      createUserSchema.safeParse({ email: "a@b.cn", name: "", role: "admin", password: "a".repeat(11) }).success,
    ).toBe(false);
    expect(
      createUserSchema.safeParse({ email: "a@b.cn", name: "", role: "admin", password: "a".repeat(12) }).success,
    ).toBe(true);
  });
});

describe("the other admin forms", () => {
  it("change role", () => {
    expect(changeRoleSchema.parse({ userId: U1, role: "admin", orgId: O1 })).toEqual({
      userId: U1,
      role: "admin",
      orgId: O1,
    });
    expect(errorsOf(changeRoleSchema.safeParse({ userId: U1, role: "liaison", orgId: "" }))).toEqual({
      orgId: "orgRequired",
    });
  });

  it("ids are UUIDs: anything else is refused before the database sees it", () => {
    for (const bad of ["u1", "%", "\u0000", `${U1}x`, "' OR 1=1 --"]) {
      expect(errorsOf(setDisabledSchema.safeParse({ userId: bad, disabled: "true" })), bad).toEqual({
        userId: "invalid",
      });
      expect(errorsOf(changeRoleSchema.safeParse({ userId: U1, role: "liaison", orgId: bad })), bad).toEqual({
        orgId: "invalidChoice",
      });
    }
    expect(errorsOf(userIdSchema.safeParse({ userId: "" }))).toEqual({ userId: "required" });
  });

  it("disable / enable", () => {
    expect(setDisabledSchema.parse({ userId: U1, disabled: "true" })).toEqual({ userId: U1, disabled: true });
    expect(setDisabledSchema.parse({ userId: U1, disabled: "false" })).toEqual({ userId: U1, disabled: false });
    expect(setDisabledSchema.safeParse({ userId: U1, disabled: "yes" }).success).toBe(false);
  });

  it("reset password", () => {
    expect(resetPasswordSchema.parse({ userId: U1, password: "" })).toEqual({ userId: U1, password: undefined });
    expect(errorsOf(resetPasswordSchema.safeParse({ userId: U1, password: "short" }))).toEqual({
      password: "passwordTooShort",
    });
  });

  it("organisation", () => {
    expect(createOrganisationSchema.parse({ name: " ICBC ", kind: "bank" })).toEqual({ name: "ICBC", kind: "bank" });
    expect(errorsOf(createOrganisationSchema.safeParse({ name: "", kind: "shop" }))).toEqual({
      name: "required",
      kind: "invalidChoice",
    });
  });

  it("sign-in only needs both fields", () => {
    expect(errorsOf(signInSchema.safeParse({ email: " ", password: "" }))).toEqual({
      email: "required",
      password: "required",
    });
    expect(signInSchema.safeParse({ email: "admin@localhost", password: "x" }).success).toBe(true);
  });
});

describe("translations", () => {
  it("every error code the staff schemas and services can produce is translated", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = ["lib/users/schemas.ts", "lib/auth/schemas.ts", "lib/users/service.ts"];
    const codes = new Set<string>([
      "invalid",
      "checkFields",
      "unauthenticated",
      "forbidden",
      "notFound",
      "unexpected",
      "loginInvalid",
      "loginThrottled",
      "loginWait",
    ]);
    for (const f of files) {
      const source = fs.readFileSync(path.join(root, f), "utf8");
      for (const m of source.matchAll(
        /, "([a-zA-Z]+)"\)|(?:message|error): "([a-zA-Z]+)"|UserRuleError\("([a-zA-Z]+)"\)|\| "([a-zA-Z]+)"/g,
      )) {
        codes.add((m[1] ?? m[2] ?? m[3] ?? m[4])!);
      }
    }
    for (const code of codes) {
      expect(en.errors, code).toHaveProperty(code);
      expect(zh.errors, code).toHaveProperty(code);
    }
  });
});
