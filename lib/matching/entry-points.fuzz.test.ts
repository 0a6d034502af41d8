/**
 * Property-based fuzzing of the text keys (fold, holderKey, merchantKey) and
 * the report-level entry points (contacts, payees, whole reports); the single
 * normalisers are in normalise.fuzz.test.ts (shared helpers there).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONTACT_KINDS,
  extractIdentifiers,
  fold,
  holderKey,
  merchantKey,
  normaliseContact,
  normaliseContactValues,
  normaliseEmail,
  normalisePayee,
  normalisePayeeValues,
  normalisePhone,
  normaliseUrl,
  parseEmail,
  parsePhone,
  parseUrl,
  PAYEE_KINDS,
  type CanonicalIdentifier,
} from ".";
import {
  anyValue,
  fuzzParams,
  identifierOrHuge,
  phoneLike,
  respellInvisibly,
  respellMask,
  wechatLike,
} from "@/test/fuzz/arbitraries";
import { BAD_IN_KEY, expectValidKey, key } from "@/test/fuzz/keys";

const contactKind = fc.oneof(fc.constantFrom(...CONTACT_KINDS), fc.constantFrom(" PHONE ", "telegram", "", "QQ"));
const payeeKind = fc.oneof(fc.constantFrom(...PAYEE_KINDS), fc.constantFrom("Bank_Account", "card", ""));

/** Re-reads a key under its own kind, as a contact or as a payee. */
function again(id: CanonicalIdentifier): CanonicalIdentifier | null {
  if ((PAYEE_KINDS as readonly string[]).includes(id.kind)) return normalisePayee({ kind: id.kind, value: id.value });
  if (id.kind === "wechat_pay") return normalisePayee({ kind: "wechat_pay", value: id.value });
  return normaliseContact(id.kind, id.value);
}

/** Latin letters in one case; other scripts' case mappings ("ß" → "SS", "İ" → "i̇") are no spelling variant. */
const asciiCase = (s: string, to: "lower" | "upper") =>
  s.replace(/[A-Za-z]/g, (c) => (to === "lower" ? c.toLowerCase() : c.toUpperCase()));

describe("text keys under fuzzing", () => {
  it("fold never throws, is idempotent, ignores width and invisible marks and leaves no controls", () => {
    fc.assert(
      fc.property(fc.oneof(identifierOrHuge, anyValue), respellMask, (raw, mask) => {
        const once = fold(raw);
        expect(fold(once)).toBe(once);
        expect(once).not.toMatch(
          /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/,
        );
        expect(once.isWellFormed()).toBe(true);
        if (typeof raw === "string" && raw.length < 1000) expect(fold(respellInvisibly(raw, mask))).toBe(once);
      }),
      fuzzParams(),
    );
  }, 120_000);

  it("holderKey is idempotent and case-, width-, space- and mark-insensitive", () => {
    fc.assert(
      fc.property(fc.oneof(identifierOrHuge, wechatLike), respellMask, (raw, mask) => {
        const k = holderKey(raw);
        if (raw.length < 1000)
          expect(holderKey(respellInvisibly(asciiCase(raw, "lower"), mask))).toBe(holderKey(asciiCase(raw, "upper")));
        if (k === null) return;
        expect(k).not.toMatch(BAD_IN_KEY);
        expect(holderKey(k)).toBe(k);
      }),
      fuzzParams(),
    );
  }, 120_000);

  it("merchantKey is idempotent", () => {
    fc.assert(
      fc.property(fc.oneof(identifierOrHuge, wechatLike), (raw) => {
        const k = merchantKey(raw);
        if (k !== null) expect(merchantKey(k)).toBe(k);
      }),
      fuzzParams(),
    );
  }, 120_000);

  it("parsePhone, parseEmail and parseUrl agree with their normalisers", () => {
    fc.assert(
      fc.property(identifierOrHuge, (raw) => {
        expect(parsePhone(raw)?.e164 ?? null).toBe(normalisePhone(raw)?.value ?? null);
        expect(parseEmail(raw)).toBe(normaliseEmail(raw)?.value ?? null);
        expect(parseUrl(raw)?.value ?? null).toBe(normaliseUrl(raw)?.value ?? null);
      }),
      fuzzParams(),
    );
  }, 120_000);
});

describe("report-level entry points under fuzzing", () => {
  it("normaliseContact(Values) never throw, yield valid keys and are idempotent", () => {
    fc.assert(
      fc.property(contactKind, identifierOrHuge, (kind, raw) => {
        const ids = normaliseContactValues(kind, raw);
        for (const id of ids) {
          expectValidKey(id);
          if (id.kind !== "bank_account_partial") expect(key(again(id))).toBe(key(id));
        }
        expect(key(normaliseContact(kind, raw))).toBe(key(ids[0] ?? null));
      }),
      fuzzParams(),
    );
  }, 120_000);

  it("normalisePayee(Values) never throw, yield valid keys and are idempotent", () => {
    fc.assert(
      fc.property(payeeKind, identifierOrHuge, anyValue, anyValue, (kind, value, name, bank) => {
        const ids = normalisePayeeValues({ kind, value, name: name as string, bank: bank as string });
        for (const id of ids) {
          expectValidKey(id);
          if (id.kind !== "bank_account_partial") expect(key(again(id))).toBe(key(id));
        }
      }),
      fuzzParams(),
    );
  }, 120_000);

  it("extractIdentifiers never throws on any report shape, keys are valid and unique", () => {
    const contact = fc.oneof(fc.record({ kind: contactKind, value: anyValue }), fc.constantFrom(null, undefined, 1));
    const payment = fc.oneof(
      fc.record({
        payee: fc.oneof(fc.record({ kind: payeeKind, value: anyValue, name: anyValue }), fc.constant(null)),
      }),
      fc.constantFrom(null, "x"),
    );
    const report = fc.record(
      {
        victim: fc.oneof(fc.record({ phone: fc.oneof(phoneLike, anyValue) }), fc.constant(null)),
        contacts: fc.oneof(fc.array(contact, { maxLength: 6 }), anyValue),
        payments: fc.oneof(fc.array(payment, { maxLength: 4 }), anyValue),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(report, (r) => {
        const ids = extractIdentifiers(r as Parameters<typeof extractIdentifiers>[0]);
        ids.forEach((id) => expectValidKey(id));
        expect(new Set(ids.map(key)).size).toBe(ids.length);
      }),
      fuzzParams(),
    );
  }, 120_000);
});
