import "server-only";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { db, type Db } from "@/lib/db";
import { requireUser, type CurrentUser } from "@/lib/auth/current-user";
import type { Permission } from "@/lib/auth/permissions";
import { clientIpFrom } from "@/lib/http/client-ip";
import { guard } from "./guard";
import { fieldErrorsOf, formDataToObject, type StaffActionState } from "./staff-action-state";

export type { StaffActionState } from "./staff-action-state";
export { initialActionState } from "./staff-action-state";

export interface StaffActionContext {
  user: CurrentUser;
  ip: string;
  db: Db;
}

export interface StaffActionConfig<S extends z.ZodType, D> {
  /** For logs: which action failed. */
  name: string;
  permission: Permission;
  /** The form's schema (shared with the browser); its messages are errors.* keys. */
  schema: S;
  /** Fields never echoed back into the form (passwords). */
  secretFields?: string[];
  /** Error codes that belong to a field (e.g. { emailTaken: "email" }), shown beside it. */
  errorFields?: Record<string, string>;
  /** Paths whose pages show the changed data (revalidatePath arguments). */
  revalidate?: [path: string, type?: "page" | "layout"][];
  handler: (input: z.output<S>, ctx: StaffActionContext) => Promise<D>;
}

/**
 * A server action for signed-in staff, for `useActionState` (works without
 * JavaScript): checks the session and permission, parses the FormData with the
 * form's schema, runs the handler, and maps errors through `guard` to
 * translated codes (errors.*). The service called by the handler checks the
 * permission again: the action is a door, not the lock.
 *
 *   export const createUserAction = staffAction({ name: "createUser",
 *     permission: "manage:user:any", schema: createUserSchema,
 *     handler: (input, { user, ip, db }) => createUser(db, { actor: user, ip }, input) });
 */
export function staffAction<S extends z.ZodType, D>(config: StaffActionConfig<S, D>) {
  const secret = new Set(["password", ...(config.secretFields ?? [])]);
  return async function action(prev: StaffActionState<D>, fd: FormData): Promise<StaffActionState<D>> {
    const seq = (prev?.seq ?? 0) + 1;
    const raw = formDataToObject(fd);
    const values = Object.fromEntries(Object.entries(raw).filter(([k]) => !secret.has(k)));
    return guard(
      config.name,
      async (): Promise<StaffActionState<D>> => {
        const user = await requireUser(config.permission);
        const parsed = config.schema.safeParse(raw);
        if (!parsed.success)
          return { seq, status: "error", code: "invalid", fieldErrors: fieldErrorsOf(parsed.error), values };
        const ip = clientIpFrom(await headers());
        const data = await config.handler(parsed.data, { user, ip, db: await db() });
        for (const [path, type] of config.revalidate ?? []) revalidatePath(path, type);
        return { seq, status: "ok", data };
      },
      (failure) => {
        const field = config.errorFields?.[failure.code];
        return {
          seq,
          status: "error",
          code: failure.code,
          ...(failure.errorId ? { errorId: failure.errorId } : {}),
          ...(field ? { fieldErrors: { [field]: failure.code } } : {}),
          values,
        };
      },
    );
  };
}
