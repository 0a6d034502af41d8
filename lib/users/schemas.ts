/**
 * One zod schema per admin form, used by the form in the browser (instant
 * feedback) and by the server action (the authority). Messages are keys under
 * "errors.*". Field values arrive as FormData strings.
 */
import { z } from "zod";
import { roles, type Role } from "@/lib/auth/permissions";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { isKnownRouteKey, MAX_ROUTE_KEYS, parseRouteKeyList } from "@/lib/liaison/route-keys";

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
  /** Set later on the organisation's page (updateOrganisation); a script may set them at once. */
  routeKeys?: string[];
  platformId?: number | null;
}

/**
 * Editing an organisation (admins): its name, kind, linked platform and
 * routing keys (docs/liaison-routing.md). The known keys arrive as checkboxes
 * named "rk.<key>" (a form sends each checked one), the others typed in
 * `extraKeys`, one per line; the output merges both into `routeKeys`.
 */
export const ROUTE_KEY_FIELD = "rk.";
const orgIdField = str().min(1, "required").regex(ID_PATTERN, "invalid");
const platformIdField = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || "")
  .refine((v) => v === "" || (/^\d{1,10}$/.test(v) && Number(v) <= 2_147_483_647 && Number(v) > 0), "invalidChoice")
  .transform((v) => (v === "" ? null : Number(v)));

export const updateOrganisationSchema = z
  .looseObject({
    orgId: orgIdField,
    name: str().min(2, "required").max(120, "tooLong"),
    kind: z.enum(orgKinds, "invalidChoice"),
    platformId: platformIdField,
    extraKeys: z.string().max(5000, "tooLong").optional(),
  })
  .transform((v, ctx): UpdateOrganisationInput => {
    const checked = Object.keys(v).flatMap((k) =>
      k.startsWith(ROUTE_KEY_FIELD) && isKnownRouteKey(k.slice(ROUTE_KEY_FIELD.length)) && v[k]
        ? [k.slice(ROUTE_KEY_FIELD.length)]
        : [],
    );
    const typed = parseRouteKeyList(v.extraKeys ?? "");
    if (typed.invalid.length) ctx.addIssue({ code: "custom", path: ["extraKeys"], message: "invalid" });
    const routeKeys = [...new Set([...checked, ...typed.keys])];
    if (routeKeys.length > MAX_ROUTE_KEYS) ctx.addIssue({ code: "custom", path: ["extraKeys"], message: "tooMany" });
    return { orgId: v.orgId, name: v.name, kind: v.kind, platformId: v.platformId, routeKeys };
  });
export interface UpdateOrganisationInput {
  orgId: string;
  name: string;
  kind: OrgKind;
  /** The shop or seller it is; null for none. */
  platformId: number | null;
  /** Stored form (parseRouteKey), no duplicates. */
  routeKeys: string[];
}
