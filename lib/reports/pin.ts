import "server-only";
import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** 8 random digits: easy to write down, 10^8 guesses, and only a hash is kept. */
export function newPin(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, "0");
}

export function hashPin(pin: string): Promise<string> {
  return hash(pin);
}

export async function verifyPin(pinHash: string, pin: string): Promise<boolean> {
  try {
    return await verify(pinHash, pin.replace(/\s/g, ""));
  } catch {
    return false;
  }
}
