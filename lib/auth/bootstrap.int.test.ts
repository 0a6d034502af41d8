import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrisma, type Db } from "@/lib/db/client";
import { startEmbeddedServer, type EmbeddedServer } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { ensureFirstAdmin } from "./bootstrap";
import { cleanUpInitialPasswordFile, readInitialPasswordFile } from "./initial-password";
import { hashPassword, verifyPassword } from "./password";

// The shared integration database already has users, so the first start is
// tested on a database of its own.
let server: EmbeddedServer;
let db: Db;
let dir: string;

beforeAll(async () => {
  server = await startEmbeddedServer({ memory: true });
  await runMigrations(server.url, { quiet: true });
  db = createPrisma(server.url, { max: 2 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bootstrap-"));
});

afterAll(async () => {
  delete process.env.ADMIN_EMAIL;
  delete process.env.ADMIN_PASSWORD;
  resetEnvCache();
  fs.rmSync(dir, { recursive: true, force: true });
  await db?.$disconnect();
  await server?.stop();
});

describe("ensureFirstAdmin", () => {
  it("on an empty database creates admin@localhost; the generated password goes to a 0600 file, never to stdout", async () => {
    const passwordFile = path.join(dir, "data", "initial-admin-password");
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    const write = vi.spyOn(process.stdout, "write");
    let r, calls;
    try {
      r = await ensureFirstAdmin(db, { passwordFile });
      calls = { log: [...out.mock.calls], write: [...write.mock.calls] };
    } finally {
      out.mockRestore();
      write.mockRestore();
    }
    expect(r.created).toBe(true);
    if (!r.created) return;
    expect(r.email).toBe("admin@localhost");
    expect(r.generatedPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);

    // The console says where the password is, in a box, and never what it is.
    expect(calls.log).toHaveLength(1);
    const printed = [...calls.log, ...calls.write].map((c) => String(c[0])).join("\n");
    expect(printed.split("\n")[0]).toMatch(/^╔═+╗$/);
    expect(printed).toContain(passwordFile);
    expect(printed).not.toContain(r.generatedPassword);

    expect(r.passwordFile).toBe(passwordFile);
    expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(readInitialPasswordFile(passwordFile)).toEqual({ email: "admin@localhost", password: r.generatedPassword });
    expect(fs.readdirSync(path.dirname(passwordFile))).toEqual(["initial-admin-password"]);

    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@localhost" } });
    expect(admin.role).toBe("admin");
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin.passwordHash, r.generatedPassword!)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.create", resourceId: admin.id } });
    expect(audit.detail).toMatchObject({ bootstrap: true, passwordGenerated: true });
    expect(JSON.stringify(audit)).not.toContain(r.generatedPassword);

    // Idempotent: any user at all means nothing to do, nothing printed, the file untouched.
    const printedAgain: string[] = [];
    expect(await ensureFirstAdmin(db, { passwordFile, print: (t) => printedAgain.push(t) })).toEqual({
      created: false,
    });
    expect(await db.user.count()).toBe(1);
    expect(printedAgain).toEqual([]);
    expect(readInitialPasswordFile(passwordFile)?.password).toBe(r.generatedPassword);
  });

  it("the next start removes the file once the admin has signed in (on any server), or it no longer works", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@localhost" } });
    const file = path.join(dir, "data", "initial-admin-password");
    // Not signed in yet: the file stays.
    expect(await cleanUpInitialPasswordFile(db, file)).toBeNull();
    expect(fs.existsSync(file)).toBe(true);
    // A sign-in handled by another server leaves only its audit row behind.
    await db.auditEvent.create({
      data: { actorId: admin.id, action: "auth.login.success", resourceType: "user", resourceId: admin.id },
    });
    expect(await cleanUpInitialPasswordFile(db, file)).toBe("signed-in");
    expect(fs.existsSync(file)).toBe(false);
    expect(await cleanUpInitialPasswordFile(db, file)).toBeNull();

    // Another admin reset this one's password before they ever signed in: the file is useless.
    const other = path.join(dir, "other");
    await db.user.create({
      data: { email: "second@localhost", role: "admin", passwordHash: await hashPassword("reset-by-a-colleague") },
    });
    fs.writeFileSync(other, "email: second@localhost\npassword: not-the-password-any-more\n", { mode: 0o600 });
    expect(await cleanUpInitialPasswordFile(db, other)).toBe("password-changed");
    fs.writeFileSync(other, "email: gone@localhost\npassword: whatever-it-was\n", { mode: 0o600 });
    expect(await cleanUpInitialPasswordFile(db, other)).toBe("no-account");
    expect(fs.existsSync(other)).toBe(false);
  });

  it("uses ADMIN_EMAIL / ADMIN_PASSWORD when set: no file, and the password is not printed", async () => {
    await db.$executeRaw`TRUNCATE "User" CASCADE`;
    process.env.ADMIN_EMAIL = " Chief@Police.Example.CN ";
    process.env.ADMIN_PASSWORD = "configured-password-123";
    resetEnvCache();
    const printed: string[] = [];
    const passwordFile = path.join(dir, "configured", "initial-admin-password");
    expect(await ensureFirstAdmin(db, { passwordFile, print: (t) => printed.push(t) })).toEqual({
      created: true,
      email: "chief@police.example.cn",
      generatedPassword: null,
      passwordFile: null,
    });
    expect(printed.join("")).not.toContain("configured-password-123");
    expect(fs.existsSync(passwordFile)).toBe(false);
    const admin = await db.user.findUniqueOrThrow({ where: { email: "chief@police.example.cn" } });
    expect(await verifyPassword(admin.passwordHash, "configured-password-123")).toBe(true);
  });
});
