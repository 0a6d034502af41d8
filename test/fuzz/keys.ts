/** Checks shared by the fuzz tests: what a stored identifier key may be. */
import { expect } from "vitest";
import { IDENTIFIER_KINDS, type CanonicalIdentifier } from "@/lib/matching";

/** Nothing a key may hold: controls, invisible or bidi marks, lone surrogate halves. */
export const BAD_IN_KEY = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\ud800-\udfff]/u;

export function expectValidKey(id: CanonicalIdentifier | null, kinds?: readonly string[]): void {
  if (id === null) return;
  expect(IDENTIFIER_KINDS).toContain(id.kind);
  if (kinds) expect(kinds).toContain(id.kind);
  expect(typeof id.value).toBe("string");
  expect(id.value.length).toBeGreaterThan(0);
  expect(id.value).toBe(id.value.trim());
  expect(id.value).not.toMatch(BAD_IN_KEY);
  expect(typeof id.display).toBe("string");
}

export const key = (id: CanonicalIdentifier | null) => (id ? `${id.kind}:${id.value}` : null);
