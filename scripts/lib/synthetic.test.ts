import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  compileWarningList,
  extractIdentifiers,
  holderKey,
  isLinkable,
  luhnValid,
  matchReports,
  normaliseContact,
  normalisePhone,
  SEED_WARNING_LIST,
} from "@/lib/matching";
import { luhnCheckDigit, parsePhenomena, PHENOMENA, syntheticData, syntheticReports } from "./synthetic";

interface Contact {
  kind: string;
  value: string;
}
interface Payee {
  kind: string;
  value: string;
  name: string;
}
interface Line {
  externalId: string;
  victim: { phone: string };
  contacts: Contact[];
  payments: { payee: Payee }[];
}

const ALL = [...PHENOMENA];
const sha = (lines: Iterable<string>) => {
  const h = createHash("sha256");
  for (const l of lines) h.update(`${l}\n`);
  return h.digest("hex");
};
const data = (n: number, seed: number, phenomena = ALL) =>
  [...syntheticData(n, seed, { phenomena })].map((s) => ({ ...s, report: JSON.parse(s.line) as Line }));

// One generation shared by the rate checks (10,000 reports).
const big = data(10_000, 7);
// Generating and normalising thousands of reports takes seconds on a busy machine.
const slow = { timeout: 60_000 };

describe("synthetic reports: default output", slow, () => {
  it("is what it was before the phenomena existed (bench figures stay comparable)", () => {
    // Digest of the generator as of commit 0508dbd.
    expect(sha(syntheticReports(5000, 7))).toBe("676f7d1ef8e8522c3e33ddca55b1a7e85539fee8d02d873847abe6f6653d7a00");
    expect(sha(syntheticReports(3000, 1, { phenomena: [] }))).toBe(
      "d03e870ddad972a104b3ebf9d43f09f313c42e459ea38fb410bd5e033954c673",
    );
  });

  it("parses the phenomena option", () => {
    expect(parsePhenomena("none")).toEqual([]);
    expect(parsePhenomena("all")).toEqual(ALL);
    expect(parsePhenomena("wrong-types, rotation")).toEqual(["wrong-types", "rotation"]);
    expect(() => parsePhenomena("typos")).toThrow(/unknown phenomenon/);
  });
});

