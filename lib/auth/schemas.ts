/** The sign-in form's schema (browser and server). Messages are keys under "errors.*". */
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "./password-rules";

export const signInSchema = z.object({
  // Lenient: sign-in only looks the account up; a typo is just "wrong email or password".
  email: z.string({ error: "required" }).trim().min(1, "required").max(254, "tooLong"),
  password: z.string({ error: "required" }).min(1, "required").max(MAX_PASSWORD_LENGTH, "tooLong"),
  next: z.string().optional(),
});
export type SignInInput = z.output<typeof signInSchema>;
