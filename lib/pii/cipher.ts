/**
 * Envelope for victim personal data at rest (docs/decisions/0015-pii-encryption.md):
 *
 *   enc:v1:<keyId>:<iv>:<ciphertext>:<tag>     (base64url parts)
 *
 * AES-256-GCM with a random 96-bit IV per value. The key id travels with the
 * value, so several keys can be in use at once while `npm run pii:rotate-key`
 * moves rows to the current one. The additional data binds the value to its
 * key id and to its column ("Report.narrative"): a ciphertext copied into
 * another column fails to open. Pure: takes the keyring, reads no settings.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface PiiKey {
  /** Letters, digits, "_" and "-"; at most 32. */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** The first key encrypts; every key decrypts values that name it. */
export type Keyring = readonly [PiiKey, ...PiiKey[]];

export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a value protects; part of the authenticated data. */
export type PiiField = "Report.victimName" | "Report.victimPhone" | "Report.narrative" | "LiaisonRequest.sharedVictims";

export class PiiKeyMissingError extends Error {
  constructor(readonly keyId: string) {
    super(
      `Victim data is encrypted with key "${keyId}", which is not configured (PII_ENCRYPTION_KEYS or DATA_DIR/pii-keys). ` +
        "Put the key back; remove a key only after `npm run pii:rotate-key` reports no rows left under it.",
    );
    this.name = "PiiKeyMissingError";
  }
}

export class PiiDecryptError extends Error {
  constructor(field: PiiField) {
    super(`A stored ${field} value does not decrypt: it was altered or belongs elsewhere.`);
    this.name = "PiiDecryptError";
  }
}

const aad = (keyId: string, field: PiiField) => Buffer.from(`${PREFIX}${keyId}:${field}`);

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The key id of a stored value; null for plaintext (older rows) and "". */
export function keyIdOf(stored: string): string | null {
  if (!isEncrypted(stored)) return null;
  return stored.slice(PREFIX.length, stored.indexOf(":", PREFIX.length));
}

/** Encrypts with the current key. "" stays "": there is nothing to hide in an empty field. */
export function encryptWith(keys: Keyring, field: PiiField, plain: string): string {
  if (plain === "") return "";
  const { id, key } = keys[0];
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(id, field));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${id}:${iv.toString("base64url")}:${ct.toString("base64url")}:${cipher.getAuthTag().toString("base64url")}`;
}

/**
 * The plaintext of a stored value. Values without the prefix are returned as
 * they are: rows written before encryption, until the start-up data step (or
 * an older server still running during an upgrade) has been through them.
 */
export function decryptWith(keys: Keyring, field: PiiField, stored: string): string {
  if (!isEncrypted(stored)) return stored;
  const parts = stored.slice(PREFIX.length).split(":");
  if (parts.length !== 4) throw new PiiDecryptError(field);
  const [id, iv, ct, tag] = parts as [string, string, string, string];
  const entry = keys.find((k) => k.id === id);
  if (!entry) throw new PiiKeyMissingError(id);
  const ivBuf = Buffer.from(iv, "base64url");
  const tagBuf = Buffer.from(tag, "base64url");
  if (ivBuf.length !== IV_BYTES || tagBuf.length !== TAG_BYTES) throw new PiiDecryptError(field);
  try {
    const decipher = createDecipheriv("aes-256-gcm", entry.key, ivBuf, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(id, field));
    decipher.setAuthTag(tagBuf);
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new PiiDecryptError(field);
  }
}

/** Whether a stored value should be (re-)encrypted with the current key. */
export function needsRewrap(keys: Keyring, stored: string): boolean {
  return stored !== "" && keyIdOf(stored) !== keys[0].id;
}

/** "id:base64,id:base64" (or one per line) → keyring; throws a readable message. */
export function parseKeyring(text: string): Keyring {
  const entries = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(":");
      const id = entry.slice(0, at);
      if (at < 1 || !KEY_ID.test(id)) throw new Error(`"${entry.slice(0, 40)}…" is not <id>:<base64 key>`);
      const key = Buffer.from(entry.slice(at + 1), "base64");
      if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`);
      return { id, key };
    });
  if (!entries.length) throw new Error("no key");
  const ids = new Set(entries.map((e) => e.id));
  if (ids.size !== entries.length) throw new Error("key ids must be unique");
  return entries as unknown as Keyring;
}

/** A fresh key entry, "k<yyyymmdd><random>:<base64>". */
export function newKeyEntry(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 10).replaceAll("-", "")}${randomBytes(3).toString("hex")}`;
  return `${id}:${randomBytes(32).toString("base64")}`;
}
