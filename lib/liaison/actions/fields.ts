import { z } from "zod";
import { parseCaseNumber } from "@/lib/cases";
import { parseRequestNumber } from "../shared";

/** Form fields the liaison actions share: a case named by its number, a request by its number. */
export const caseNumberField = z
  .string()
  .max(40)
  .transform((v, c) => parseCaseNumber(v) ?? (c.addIssue({ code: "custom", message: "caseNotFound" }), z.NEVER));

export const requestNumberField = z
  .string()
  .max(40)
  .transform((v, c) => parseRequestNumber(v) ?? (c.addIssue({ code: "custom", message: "notFound" }), z.NEVER));
