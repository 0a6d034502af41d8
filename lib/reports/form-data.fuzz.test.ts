/**
 * Property-based fuzzing of the report form's parser and schema, in the order
 * the server runs them (lib/actions/mutation.ts): FormData → rows → text
 * cleaning → schema. Nothing throws; a form the schema accepts holds only
 * what the database stores as it is (amounts whole fen > 0, ISO currencies,
 * real days since 2000 and not ahead, known choices, no control or bidi
 * characters), and validating the accepted form again changes nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanInput } from "@/lib/actions/clean-input";
import {
  contactKinds,
  EARLIEST_DAY,
  isCurrencyCode,
  isRealDay,
  limits,
  parseAmountToMinor,
  payeeKinds,
  paymentMethods,
  platformRoles,
  provinces,
  scamTypes,
} from "@/lib/vocab";
import {
  amountLike,
  anyValue,
  cardLike,
  cnMobile,
  emailLike,
  fuzzParams,
  hostileString,
  identifierInput,
  phoneLike,
  qqLike,
  urlLike,
  wechatLike,
} from "@/test/fuzz/arbitraries";
import { parseReportFormData } from "./form-data";
import { reportFormSchema } from "./schema";

const LINE_BAD = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const MULTILINE_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const text = fc.oneof(hostileString(), identifierInput, fc.string({ maxLength: 250 }));
/** Mostly what a victim would send, now and then something hostile: most forms get past the schema. */
const mostly = (valid: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: fc.constant("") });
const plain = fc.stringMatching(/^[A-Za-z\u4e00-\u4e20][A-Za-z \u4e00-\u4e20·.'-]{0,30}$/);
const recentDay = fc
  .date({ min: new Date("2000-01-02"), max: new Date(Date.now() - 86_400_000), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const day = fc.oneof(
  { weight: 20, arbitrary: recentDay },
  {
    weight: 1,
    arbitrary: fc
      .date({ min: new Date("1999-12-25"), max: new Date(Date.now() + 5 * 86_400_000), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: fc.constantFrom("2026-02-31", "２０２６-05-25", "2026-5-5", "2000-01-01") },
);
const row = (i: fc.Arbitrary<string>, fields: Record<string, fc.Arbitrary<string>>) =>
  fc
    .tuple(i, fc.record(fields))
    .map(([k, r]) => Object.entries(r).map(([f, v]) => [`${k}.${f}`, v] as [string, string]));
const index = fc.oneof(
  { weight: 20, arbitrary: fc.nat({ max: 40 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom("-1", "x", "1e3", "5000", "__proto__", "") },
);
const amount = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.nat({ max: 10 ** 9 }), fc.nat({ max: 99 })).map(([y, f]) => `${y + 1}.${f}`) },
  { weight: 2, arbitrary: amountLike },
);

/** A form as a browser, or a crafted request, would post it. */
const formEntries = fc
  .tuple(
    fc.record({
      scamType: mostly(fc.constantFrom(...scamTypes)),
      incidentDate: day,
      narrative: mostly(fc.string({ minLength: 10, maxLength: 300 })).map((n) =>
        n.trim().length >= 10 ? n : `${n} narrative text`,
      ),
      victimName: mostly(plain),
      victimPhone: mostly(fc.oneof(cnMobile, phoneLike)),
      victimProvince: mostly(fc.constantFrom(...provinces)),
      victimCity: mostly(plain),
      consent: fc.oneof(
        { weight: 20, arbitrary: fc.constant("on") },
        { weight: 1, arbitrary: fc.constantFrom("true", "", "yes") },
      ),
    }),
    fc.array(
      row(
        index.map((k) => `contacts.${k}`),
        {
          kind: mostly(fc.constantFrom(...contactKinds)),
          value: mostly(fc.oneof(phoneLike, emailLike, urlLike, qqLike, wechatLike)),
        },
      ),
      { maxLength: 4 },
    ),
    fc.array(
      row(
        index.map((k) => `payments.${k}`),
        {
          amount,
          currency: fc.constantFrom("CNY", "CNY", "usd", "ｕｓｄ", "", "zzz"),
          paidAt: fc.oneof(
            fc.constant(""),
            recentDay.map((d) => `${d}T10:30`),
            day.map((d) => `${d}T23:59`),
            text,
          ),
          method: mostly(fc.constantFrom(...paymentMethods)),
          payeeKind: mostly(fc.constantFrom(...payeeKinds)),
          payeeValue: mostly(fc.oneof(cardLike, phoneLike, wechatLike)),
          payeeName: mostly(plain),
          payeeBank: mostly(plain),
        },
      ),
      { maxLength: 3 },
    ),
    fc.array(
      row(
        index.map((k) => `platforms.${k}`),
        { name: mostly(plain), role: mostly(fc.constantFrom(...platformRoles)) },
      ),
      { maxLength: 2 },
    ),
    fc.array(fc.tuple(fc.oneof(text, fc.constantFrom("contacts.1", "payments..amount", "__proto__")), text), {
      maxLength: 2,
    }),
  )
  .map(
    ([top, c, p, pl, junk]) =>
      [...Object.entries(top), ...c.flat(), ...p.flat(), ...pl.flat(), ...junk] as [string, string][],
  );

function formData(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

const noBad = (v: string, bad = LINE_BAD) => expect(v).not.toMatch(bad);

describe("the report form under fuzzing", () => {
  it("never throws; an accepted form is storable and stable", () => {
    fc.assert(
      fc.property(formEntries, (entries) => {
        const { values } = parseReportFormData(formData(entries));
        const { value, problems } = cleanInput(values, { multiline: ["narrative"] });
        const parsed = reportFormSchema.safeParse(value);
        if (!parsed.success || Object.keys(problems).length > 0) return;
        const f = parsed.data;
        expect(scamTypes).toContain(f.scamType);
        expect(provinces).toContain(f.victimProvince);
        expect(f.consent).toBe(true);
        expect(isRealDay(f.incidentDate)).toBe(true);
        expect(f.incidentDate >= EARLIEST_DAY).toBe(true);
        noBad(f.narrative, MULTILINE_BAD);
        expect(f.narrative.length).toBeLessThanOrEqual(limits.narrative);
        for (const v of [f.victimName, f.victimPhone, f.victimCity]) noBad(v);
        for (const c of f.contacts) {
          expect(contactKinds).toContain(c.kind);
          noBad(c.value);
          expect(c.value.length).toBeLessThanOrEqual(limits.short);
        }
        for (const p of f.payments) {
          const minor = parseAmountToMinor(p.amount);
          expect(typeof minor).toBe("bigint");
          expect(minor! > 0n && minor! <= 10n ** 12n).toBe(true);
          expect(isCurrencyCode(p.currency)).toBe(true);
          expect(paymentMethods).toContain(p.method);
          expect(payeeKinds).toContain(p.payeeKind);
          for (const v of [p.payeeValue, p.payeeName, p.payeeBank, p.paidAt]) noBad(v);
        }
        for (const pl of f.platforms) {
          expect(platformRoles).toContain(pl.role);
          noBad(pl.name);
        }
        expect(f.contacts.length).toBeLessThanOrEqual(limits.contacts);
        // What the schema accepted, validated again, is the same form.
        expect(reportFormSchema.parse(f)).toEqual(f);
      }),
      fuzzParams(),
    );
  }, 120_000);

  it("parseReportFormData never throws on any entries", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(text, fc.constantFrom("contacts.0.value", "payments.3.amount", "consent")),
            fc.oneof(text, anyValue.map(String)),
          ),
          { maxLength: 20 },
        ),
        (entries) => {
          const { values, index: idx } = parseReportFormData(formData(entries));
          expect(idx.contacts.length).toBe(values.contacts.length);
        },
      ),
      fuzzParams(),
    );
  }, 120_000);
});
