import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { verify } from "@node-rs/argon2";
import { appSecret } from "@/lib/secrets";

/**
 * 8 random digits: easy to write down, 10^8 guesses, and only a keyed hash is
 * kept (docs/decisions/0016-status-pin-hash.md): HMAC-SHA256 under the app
 * secret, which lives outside the database and its backups, bound to the
 * report's reference so one guess tests one report.
 */
export function newPin(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, "0");
}

const KEYED = "h1:";

function keyed(reference: string, pin: string): Buffer {
  return createHmac("sha256", appSecret()).update(`status-pin:${reference}:${pin}`).digest();
}

export function hashPin(reference: string, pin: string): string {
  return KEYED + keyed(reference, pin).toString("base64url");
}

/**
 * Whether `pin` is the PIN of the report with this reference and stored hash.
 * `stored` null (unknown reference, no PIN) still costs one keyed hash and is
 * never a match. Hashes written before ADR 0016 are argon2 and still verify.
 */
export async function pinMatches(stored: string | null, reference: string, pin: string): Promise<boolean> {
  const mine = keyed(reference, pin);
  if (stored?.startsWith("$argon2")) return verify(stored, pin).catch(() => false);
  const theirs = stored?.startsWith(KEYED) ? Buffer.from(stored.slice(KEYED.length), "base64url") : null;
  return theirs?.length === mine.length && timingSafeEqual(theirs, mine);
}
