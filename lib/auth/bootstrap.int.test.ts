import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db/client";
import { startEmbeddedServer, type EmbeddedServer } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { ensureFirstAdmin } from "./bootstrap";
import { verifyPassword } from "./password";

// The shared integration database already has users, so the first start is
// tested on a database of its own.
let server: EmbeddedServer;
let db: Db;

beforeAll(async () => {
  server = await startEmbeddedServer({ memory: true });
  await runMigrations(server.url, { quiet: true });
  db = createPrisma(server.url, { max: 2 });
});

afterAll(async () => {
  delete process.env.ADMIN_EMAIL;
  delete process.env.ADMIN_PASSWORD;
  resetEnvCache();
  await db?.$disconnect();
  await server?.stop();
});

describe("ensureFirstAdmin", () => {
  it("on an empty database creates admin@localhost with a generated password, printed once in a box", async () => {
    const printed: string[] = [];
    const r = await ensureFirstAdmin(db, { print: (t) => printed.push(t) });
    expect(r.created).toBe(true);
    if (!r.created) return;
    expect(r.email).toBe("admin@localhost");
    expect(r.generatedPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(r.generatedPassword);
    expect(printed[0]!.split("\n")[0]).toMatch(/^╔═+╗$/);

    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@localhost" } });
    expect(admin.role).toBe("admin");
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin.passwordHash, r.generatedPassword!)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.create", resourceId: admin.id } });
    expect(audit.detail).toMatchObject({ bootstrap: true, passwordGenerated: true });
    expect(JSON.stringify(audit)).not.toContain(r.generatedPassword);

    // Idempotent: any user at all means nothing to do, and nothing is printed.
    expect(await ensureFirstAdmin(db, { print: (t) => printed.push(t) })).toEqual({ created: false });
    expect(await db.user.count()).toBe(1);
    expect(printed).toHaveLength(1);
  });

  it("uses ADMIN_EMAIL / ADMIN_PASSWORD when set, and does not print the password", async () => {
    await db.$executeRaw`TRUNCATE "User" CASCADE`;
    process.env.ADMIN_EMAIL = " Chief@Police.Example.CN ";
    process.env.ADMIN_PASSWORD = "configured-password-123";
    resetEnvCache();
    const printed: string[] = [];
    expect(await ensureFirstAdmin(db, { print: (t) => printed.push(t) })).toEqual({
      created: true,
      email: "chief@police.example.cn",
      generatedPassword: null,
    });
    expect(printed.join("")).not.toContain("configured-password-123");
    const admin = await db.user.findUniqueOrThrow({ where: { email: "chief@police.example.cn" } });
    expect(await verifyPassword(admin.passwordHash, "configured-password-123")).toBe(true);
  });
});
