import { AppError } from "@/lib/errors";

/**
 * A case change refused for a reason the user can fix (400); `code` is a key
 * under errors.* — the case page shows only the codes listed in
 * lib/cases/shared.ts (caseActionErrors).
 */
export class CaseError extends AppError {
  constructor(code: string) {
    super(code, 400);
  }
}
