/**
 * Staff accounts for e2e tests: users are created straight in the database
 * (argon2id hash, unique email per test), and signed in through the real form.
 * Extends the base fixtures (own client address per test, `db`).
 */
import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { hash } from "@node-rs/argon2";
import type { Db } from "../lib/db/client";
import { test as base, expect, messages, type Locale } from "./fixtures";

export type Role = "admin" | "investigator" | "analyst" | "liaison";

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  orgId: string | null;
  orgName: string | null;
}

export const TEST_PASSWORD = "e2e-correct-horse-battery";
let passwordHash: Promise<string> | undefined;

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomInt(1e9).toString(36)}`;
}

/** A user of `role` (a liaison gets a fresh organisation of its own). */
export async function createUser(
  db: Db,
  role: Role,
  opts: { disabled?: boolean; name?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hash(TEST_PASSWORD);
  const suffix = uniqueSuffix();
  const org =
    role === "liaison"
      ? await db.organisation.create({ data: { name: `E2E Platform ${suffix}`, kind: "platform" } })
      : null;
  const user = await db.user.create({
    data: {
      email: `e2e-${role}-${suffix}@example.test`,
      name: opts.name ?? `E2E ${role} ${suffix}`,
      role,
      orgId: org?.id ?? null,
      passwordHash: await passwordHash,
      disabled: opts.disabled ?? false,
    },
  });
  return {
    id: user.id,
    email: user.email,
    password: TEST_PASSWORD,
    role,
    orgId: org?.id ?? null,
    orgName: org?.name ?? null,
  };
}

/** One user of every role (authorization tables sign in as each). */
export async function createUsersOfEveryRole(db: Db): Promise<Record<Role, TestUser>> {
  return {
    admin: await createUser(db, "admin"),
    investigator: await createUser(db, "investigator"),
    analyst: await createUser(db, "analyst"),
    liaison: await createUser(db, "liaison"),
  };
}

/** Fills and submits the sign-in form (the page must be on it). */
export async function submitSignIn(page: Page, locale: Locale, email: string, password: string) {
  const t = messages[locale].auth;
  await page.getByLabel(t.email).fill(email);
  await page.getByLabel(t.password).fill(password);
  await page.getByRole("button", { name: t.signIn }).click();
}

/** Signs in through /{locale}/login and waits until the browser has left it. */
export async function signIn(page: Page, user: Pick<TestUser, "email" | "password">, locale: Locale = "en") {
  await page.goto(`/${locale}/login`);
  await submitSignIn(page, locale, user.email, user.password);
  await expect(page).not.toHaveURL(/\/login/);
}

export const test = base.extend<{
  /** Creates a user of the role in the database. */
  makeUser: (role: Role, opts?: { disabled?: boolean; name?: string }) => Promise<TestUser>;
  /** A signed-in page for a fresh user of the role. */
  signedInAs: (
    role: Role,
    locale?: Locale,
    opts?: { javaScriptEnabled?: boolean },
  ) => Promise<{ page: Page; user: TestUser }>;
}>({
  makeUser: async ({ db }, use) => use((role, opts) => createUser(db, role, opts)),
  signedInAs: async ({ db, browser, ip }, use) => {
    const contexts: import("@playwright/test").BrowserContext[] = [];
    await use(async (role, locale = "en", opts = {}) => {
      const user = await createUser(db, role);
      // Its own context (own cookies), with this test's client address.
      const context = await browser.newContext({ ...opts, extraHTTPHeaders: { "x-forwarded-for": ip } });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, user, locale);
      return { page, user };
    });
    for (const c of contexts) await c.close();
  },
});

export { expect, messages };
export type { Locale };
