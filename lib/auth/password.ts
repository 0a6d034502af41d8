/**
 * Staff passwords: argon2id (the @node-rs/argon2 default algorithm, with its
 * default cost: 19 MiB, 2 passes). No "server-only" import because the first-start
 * bootstrap in scripts/start.ts uses it outside Next.js.
 */
import { randomBytes, randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules";

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * For an unknown email, verify against a hash of a random password anyway, so
 * the answer takes as long as for a real account with a wrong password.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hash(randomBytes(16).toString("hex"));
  await verifyPassword(await dummy, password);
  return false;
}

// No 0/O, 1/l/I: easy to read aloud and type from a printout.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** 20 random characters in groups of five (about 117 bits). */
export function generatePassword(): string {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
