/**
 * The report form's one schema, used by the client form (instant feedback) and
 * the server action (the authority). Messages are translation keys under
 * "errors.*"; the UI translates them. Written with zod/mini, which tree-shakes:
 * this file ships to every phone that opens the form (docs/benchmarks.md).
 */
import * as z from "zod/mini";
import { contactKinds, limits, payeeKinds, paymentMethods, platformRoles, provinces, scamTypes } from "@/lib/vocab";
import { toHalfWidth, parseAmountToMinor, isCurrencyCode } from "@/lib/vocab";
import { dateProblem, dayStart, EARLIEST_DAY, isRealDay, parseLocalDateTime } from "@/lib/vocab";
import { isPlausibleVictimPhone } from "./values";

const trimmed = () =>
  z.pipe(
    z.string(),
    z.transform((v: string) => v.trim()),
  );
const text = (max: number) => trimmed().check(z.maxLength(max, "tooLong"));
const required = (max: number) => trimmed().check(z.minLength(1, "required"), z.maxLength(max, "tooLong"));
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, "invalidChoice");

// Real calendar days and times only (lib/vocab/dates: 2026-02-31 is refused,
// not moved to March), from 2000-01-01 to today.
const isoDate = trimmed().check(
  z.minLength(1, "required"),
  z.refine((v) => v === "" || isRealDay(v), "invalidDate"),
  z.refine((v) => !isRealDay(v) || v >= EARLIEST_DAY, "dateTooEarly"),
  z.refine((v) => !isRealDay(v) || dateProblem(dayStart(v)) !== "futureDate", "futureDate"),
);

const optionalDateTime = trimmed().check(
  z.refine((v) => v === "" || parseLocalDateTime(v) !== null, "invalidDate"),
  z.refine((v) => dateProblemOf(v) !== "dateTooEarly", "dateTooEarly"),
  z.refine((v) => dateProblemOf(v) !== "futureDate", "futureDate"),
);

function dateProblemOf(local: string) {
  const t = local ? parseLocalDateTime(local) : null;
  return t ? dateProblem(t) : null;
}

export const contactSchema = z.object({
  kind: choice(contactKinds),
  value: required(limits.short),
});

export const paymentSchema = z.object({
  amount: trimmed().check(
    z.minLength(1, "required"),
    z.refine((v) => v === "" || parseAmountToMinor(v) !== null, "invalidAmount"),
  ),
  currency: z.pipe(
    z.pipe(
      z.string(),
      z.transform((v: string) => toHalfWidth(v).trim().toUpperCase() || "CNY"),
    ),
    z.string().check(z.refine(isCurrencyCode, "invalidCurrency")),
  ),
  paidAt: optionalDateTime,
  method: choice(paymentMethods),
  payeeKind: choice(payeeKinds),
  payeeValue: required(limits.short),
  payeeName: text(limits.short),
  payeeBank: text(limits.short),
});

export const platformSchema = z.object({
  name: required(limits.short),
  role: choice(platformRoles),
});

export const reportFormSchema = z.object({
  scamType: choice(scamTypes),
  incidentDate: isoDate,
  narrative: trimmed().check(z.minLength(10, "narrativeTooShort"), z.maxLength(limits.narrative, "tooLong")),
  contacts: z.array(contactSchema).check(z.maxLength(limits.contacts, "tooMany")),
  payments: z.array(paymentSchema).check(z.maxLength(limits.payments, "tooMany")),
  platforms: z.array(platformSchema).check(z.maxLength(limits.platforms, "tooMany")),
  victimName: required(100),
  victimPhone: required(40).check(z.refine((v) => v === "" || isPlausibleVictimPhone(v), "invalidPhone")),
  victimProvince: choice(provinces),
  victimCity: text(100),
  consent: z.literal(true, "consentRequired"),
});

export type ReportFormInput = z.input<typeof reportFormSchema>;
export type ReportForm = z.output<typeof reportFormSchema>;

export type FieldErrors = Record<string, string>;

/** First error per field path ("payments.1.amount"), as translation keys. */
export { fieldErrorsOf } from "@/lib/actions/staff-action-state";
