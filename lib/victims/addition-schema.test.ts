import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import {
  ADDITION_ROWS_DEFAULT,
  additionSchema,
  additionSchemaWith,
  additionValuesFromFormData,
  isEmptyAddition,
} from "./addition-schema";

function fd(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

describe("the add-information form", () => {
  it("reads the report form's field names and drops untouched rows", () => {
    const v = additionValuesFromFormData(
      fd({
        "contacts.0.kind": "phone",
        "contacts.0.value": "",
        "payments.0.currency": "CNY",
        "payments.0.method": "bank_transfer",
        "platforms.0.name": "",
        reportId: "7",
      }),
    );
    expect(v).toEqual({ contacts: [], payments: [], platforms: [] });
    expect(isEmptyAddition(v)).toBe(true);
  });

  it("validates rows as the report form does (amounts, choices) and carries no report id", () => {
    const v = additionValuesFromFormData(
      fd({
        "contacts.0.kind": "phone",
        "contacts.0.value": "171 2345 6789",
        "payments.0.amount": "12,5x",
        "payments.0.currency": "CNY",
        "payments.0.method": "bank_transfer",
        "payments.0.payeeKind": "bank_account",
        "payments.0.payeeValue": "6222",
        "platforms.0.name": "Taobao",
        "platforms.0.role": "nonsense",
        reportId: "7",
      }),
    );
    const r = z.safeParse(additionSchema, { ...v, reportId: 7 });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
    expect(paths).toEqual([
      ["payments.0.amount", "invalidAmount"],
      ["platforms.0.role", "invalidChoice"],
    ]);
    const ok = additionSchema.parse({ ...v, payments: [{ ...v.payments[0]!, amount: "12.5" }], platforms: [] });
    expect(ok).not.toHaveProperty("reportId");
    expect(ok.contacts).toEqual([{ kind: "phone", value: "171 2345 6789" }]);
  });

  it("takes a few rows at a time", () => {
    const contacts = Array.from({ length: ADDITION_ROWS_DEFAULT + 1 }, (_, k) => ({ kind: "qq", value: `1000${k}` }));
    expect(z.safeParse(additionSchema, { contacts, payments: [], platforms: [] }).success).toBe(false);
  });

  it("asks for the row limit when it parses (a setting on the server)", () => {
    let max = 2;
    const schema = additionSchemaWith(() => max);
    const contacts = [0, 1].map((k) => ({ kind: "qq", value: `2000${k}` }));
    expect(z.safeParse(schema, { contacts, payments: [], platforms: [] }).success).toBe(true);
    max = 1;
    const r = z.safeParse(schema, { contacts, payments: [], platforms: [] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["contacts"], message: "tooMany" });
  });
});
