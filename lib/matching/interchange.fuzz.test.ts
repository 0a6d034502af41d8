/**
 * Property-based fuzzing of the import line parser (docs/interchange.md):
 * any line — hostile text, broken JSON, well-formed reports with hostile
 * values — is parsed without throwing, and a line it accepts is a report the
 * database can store as it is: amounts whole fen > 0 that fit a bigint, ISO
 * currencies, real dates since 2000 and not ahead, known kinds, no control or
 * bidi characters. Written back to the format and parsed again it is unchanged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayStart, isCurrencyCode, isRealDay, MAX_STORABLE_MINOR, EARLIEST_DAY } from "@/lib/vocab";
import { amountLike, anyValue, fuzzParams, hostileString, identifierInput, phoneLike } from "@/test/fuzz/arbitraries";
import {
  CONTACT_KINDS,
  PAYEE_KINDS,
  PLATFORM_ROLES,
  SCAM_TYPES,
  parseInterchangeLine,
  type InterchangeReport,
} from ".";

const LINE_BAD = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const MULTILINE_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectText(v: string | undefined, bad = LINE_BAD): void {
  if (v === undefined) return;
  expect(v).not.toBe("");
  expect(v).toBe(v.trim());
  expect(v).not.toMatch(bad);
}

function expectInstant(v: string | undefined): void {
  if (v === undefined) return;
  const t = Date.parse(v);
  expect(new Date(t).toISOString()).toBe(v);
  // Instants without an offset are China time: the earliest is 2000-01-01 00:00 there.
  expect(t).toBeGreaterThanOrEqual(dayStart(EARLIEST_DAY).getTime());
  expect(t).toBeLessThanOrEqual(Date.now() + 86_400_000);
}

function expectStorable(r: InterchangeReport): void {
  expect(r.externalId.length).toBeGreaterThan(0);
  expect(r.externalId.length).toBeLessThanOrEqual(200);
  expectText(r.externalId);
  expectInstant(r.submittedAt);
  if (r.incidentDate !== undefined) {
    expect(isRealDay(r.incidentDate)).toBe(true);
    expect(r.incidentDate >= EARLIEST_DAY).toBe(true);
  }
  if (r.scamType !== undefined) expect(SCAM_TYPES).toContain(r.scamType);
  for (const v of Object.values(r.victim ?? {})) expectText(v);
  expectText(r.narrative, MULTILINE_BAD);
  for (const c of r.contacts) {
    expect(CONTACT_KINDS).toContain(c.kind);
    expectText(c.value);
  }
  for (const p of r.payments) {
    if (p.amountMinor !== undefined) {
      expect(typeof p.amountMinor).toBe("bigint");
      expect(p.amountMinor > 0n && p.amountMinor <= MAX_STORABLE_MINOR).toBe(true);
    }
    if (p.currency !== undefined) expect(isCurrencyCode(p.currency)).toBe(true);
    expectInstant(p.paidAt);
    expectText(p.method);
    if (p.payee) {
      expect(PAYEE_KINDS).toContain(p.payee.kind);
      for (const v of [p.payee.value, p.payee.name, p.payee.bank]) expectText(v);
    }
  }
  for (const pl of r.platforms) {
    expectText(pl.name);
    if (pl.role !== undefined) expect(PLATFORM_ROLES).toContain(pl.role);
  }
}

/** The report written back in the interchange format (amounts as exact decimal text). */
function toLine(r: InterchangeReport): string {
  const { payments, ...rest } = r;
  return JSON.stringify({
    ...rest,
    payments: payments.map(({ amountMinor, ...p }) =>
      amountMinor === undefined
        ? p
        : { ...p, amount: `${amountMinor / 100n}.${(amountMinor % 100n).toString().padStart(2, "0")}` },
    ),
  });
}

const text = fc.oneof(hostileString(), identifierInput, anyValue);
const recent = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date(Date.now() - 86_400_000),
  noInvalidDate: true,
});
const date = fc.oneof(
  { weight: 8, arbitrary: recent.map((d) => d.toISOString()) },
  {
    weight: 2,
    arbitrary: recent.map((d) =>
      d
        .toISOString()
        .slice(0, 16)
        .replace(/^(\d{4})/, (y) => y),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .date({ min: new Date("1999-06-01T00:00:00Z"), max: new Date(Date.now() + 3 * 86_400_000), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("2026-02-31", "2026-05-25T22:00+08:00", "25/05/2026", "", "2026-13-01", "0000-00-00"),
  },
  { weight: 1, arbitrary: text },
);
const reportObject = fc.record(
  {
    externalId: fc.oneof(
      { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{1,30}$/) },
      { weight: 1, arbitrary: text },
      { weight: 1, arbitrary: fc.string({ minLength: 195, maxLength: 205 }) },
    ),
    submittedAt: date,
    incidentDate: date,
    scamType: fc.oneof(fc.constantFrom(...SCAM_TYPES, "Courier Compensation", "fake-police"), text),
    victim: fc.oneof(fc.record({ name: text, phone: fc.oneof(phoneLike, text), province: text, city: text }), anyValue),
    narrative: fc.oneof(hostileString(300), text),
    contacts: fc.oneof(
      fc.array(
        fc.oneof(fc.record({ kind: fc.oneof(fc.constantFrom(...CONTACT_KINDS), text), value: text }), anyValue),
        { maxLength: 5 },
      ),
      anyValue,
    ),
    payments: fc.oneof(
      fc.array(
        fc.record({
          amount: fc.oneof(amountLike, anyValue, fc.constantFrom(4000.1, 1e30, -5, 0.001, 92233720368547758.07)),
          currency: fc.oneof(fc.constantFrom("CNY", "usd", "ｕｓｄ", "zzz", "", "XTS"), text),
          paidAt: date,
          method: text,
          payee: fc.oneof(
            fc.record({ kind: fc.oneof(fc.constantFrom(...PAYEE_KINDS), text), value: text, name: text, bank: text }),
            anyValue,
          ),
        }),
        { maxLength: 4 },
      ),
      anyValue,
    ),
    platforms: fc.oneof(fc.array(fc.oneof(text, fc.record({ name: text, role: text })), { maxLength: 3 }), anyValue),
  },
  { requiredKeys: [] },
);

/** JSON text, sometimes cut or with a byte changed, as a broken export would have it. */
const line = fc.oneof(
  {
    weight: 6,
    arbitrary: reportObject.map(
      (o) => JSON.stringify(o, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "null",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(reportObject, fc.nat(), hostileString(3)).map(([o, at, junk]) => {
      const s = JSON.stringify(o, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v)) ?? "{}";
      const k = at % (s.length + 1);
      return s.slice(0, k) + junk + s.slice(k + 1);
    }),
  },
  { weight: 1, arbitrary: hostileString(200) },
  { weight: 1, arbitrary: fc.json() },
);

describe("parseInterchangeLine under fuzzing", () => {
  it("never throws; an accepted line is storable and reads back unchanged", () => {
    fc.assert(
      fc.property(line, fc.option(fc.nat({ max: 1_000_000 }), { nil: undefined }), (l, n) => {
        const r = parseInterchangeLine(l, n);
        if (!r.ok) {
          expect(typeof r.error).toBe("string");
          if (n !== undefined) expect(r.error.startsWith(`line ${n}: `)).toBe(true);
          return;
        }
        expectStorable(r.report);
        const back = parseInterchangeLine(toLine(r.report));
        expect(back).toEqual({ ok: true, report: r.report });
      }),
      fuzzParams(),
    );
  }, 120_000);
});
