import { AppError } from "@/lib/errors";

/**
 * A request change refused for a reason the user can fix (400). `code` is a
 * key under liaisonErrors.* in the requests catalogue part.
 */
export class LiaisonError extends AppError {
  constructor(code: LiaisonErrorCode) {
    super(code, 400);
  }
}

export const liaisonErrorCodes = [
  "noIdentifiers",
  "identifierKind",
  "organisationMissing",
  "platformMissing",
  "justificationShort",
  "disclosureTwice",
  "dueInPast",
  "notDraft",
  "notOpen",
  "closed",
  "outcomeKind",
  "amountRequired",
  "amountNotAllowed",
  "alreadyAcknowledged",
  "followUpMissing",
  "noticeOpen",
] as const;
export type LiaisonErrorCode = (typeof liaisonErrorCodes)[number];
