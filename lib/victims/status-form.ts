/** The status sign-in form's schema and state (browser and server). Messages are keys under "errors.*". */
import * as z from "zod/mini";

export const statusSignInSchema = z.object({
  reference: z.string({ error: "required" }).check(z.trim(), z.minLength(1, "required"), z.maxLength(40, "tooLong")),
  pin: z.string({ error: "required" }).check(z.trim(), z.minLength(1, "required"), z.maxLength(40, "tooLong")),
});

export const statusSignOutSchema = z.object({ locale: z.optional(z.string()) });

export type StatusSignInState =
  | { seq: number; status: "idle"; reference?: string }
  | {
      seq: number;
      status: "error";
      /** "wrong" and "throttled" under status.*; anything else under errors.*. */
      code: string;
      fieldErrors?: Record<string, string>;
      errorId?: string;
      reference?: string;
    };

export const initialStatusSignIn: StatusSignInState = { seq: 0, status: "idle" };
