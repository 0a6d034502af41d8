/**
 * Helpers for the liaison panel's integration tests: bank card numbers no
 * other test uses, banks, and liaison users of an organisation.
 */
import { randomInt, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor, ServiceContext } from "@/lib/auth/permissions";

/** A Luhn-valid card number of the BIN given (ICBC debit by default) nobody else in the test database uses. */
export function cardOf(bin = "622202"): string {
  const body = `${bin}${String(randomInt(0, 1e9)).padStart(15 - bin.length, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

/**
 * An organisation name that sorts before every other: routing picks the
 * first organisation by name holding a routing key (lib/liaison/routes.ts),
 * and other tests add organisations with the same keys. Digits sort before
 * letters, and the number falls with time, so the newest such organisation
 * is the one routed to.
 */
export function routedFirst(label: string): string {
  return `0${String(1e13 - Date.now()).padStart(13, "0")} ${label} ${randomUUID().slice(0, 8)}`;
}

export async function organisation(
  kind: "bank" | "payment" | "platform" | "telecom" = "bank",
  routeKeys: string[] = [],
) {
  return (await db()).organisation.create({
    data: { name: routeKeys.length ? routedFirst(kind) : `Org ${randomUUID()}`, kind, routeKeys },
    select: { id: true, name: true },
  });
}

export async function liaisonOf(orgId: string): Promise<ServiceContext & { actor: Actor }> {
  const user = await (
    await db()
  ).user.create({
    data: { email: `l-${randomUUID()}@example.test`, role: "liaison", orgId, passwordHash: "x" },
    select: { id: true, role: true, orgId: true },
  });
  return { actor: user, ip: "203.0.113.12" };
}

export async function identifierId(kind: string, value: string): Promise<number> {
  return (
    await (await db()).identifier.findFirstOrThrow({ where: { kind: kind as never, value }, select: { id: true } })
  ).id;
}
