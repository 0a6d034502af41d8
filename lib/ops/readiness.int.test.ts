import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { readiness } from "./readiness";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ops-ready-"));

afterEach(() => {
  delete process.env.EVIDENCE_DIR;
  resetEnvCache();
});
afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  await (await db()).$disconnect();
});

describe("readiness", () => {
  it("is ready on a migrated database with writable evidence storage, and leaves no probe file", async () => {
    expect(await readiness()).toEqual({ ready: true });
    const dir = path.join(process.env.DATA_DIR!, "evidence");
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(".ready-"))).toEqual([]);
  });

  it("is not ready while a migration this build ships has not been applied", async () => {
    const migrations = path.join(scratch, "migrations");
    fs.cpSync(path.resolve("prisma/migrations"), migrations, { recursive: true });
    fs.mkdirSync(path.join(migrations, "29991231000000_not_applied_yet"));
    expect(await readiness({ migrationsDir: migrations })).toEqual({ ready: false, reason: "migrations_pending" });
  });

  it("is ready when the database is ahead of the build (a rolling deployment)", async () => {
    const migrations = path.join(scratch, "older");
    fs.cpSync(path.resolve("prisma/migrations"), migrations, { recursive: true });
    const newest = fs
      .readdirSync(migrations)
      .filter((m) => /^\d/.test(m))
      .sort()
      .at(-1)!;
    fs.rmSync(path.join(migrations, newest), { recursive: true });
    expect(await readiness({ migrationsDir: migrations })).toEqual({ ready: true });
  });

  it("is not ready when evidence cannot be written", async () => {
    const file = path.join(scratch, "not-a-folder");
    fs.writeFileSync(file, "x");
    process.env.EVIDENCE_DIR = path.join(file, "evidence");
    resetEnvCache();
    expect(await readiness()).toEqual({ ready: false, reason: "storage_not_writable" });
  });
});
