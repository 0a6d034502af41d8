import { AppError } from "@/lib/errors";

/** A rule of user management was broken; `code` is a key under errors.*. */
export class UserRuleError extends AppError {
  constructor(code: "emailTaken" | "orgNameTaken" | "orgRequired" | "cannotChangeSelf" | "lastAdmin") {
    super(code, 409);
  }
}
