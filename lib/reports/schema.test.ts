import { describe, expect, it } from "vitest";
import { fieldErrorsOf, reportFormSchema } from "./schema";
import type { ReportFormValues } from "./form-data";

function valid(): ReportFormValues {
  return {
    scamType: "courier_compensation",
    incidentDate: "2026-05-25",
    narrative: "A caller said my parcel was crushed.",
    contacts: [{ kind: "phone", value: "+86 171 2345 6789" }],
    payments: [
      {
        amount: "4000",
        currency: "cny",
        paidAt: "2026-05-25T15:10",
        method: "bank_transfer",
        payeeKind: "bank_account",
        payeeValue: "尾号8988",
        payeeName: "Xiao Momin",
        payeeBank: "",
      },
    ],
    platforms: [{ name: "Taobao", role: "order_leaked" }],
    victimName: "Li Na",
    victimPhone: "13905310000",
    victimProvince: "Shandong",
    victimCity: "Jinan",
    consent: true,
  };
}

function errors(v: ReportFormValues) {
  const r = reportFormSchema.safeParse(v);
  return r.success ? {} : fieldErrorsOf(r.error);
}

describe("reportFormSchema", () => {
  it("accepts a complete report and normalises the currency", () => {
    const r = reportFormSchema.parse(valid());
    expect(r.payments[0]!.currency).toBe("CNY");
  });

  it("accepts a report with no contacts, payments or platforms", () => {
    expect(errors({ ...valid(), contacts: [], payments: [], platforms: [] })).toEqual({});
  });

  it("reports each bad field with a translation key", () => {
    const v = valid();
    v.scamType = "";
    v.incidentDate = "2026-02-30x";
    v.narrative = "short";
    v.contacts = [{ kind: "fax", value: "x" }];
    v.payments[0]!.amount = "-1";
    v.payments[0]!.currency = "yuan";
    v.payments[0]!.payeeValue = "";
    v.victimPhone = "12345";
    v.victimProvince = "Atlantis";
    v.consent = false;
    expect(errors(v)).toEqual({
      scamType: "invalidChoice",
      incidentDate: "invalidDate",
      narrative: "narrativeTooShort",
      "contacts.0.kind": "invalidChoice",
      "payments.0.amount": "invalidAmount",
      "payments.0.currency": "invalidCurrency",
      "payments.0.payeeValue": "required",
      victimPhone: "invalidPhone",
      victimProvince: "invalidChoice",
      consent: "consentRequired",
    });
  });

  it("refuses dates in the future", () => {
    const next = new Date(Date.now() + 5 * 86400_000).toISOString().slice(0, 10);
    expect(errors({ ...valid(), incidentDate: next })).toEqual({ incidentDate: "futureDate" });
  });

  it("refuses impossible dates instead of moving them, and dates before 2000", () => {
    const v = valid();
    v.incidentDate = "2026-02-31";
    v.payments[0]!.paidAt = "2026-02-30T10:00";
    expect(errors(v)).toEqual({ incidentDate: "invalidDate", "payments.0.paidAt": "invalidDate" });
    v.incidentDate = "1999-12-31";
    v.payments[0]!.paidAt = "1900-01-01T00:00";
    expect(errors(v)).toEqual({ incidentDate: "dateTooEarly", "payments.0.paidAt": "dateTooEarly" });
    v.incidentDate = "2000-01-01";
    v.payments[0]!.paidAt = "2026-05-25T24:00";
    expect(errors(v)).toEqual({ "payments.0.paidAt": "invalidDate" });
  });

  it("refuses a payment time in the future", () => {
    const v = valid();
    v.payments[0]!.paidAt = new Date(Date.now() + 5 * 86400_000).toISOString().slice(0, 16);
    expect(errors(v)).toEqual({ "payments.0.paidAt": "futureDate" });
  });

  it("accepts ISO 4217 currencies only", () => {
    const v = valid();
    for (const ok of ["usd", "ＨＫＤ", " eur "]) {
      v.payments[0]!.currency = ok;
      expect(errors(v), ok).toEqual({});
    }
    for (const bad of ["zzz", "XXX", "RMB", "元"]) {
      v.payments[0]!.currency = bad;
      expect(errors(v), bad).toEqual({ "payments.0.currency": "invalidCurrency" });
    }
  });

  it("refuses over-long text and too many rows", () => {
    const v = valid();
    v.narrative = "x".repeat(5001);
    v.contacts = Array.from({ length: 31 }, () => ({ kind: "phone", value: "1" }));
    expect(errors(v)).toMatchObject({ narrative: "tooLong", contacts: "tooMany" });
  });
});