describe("synthetic reports with phenomena", slow, () => {
  it("are deterministic by seed", () => {
    const a = [...syntheticReports(3000, 5, { phenomena: ALL })];
    expect([...syntheticReports(3000, 5, { phenomena: ALL })]).toEqual(a);
    expect([...syntheticReports(3000, 6, { phenomena: ALL })]).not.toEqual(a);
  });

  it("keep the rings, sizes and victims of the default output", () => {
    const plain = data(5000, 11, []);
    const rich = data(5000, 11);
    expect(rich.map((s) => s.ring)).toEqual(plain.map((s) => s.ring));
    expect(rich.map((s) => s.report.victim)).toEqual(plain.map((s) => s.report.victim));
    expect(plain.every((s) => s.notes.mistyped === 0 && s.notes.sharedNumbers.length === 0)).toBe(true);
  });

  it("name an unlisted shared number in ~8% of reports", () => {
    const rate = big.filter((s) => s.notes.sharedNumbers.length > 0).length / big.length;
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.11);
  });

  it("shared numbers are on no warning list, link, and are each named by at least two rings", () => {
    const listed = compileWarningList(SEED_WARNING_LIST);
    for (const seed of [7, 8]) {
      const rows = seed === 7 ? big : data(5000, seed);
      const rings = new Map<string, Set<string>>();
      for (const s of rows)
        for (const v of s.notes.sharedNumbers) (rings.get(v) ?? rings.set(v, new Set()).get(v)!).add(s.ring);
      expect(rings.size).toBeGreaterThan(20);
      for (const [value, named] of rings) {
        const id = normalisePhone(value)!;
        expect(id.value, value).toBe(value);
        expect(listed(id), value).toBeNull();
        expect(isLinkable(id), value).toBe(true);
        expect(id.meta.type, value).toBe("landline");
        expect(named.size, value).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("shared numbers: a few very popular, a long tail, typed as the matcher reads them", () => {
    const mentions = new Map<string, number>();
    const rings = new Map<string, Set<string>>();
    let asPhone = 0;
    let asOther = 0;
    let readBack = 0;
    let phoneReadBack = 0;
    for (const s of big) {
      if (!s.notes.sharedNumbers.length) continue;
      const found = new Set(extractIdentifiers(s.report).map((i) => `${i.kind}:${i.value}`));
      for (const v of s.notes.sharedNumbers) {
        mentions.set(v, (mentions.get(v) ?? 0) + 1);
        (rings.get(v) ?? rings.set(v, new Set()).get(v)!).add(s.ring);
        const typed = s.report.contacts.filter((c) => normaliseContact("phone", c.value)?.value === v);
        expect(typed.length, s.externalId).toBeGreaterThan(0);
        for (const c of typed) {
          if (c.kind === "phone") {
            asPhone++;
            if (found.has(`phone:${v}`)) phoneReadBack++;
          } else asOther++;
        }
        if (found.has(`phone:${v}`)) readBack++;
      }
    }
    const counts = [...mentions.values()].sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    // Skewed: the most popular number is named far more than the typical one.
    expect(counts[0]!).toBeGreaterThan(10 * counts[Math.floor(counts.length / 2)]!);
    expect(counts.slice(0, 10).reduce((a, b) => a + b, 0) / total).toBeGreaterThan(0.3);
    expect(counts.length).toBeGreaterThan(50);
    // The popular ones are named by many unrelated rings.
    const top = [...mentions].sort((a, b) => b[1] - a[1]).slice(0, 5);
    for (const [v] of top) expect(rings.get(v)!.size).toBeGreaterThanOrEqual(10);
    // Mostly under "phone", sometimes "other"; under "phone" the matcher always reads it.
    expect(asOther / (asPhone + asOther)).toBeGreaterThan(0.05);
    expect(asOther / (asPhone + asOther)).toBeLessThan(0.3);
    expect(phoneReadBack).toBe(asPhone);
    expect(readBack / total).toBeGreaterThan(0.95);
  });

  it("type ~5% of identifiers under the wrong kind: mobiles, bank cards and links", () => {
    let entries = 0;
    let noted = 0;
    const seen = { mobileAsOther: 0, mobileAsWechat: 0, cardAsAlipay: 0, cardAsOther: 0, linkAsOther: 0 };
    for (const s of big) {
      entries += s.report.contacts.length + s.report.payments.length;
      noted += s.notes.mistyped;
      for (const c of s.report.contacts) {
        const mobile = normaliseContact("phone", c.value)?.meta.type === "mobile";
        if (c.kind === "other" && mobile) seen.mobileAsOther++;
        if (c.kind === "wechat" && mobile) seen.mobileAsWechat++;
        if (c.kind === "other" && /^https?:/.test(c.value)) seen.linkAsOther++;
      }
      for (const { payee } of s.report.payments) {
        const digits = payee.value.replace(/\D/g, "");
        if (payee.kind === "alipay" && digits.length >= 16) seen.cardAsAlipay++;
        if (payee.kind === "other" && digits.length >= 16) seen.cardAsOther++;
      }
    }
    expect(Object.values(seen).reduce((a, b) => a + b, 0)).toBe(noted);
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(50);
    expect(noted / entries).toBeGreaterThan(0.03);
    expect(noted / entries).toBeLessThan(0.07);
  });

  it("make every full account number a Luhn-valid card of 16-19 digits", () => {
    expect(luhnCheckDigit("621700000000001")).toBe(
      String([...Array(10).keys()].find((d) => luhnValid(`621700000000001${d}`))),
    );
    let full = 0;
    for (const s of big)
      for (const { payee } of s.report.payments) {
        if (payee.value.startsWith("尾号")) continue;
        const digits = payee.value.replace(/\D/g, "");
        expect(luhnValid(digits), payee.value).toBe(true);
        expect(digits.length).toBeGreaterThanOrEqual(16);
        expect(digits.length).toBeLessThanOrEqual(19);
        full++;
      }
    expect(full).toBeGreaterThan(1000);
  });

  it("spell holder names differently, within one script per holder", () => {
    const keys = new Map<string, Set<string>>(); // ring + account -> holder keys
    const spellings = new Map<string, Set<string>>();
    const partials: { ring: string; last4: string; key: string | null }[] = [];
    let variants = 0;
    let han = 0;
    for (const s of big) {
      variants += s.notes.holderVariants;
      for (const { payee } of s.report.payments) {
        if (/\p{Script=Han}/u.test(payee.name)) {
          han++;
          expect(payee.name).not.toMatch(/[a-z]/i);
        }
        if (payee.value.startsWith("尾号")) {
          partials.push({ ring: s.ring, last4: payee.value.slice(2), key: holderKey(payee.name) });
          continue;
        }
        const at = `${s.ring}|${payee.value.replace(/\D/g, "")}`;
        (keys.get(at) ?? keys.set(at, new Set()).get(at)!).add(holderKey(payee.name)!);
        (spellings.get(at) ?? spellings.set(at, new Set()).get(at)!).add(payee.name);
      }
    }
    expect(variants).toBeGreaterThan(1000);
    expect(han).toBeGreaterThan(500);
    // However spelled, one account's holder is one holder key...
    for (const [at, k] of keys) expect(k.size, at).toBe(1);
    expect([...spellings.values()].filter((s) => s.size >= 3).length).toBeGreaterThan(50);
    // ... and a partial sighting's holder is the holder of a full account of its ring.
    const holdersByTail = new Map<string, Set<string>>();
    for (const [at, k] of keys) {
      const [ring, digits] = at.split("|") as [string, string];
      const tail = `${ring}|${digits.slice(-4)}`;
      (holdersByTail.get(tail) ?? holdersByTail.set(tail, new Set()).get(tail)!).add([...k][0]!);
    }
    let checked = 0;
    for (const p of partials) {
      const known = holdersByTail.get(`${p.ring}|${p.last4}`);
      if (!known) continue;
      expect(known.has(p.key!), `${p.ring} ${p.last4} ${p.key}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("rotation: huge rings rotate payees or numbers in windows that chain, and stay one ring", () => {
    const rows = data(6000, 7, ["rotation"]);
    const plain = data(6000, 7, []);
    const byRing = (xs: typeof rows) => {
      const m = new Map<string, Line[]>();
      for (const s of xs) (m.get(s.ring) ?? m.set(s.ring, []).get(s.ring)!).push(s.report);
      return m;
    };
    const rotated = byRing(rows);
    const before = byRing(plain);
    const huge = [...rotated].filter(([, rs]) => rs.length >= 100);
    expect(huge.length).toBeGreaterThanOrEqual(2);
    const distinct = (rs: Line[]) => ({
      accounts: new Set(rs.flatMap((r) => r.payments.map((p) => p.payee.value.replace(/\D/g, "").slice(-4)))).size,
      phones: new Set(
        rs.flatMap((r) =>
          r.contacts
            .map((c) => normaliseContact(c.kind, c.value))
            .filter((i) => i?.meta.type === "mobile")
            .map((i) => i!.value),
        ),
      ).size,
    });
    const modes = new Set<string>();
    for (const [ring, rs] of huge) {
      const a = distinct(rs);
      const b = distinct(before.get(ring)!);
      const mode = a.accounts > b.accounts ? "accounts" : "phones";
      modes.add(mode);
      // The "victim only" numbers are one per report in both; rotation adds the ring's own.
      expect(a.accounts > b.accounts || a.phones > b.phones, ring).toBe(true);
      // Without what the ring keeps, the rotated identifiers alone still chain its reports.
      const mobiles = new Map<string, number>();
      for (const r of rs)
        for (const v of new Set(r.contacts.map((c) => normaliseContact(c.kind, c.value)?.value)))
          if (v) mobiles.set(v, (mobiles.get(v) ?? 0) + 1);
      const ringMobile = (c: Contact) => (mobiles.get(normaliseContact(c.kind, c.value)?.value ?? "") ?? 0) >= 2;
      const reduced = rs
        .map((r) =>
          mode === "accounts"
            ? { ...r, contacts: [] }
            : { ...r, payments: [], contacts: r.contacts.filter(ringMobile) },
        )
        .filter((r) => r.contacts.length + r.payments.length > 0);
      const { clusterOf } = matchReports(reduced as never);
      const sizes = new Map<string, number>();
      for (const root of clusterOf.values()) sizes.set(root, (sizes.get(root) ?? 0) + 1);
      expect(reduced.length).toBeGreaterThan(rs.length / 4);
      expect(Math.max(...sizes.values()) / reduced.length, ring).toBeGreaterThan(0.95);
      // And with everything, the whole ring is (almost) one cluster.
      const all = matchReports(rs as never).clusterOf;
      const whole = new Map<string, number>();
      for (const root of all.values()) whole.set(root, (whole.get(root) ?? 0) + 1);
      expect(Math.max(...whole.values()) / rs.length, ring).toBeGreaterThan(0.98);
    }
    // This seed has rings of both kinds.
    expect([...modes].sort()).toEqual(["accounts", "phones"]);
  });
});
