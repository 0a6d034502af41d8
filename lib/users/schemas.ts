/**
 * One zod schema per admin form, used by the form in the browser (instant
 * feedback) and by the server action (the authority). Messages are keys under
 * "errors.*". Field values arrive as FormData strings.
 */
import { z } from "zod";
import { roles, type Role } from "@/lib/auth/permissions";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";

export const orgKinds = ["bank", "payment", "platform", "courier", "telecom", "internet", "hosting", "other"] as const;
export type OrgKind = (typeof orgKinds)[number];

const str = () => z.string({ error: "required" }).trim();

export const emailField = str()
  .min(1, "required")
  .max(254, "tooLong")
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$|^[^\s@]+@localhost$/, "invalidEmail")
  .transform((v) => v.toLowerCase());

/** Blank means "generate one and show it once". */
export const optionalPasswordField = z
  .string()
  .optional()
  .transform((v) => v ?? "")
  .refine((v) => v === "" || v.length >= MIN_PASSWORD_LENGTH, "passwordTooShort")
  .refine((v) => v.length <= MAX_PASSWORD_LENGTH, "tooLong")
  .transform((v) => (v === "" ? undefined : v));

const roleField = z.enum(roles, "invalidChoice");
/** User and organisation ids are UUIDs: anything else names nothing (and never reaches the database). */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || ID_PATTERN.test(v), "invalidChoice");
const userIdField = str().min(1, "required").regex(ID_PATTERN, "invalid");

/** A liaison belongs to exactly one organisation; staff to none. */
function orgForRole<T extends { role: string; orgId?: string }>(v: T, ctx: z.RefinementCtx) {
  if (v.role === "liaison" && !v.orgId) ctx.addIssue({ code: "custom", path: ["orgId"], message: "orgRequired" });
}

export const createUserSchema = z
  .object({
    email: emailField,
    name: str().max(100, "tooLong").default(""),
    role: roleField,
    orgId: optionalId,
    password: optionalPasswordField,
  })
  .superRefine(orgForRole);
export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  orgId?: string;
  /** Absent: generate one. */
  password?: string;
}

export const changeRoleSchema = z
  .object({ userId: userIdField, role: roleField, orgId: optionalId })
  .superRefine(orgForRole);
export interface ChangeRoleInput {
  userId: string;
  role: Role;
  orgId?: string;
}

export const setDisabledSchema = z.object({
  userId: userIdField,
  disabled: z.enum(["true", "false"], "invalid").transform((v) => v === "true"),
});
export interface SetDisabledInput {
  userId: string;
  disabled: boolean;
}

export const userIdSchema = z.object({ userId: userIdField });
export interface UserIdInput {
  userId: string;
}

export const resetPasswordSchema = z.object({ userId: userIdField, password: optionalPasswordField });
export interface ResetPasswordInput {
  userId: string;
  /** Absent: generate one. */
  password?: string;
}

export const createOrganisationSchema = z.object({
  name: str().min(2, "required").max(120, "tooLong"),
  kind: z.enum(orgKinds, "invalidChoice"),
});
export interface CreateOrganisationInput {
  name: string;
  kind: OrgKind;
}
