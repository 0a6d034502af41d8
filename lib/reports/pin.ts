import "server-only";
import { randomInt } from "node:crypto";
import { hash } from "@node-rs/argon2";

/**
 * 8 random digits: easy to write down, 10^8 guesses, and only a hash is kept.
 * (Checking a PIN comes with the victim's status page: argon2 `verify`.)
 */
export function newPin(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, "0");
}

export function hashPin(pin: string): Promise<string> {
  return hash(pin);
}
