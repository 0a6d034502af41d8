/**
 * What a victim may add to their report later (status page): another number,
 * another payment, a platform — the report form's own row schemas and its
 * FormData reader (lib/reports), so the same spelling rules, amounts in
 * integer fen and dates apply. Evidence files come with the form and are
 * checked like the report's (lib/reports/evidence.ts). Pure: no Next/Prisma.
 */
import * as z from "zod/mini";
import { contactSchema, paymentSchema, platformSchema } from "@/lib/reports/schema";
import { parseReportFormData, type ReportFormValues } from "@/lib/reports/form-data";

/**
 * Rows of each kind one addition may carry (the form shows one of each): a
 * setting (ADDITION_MAX_ROWS in lib/env), so the schema asks for it when it
 * parses; this module stays free of server code. Never more than the ceiling,
 * whatever the setting says (lib/env refuses a larger value too).
 */
export const ADDITION_ROWS_DEFAULT = 5;
export const ADDITION_ROWS_CEILING = 100;

const rows = <T extends z.ZodMiniType>(row: T, maxRows: () => number) =>
  z.array(row).check(
    z.maxLength(ADDITION_ROWS_CEILING, "tooMany"),
    z.refine((a) => a.length <= maxRows(), { error: "tooMany" }),
  );

export function additionSchemaWith(maxRows: () => number) {
  return z.object({
    contacts: rows(contactSchema, maxRows),
    payments: rows(paymentSchema, maxRows),
    platforms: rows(platformSchema, maxRows),
  });
}

/** With the default row limit; the server parses with the configured one (lib/victims/additions.ts). */
export const additionSchema = additionSchemaWith(() => ADDITION_ROWS_DEFAULT);

export type AdditionFormInput = z.input<typeof additionSchema>;
export type AdditionForm = z.output<typeof additionSchema>;

/** The form's rows as typed (strings), before the schema. */
export type AdditionFormValues = Pick<ReportFormValues, "contacts" | "payments" | "platforms">;

/** The form's rows ("contacts.0.value", …), blank rows dropped — the report form's reader. */
export function additionValuesFromFormData(fd: FormData): AdditionFormValues {
  const { values } = parseReportFormData(fd);
  return { contacts: values.contacts, payments: values.payments, platforms: values.platforms };
}

export function isEmptyAddition(v: { contacts: unknown[]; payments: unknown[]; platforms: unknown[] }): boolean {
  return v.contacts.length === 0 && v.payments.length === 0 && v.platforms.length === 0;
}
