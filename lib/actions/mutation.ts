import "server-only";
import { headers } from "next/headers";
import * as z from "zod/mini";
import { db, type Db } from "@/lib/db";
import { pinAfterMutation } from "@/lib/db/read-db";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { can, type Permission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { log } from "@/lib/log";
import { cleanInput, type TextOptions } from "./clean-input";
import { guard, type ActionFailure } from "./guard";
import { fieldErrorsOf, formDataToObject } from "./staff-action-state";

/** Who may run a mutation: anyone (the report form, sign-in) or holders of a permission. */
export type Access = "public" | Permission;

export interface MutationContext<A extends Access = Access> {
  /** The signed-in user holding the permission; null for public mutations. */
  user: A extends "public" ? null : CurrentUser;
  ip: string;
  db: Db;
  /** The submitted form, for what the schema does not cover (files, tokens). */
  fd: FormData;
}

export interface MutationConfig<S extends z.core.$ZodType, D, A extends Access> {
  /** For logs and the audit trail: which mutation this is. */
  name: string;
  access: A;
  /** Its messages are translation keys under errors.*. */
  schema: S;
  /** FormData → what the schema parses. Default: the text fields as an object. */
  read?: (fd: FormData) => unknown;
  /** Which fields may hold several lines, which are passed on untouched. */
  text?: TextOptions;
  /**
   * Runs before the input is parsed, inside the error mapping: refusals that
   * must not depend on valid input (a filled honeypot). Throw an AppError.
   */
  screen?: (fd: FormData, ctx: { ip: string; db: Db }) => Promise<void>;
  handler: (input: z.output<S>, ctx: MutationContext<A>) => Promise<D>;
}

export type MutationOutcome<D> =
  /** `values`: the input as read and cleaned, to fill a form again. */
  | { status: "ok"; data: D; values: unknown }
  | { status: "invalid"; fieldErrors: Record<string, string>; values: unknown }
  | { status: "failed"; failure: ActionFailure; values: unknown }
  /** Not called with a form at all (a crafted request): nothing ran. */
  | { status: "malformed" };

/**
 * The one core of every mutation — staff actions (lib/actions/staff-action.ts),
 * the public report form and sign-in: finds the FormData (a crafted call without
 * one is "malformed", never a crash), checks access, cleans every text field
 * (lib/vocab/text.ts: control characters refused as field errors, bidi controls
 * stripped), parses with the schema into field errors, runs the handler, and maps
 * errors through `guard`. Refused attempts by signed-in users are audited
 * ("action.denied"); the changes themselves are audited by the services inside
 * their transactions. Each face turns the outcome into its own form state.
 */
export function mutation<S extends z.core.$ZodType, D, A extends Access>(config: MutationConfig<S, D, A>) {
  return async function run(...args: unknown[]): Promise<MutationOutcome<D>> {
    const fd = formDataOf(args);
    if (!fd) {
      log("warn", "mutation called without a form", { mutation: config.name });
      return { status: "malformed" };
    }
    const { value: values, problems } = cleanInput((config.read ?? formDataToObject)(fd), config.text);
    let user: CurrentUser | null = null;
    let ip = "unknown";
    return guard(
      config.name,
      async (): Promise<MutationOutcome<D>> => {
        ip = clientIpFrom(await headers());
        if (config.access !== "public") {
          user = await getCurrentUser();
          if (!user) throw new UnauthenticatedError();
          if (!can(user, config.access)) throw new ForbiddenError();
        }
        const client = await db();
        await config.screen?.(fd, { ip, db: client });
        const parsed = z.safeParse(config.schema, values);
        if (!parsed.success || Object.keys(problems).length > 0) {
          const fieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...problems };
          return { status: "invalid", fieldErrors, values };
        }
        const ctx = { user, ip, db: client, fd } as MutationContext<A>;
        const data = await config.handler(parsed.data, ctx);
        // Read-your-own-writes: this user's next replica reads go to the primary (ADR 0014).
        if (user) await pinAfterMutation((user as CurrentUser).id);
        return { status: "ok", data, values };
      },
      async (failure) => {
        if (failure.status === 403 && user) await auditDenied(config.name, user, ip);
        return { status: "failed", failure, values };
      },
    );
  };
}

/** `(prevState, formData)` from useActionState, or `(formData)` from a plain form action. */
export function formDataOf(args: unknown[]): FormData | null {
  const [a, b] = args;
  if (b instanceof FormData) return b;
  if (a instanceof FormData && b === undefined) return a;
  return null;
}

async function auditDenied(name: string, user: CurrentUser, ip: string) {
  try {
    await recordAudit(await db(), {
      actorId: user.id,
      action: "action.denied",
      resourceType: "action",
      resourceId: name,
      ip,
      detail: { role: user.role },
    });
  } catch (e) {
    log("error", "could not audit a refused action", { mutation: name, error: String(e) });
  }
}
