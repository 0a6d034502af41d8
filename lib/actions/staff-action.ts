import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Permission } from "@/lib/auth/permissions";
import { mutation } from "./mutation";
import type { StaffActionState } from "./staff-action-state";

export type { StaffActionState } from "./staff-action-state";
export { initialActionState } from "./staff-action-state";

export interface StaffActionContext {
  user: CurrentUser;
  ip: string;
  db: Db;
  /** The submitted form, for what the schema does not cover (uploaded files). */
  fd: FormData;
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
 * JavaScript), on the mutation core (lib/actions/mutation.ts): session and
 * permission, text cleaning, the form's schema, the handler, errors mapped to
 * translated codes (errors.*). The service called by the handler checks the
 * permission again: the action is a door, not the lock.
 *
 *   export const createUserAction = staffAction({ name: "createUser",
 *     permission: "manage:user:any", schema: createUserSchema,
 *     handler: (input, { user, ip, db }) => createUser(db, { actor: user, ip }, input) });
 */
export function staffAction<S extends z.ZodType, D>(config: StaffActionConfig<S, D>) {
  const secret = new Set(["password", ...(config.secretFields ?? [])]);
  const run = mutation({
    name: config.name,
    access: config.permission,
    schema: config.schema,
    // Staff text boxes may hold several lines (notes, reasons); passwords are hashed as typed.
    text: { multiline: "all", verbatim: [...secret] },
    handler: async (input: z.output<S>, { user, ip, db, fd }) => {
      const data = await config.handler(input, { user, ip, db, fd });
      for (const [path, type] of config.revalidate ?? []) revalidatePath(path, type);
      return data;
    },
  });
  return async function action(prev: StaffActionState<D>, fd: FormData): Promise<StaffActionState<D>> {
    const seq = (typeof prev?.seq === "number" && Number.isSafeInteger(prev.seq) ? prev.seq : 0) + 1;
    const outcome = await run(prev, fd);
    if (outcome.status === "ok") return { seq, status: "ok", data: outcome.data };
    if (outcome.status === "malformed") return { seq, status: "error", code: "badRequest" };
    const values = Object.fromEntries(
      Object.entries(outcome.values as Record<string, string>).filter(([k]) => !secret.has(k)),
    );
    if (outcome.status === "invalid")
      return { seq, status: "error", code: "invalid", fieldErrors: outcome.fieldErrors, values };
    const { failure } = outcome;
    const field = config.errorFields?.[failure.code];
    return {
      seq,
      status: "error",
      code: failure.code,
      ...(failure.errorId ? { errorId: failure.errorId } : {}),
      ...(field ? { fieldErrors: { [field]: failure.code } } : {}),
      values,
    };
  };
}
