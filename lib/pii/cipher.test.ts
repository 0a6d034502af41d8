import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptWith,
  encryptWith,
  isEncrypted,
  keyIdOf,
  needsRewrap,
  newKeyEntry,
  parseKeyring,
  PiiDecryptError,
  PiiKeyMissingError,
  type Keyring,
} from "./cipher";

const key = (id: string) => ({ id, key: randomBytes(32) });
const a = key("a");
const b = key("b_2");

describe("PII cipher", () => {
  it("round-trips text, Chinese and multi-line included, and never repeats a ciphertext", () => {
    const keys: Keyring = [a];
    for (const plain of ["Li Na", "13905310000", "快递理赔\n对方说包裹丢了。", "x".repeat(5000)]) {
      const one = encryptWith(keys, "Report.narrative", plain);
      const two = encryptWith(keys, "Report.narrative", plain);
      expect(one).toMatch(/^enc:v1:a:[\w-]+:[\w-]+:[\w-]+$/);
      expect(one).not.toContain(plain.slice(0, 4));
      expect(one).not.toBe(two);
      expect(decryptWith(keys, "Report.narrative", one)).toBe(plain);
    }
  });

  it("leaves the empty string empty and passes older plaintext through", () => {
    expect(encryptWith([a], "Report.victimName", "")).toBe("");
    expect(decryptWith([a], "Report.victimName", "")).toBe("");
    expect(decryptWith([a], "Report.victimName", "Li Na")).toBe("Li Na");
    expect(isEncrypted("Li Na")).toBe(false);
  });

  it("detects tampering with the ciphertext, IV or tag", () => {
    const stored = encryptWith([a], "Report.victimPhone", "13905310000");
    const parts = stored.split(":");
    for (const i of [3, 4, 5]) {
      const p = [...parts];
      const bytes = Buffer.from(p[i]!, "base64url");
      bytes[0]! ^= 1;
      p[i] = bytes.toString("base64url");
      expect(() => decryptWith([a], "Report.victimPhone", p.join(":"))).toThrow(PiiDecryptError);
    }
    expect(() => decryptWith([a], "Report.victimPhone", parts.slice(0, 5).join(":"))).toThrow(PiiDecryptError);
  });

  it("refuses a value moved to another column", () => {
    const stored = encryptWith([a], "Report.victimPhone", "13905310000");
    expect(() => decryptWith([a], "Report.victimName", stored)).toThrow(PiiDecryptError);
  });

  it("fails with the wrong key under the same id, and names a missing key", () => {
    const stored = encryptWith([a], "Report.victimName", "Li Na");
    expect(() => decryptWith([key("a")], "Report.victimName", stored)).toThrow(PiiDecryptError);
    expect(() => decryptWith([b], "Report.victimName", stored)).toThrow(PiiKeyMissingError);
    expect(() => decryptWith([b], "Report.victimName", stored)).toThrow(/"a"/);
  });

  it("reads values under any listed key and writes with the first", () => {
    const old = encryptWith([a], "Report.narrative", "old");
    const keys: Keyring = [b, a];
    const fresh = encryptWith(keys, "Report.narrative", "new");
    expect(keyIdOf(old)).toBe("a");
    expect(keyIdOf(fresh)).toBe("b_2");
    expect(decryptWith(keys, "Report.narrative", old)).toBe("old");
    expect(decryptWith(keys, "Report.narrative", fresh)).toBe("new");
    expect(needsRewrap(keys, old)).toBe(true);
    expect(needsRewrap(keys, fresh)).toBe(false);
    expect(needsRewrap(keys, "plain")).toBe(true);
    expect(needsRewrap(keys, "")).toBe(false);
  });

  it("parses keyrings and refuses bad ones", () => {
    const e1 = newKeyEntry();
    const e2 = newKeyEntry();
    const ring = parseKeyring(`${e1}, ${e2}\n`);
    expect(ring.map((k) => k.id)).toEqual([e1.split(":")[0], e2.split(":")[0]]);
    expect(ring[0].key).toHaveLength(32);
    expect(() => parseKeyring("")).toThrow(/no key/);
    expect(() => parseKeyring(`x:${randomBytes(16).toString("base64")}`)).toThrow(/32 bytes/);
    expect(() => parseKeyring(`bad id:${randomBytes(32).toString("base64")}`)).toThrow();
    expect(() => parseKeyring(`${e1},${e1}`)).toThrow(/unique/);
  });
});
