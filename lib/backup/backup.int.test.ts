/**
 * `npm run backup` then `npm run restore` into an empty target, for the
 * embedded database and for PostgreSQL: counts, money sums and a sample of
 * rows are equal, evidence files come back byte for byte; a non-empty target
 * is refused without --force, and so is a backup of an unknown migration.
 * The PostgreSQL part runs in the PostgreSQL pass (DATABASE_URL) and skips
 * when pg_dump is absent.
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tar from "tar";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { startEmbeddedServer } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { importReports } from "@/lib/interchange/import";
import { describeDatabase } from "./manifest";

const root = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "backup-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const hasPgDump = (() => {
  try {
    execFileSync("pg_dump", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** `npm run <script> -- args` as the operator would run it (without npm in between). */
function npmRun(script: "backup" | "restore", args: string[], env: Record<string, string | undefined>) {
  const line = (
    JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
  ).scripts[script]!;
  const [cmd, ...rest] = line.split(" ");
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  const child = spawn(cmd!, [...rest, ...args], { cwd: root, env: childEnv as NodeJS.ProcessEnv });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (out += b.toString()));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, out })),
  );
}

/** Reports (with cases, payments), a user, an organisation, a request and two evidence files. */
async function populate(url: string, evidenceDir: string): Promise<void> {
  const db = createPrisma(url, { max: 2 });
  try {
    const lines = Array.from({ length: 40 }, (_, n) =>
      JSON.stringify({
        externalId: `BK-${n}`,
        incidentDate: "2026-05-25",
        narrative: `报案 ${n}: 冒充客服退款`,
        victim: { name: `王芳 ${n}`, phone: `1390000${String(n).padStart(4, "0")}` },
        contacts: [{ kind: "phone", value: `+86 171 0000 ${String(n % 8).padStart(4, "0")}` }],
        payments: [
          { amount: `${n * 100 + 0.37}`, payee: { kind: "bank_account", value: `6217 0000 0000 0000 ${n % 8}` } },
        ],
      }),
    );
    await importReports(db, lines);
    const user = await db.user.create({
      data: { email: `inv-${randomUUID()}@example.cn`, name: "李警官", passwordHash: "x", role: "investigator" },
    });
    const org = await db.organisation.create({ data: { name: `Bank ${randomUUID()}`, kind: "bank" } });
    const c = await db.case.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } });
    await db.liaisonRequest.create({
      data: {
        number: "Q-2026-000001",
        caseId: c.id,
        orgId: org.id,
        kind: "freeze_accounts",
        body: "请冻结",
        createdById: user.id,
        items: { create: [{ kind: "bank_account", display: "6217 0000 0000 0000 1", paidMinor: 123456n }] },
      },
    });
    fs.mkdirSync(evidenceDir, { recursive: true });
    const report = await db.report.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } });
    for (const k of [1, 2]) {
      const bytes = Buffer.from(`evidence ${k} ${randomUUID()}`);
      const storageKey = `${randomUUID()}.png`;
      fs.writeFileSync(path.join(evidenceDir, storageKey), bytes);
      await db.evidence.create({
        data: {
          reportId: report.id,
          storageKey,
          originalName: `转账截图${k}.png`,
          mime: "image/png",
          size: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
        },
      });
    }
  } finally {
    await db.$disconnect();
  }
}

/** A sample of rows, compared field by field. */
async function sample(url: string) {
  const db = createPrisma(url, { max: 1 });
  try {
    return {
      reports: await db.report.findMany({
        where: { externalId: { in: ["BK-0", "BK-7", "BK-39"] } },
        orderBy: { externalId: "asc" },
        select: {
          reference: true,
          victimName: true,
          narrative: true,
          case: { select: { number: true, lossCnyMinor: true, reportCount: true } },
          payments: { select: { amountMinor: true, payeeValue: true } },
        },
      }),
      users: await db.user.findMany({ select: { email: true, name: true, role: true } }),
      requests: await db.liaisonRequest.findMany({
        select: { number: true, body: true, items: { select: { display: true, paidMinor: true } } },
      }),
      evidence: await db.evidence.findMany({
        orderBy: { storageKey: "asc" },
        select: { storageKey: true, sha256: true },
      }),
    };
  } finally {
    await db.$disconnect();
  }
}

function evidenceHashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash("sha256")
          .update(fs.readFileSync(path.join(dir, f)))
          .digest("hex"),
      ]),
  );
}

describe("backup and restore, embedded database", () => {
  // Independent of the suite's database: once, in the embedded pass, is enough.
  it.skipIf(!inject("embedded"))(
    "round-trips a populated database and its evidence; refuses a non-empty target or an unknown migration",
    async () => {
      const src = path.join(tmp, "src");
      const dst = path.join(tmp, "dst");
      const archive = path.join(tmp, "embedded.tar.gz");
      const server = await startEmbeddedServer({ dir: src, owner: "backup test" });
      await runMigrations(server.url, { quiet: true });
      await populate(server.url, path.join(src, "evidence"));
      const before = await describeDatabase(server.url);
      const rows = await sample(server.url);
      await server.stop();
      expect(before.facts.counts.Report).toBe(40);

      const env = (dir: string) => ({ DATABASE_URL: undefined, DATA_DIR: dir, EVIDENCE_DIR: undefined });
      const b = await npmRun("backup", ["--out", archive], env(src));
      expect(b.code, b.out).toBe(0);
      const r = await npmRun("restore", [archive], env(dst));
      expect(r.code, r.out).toBe(0);

      const restored = await startEmbeddedServer({ dir: dst, owner: "backup test" });
      try {
        const after = await describeDatabase(restored.url);
        expect(after.facts).toEqual(before.facts);
        expect(after.migration).toBe(before.migration);
        expect(after.facts.sums.paymentsFen).toBe(
          String(Array.from({ length: 40 }, (_, n) => n * 10000 + 37).reduce((a, x) => a + x)),
        );
        expect(await sample(restored.url)).toEqual(rows);
      } finally {
        await restored.stop();
      }
      expect(evidenceHashes(path.join(dst, "evidence"))).toEqual(evidenceHashes(path.join(src, "evidence")));

      // The target now holds data: refused without --force, and left as it was.
      const again = await npmRun("restore", [archive], env(dst));
      expect(again.code).toBe(1);
      expect(again.out).toContain("--force");
      expect((await npmRun("restore", [archive, "--force"], env(dst))).code).toBe(0);

      // A backup of a schema this version does not know is refused before anything changes.
      const x = path.join(tmp, "x");
      fs.mkdirSync(x);
      await tar.x({ file: archive, cwd: x });
      const m = JSON.parse(fs.readFileSync(path.join(x, "manifest.json"), "utf8")) as { migration: string };
      m.migration = "29991231000000_from_the_future";
      fs.writeFileSync(path.join(x, "manifest.json"), JSON.stringify(m));
      const future = path.join(tmp, "future.tar.gz");
      await tar.c({ gzip: true, file: future, cwd: x }, fs.readdirSync(x));
      const refused = await npmRun("restore", [future], env(path.join(tmp, "empty")));
      expect(refused.code).toBe(1);
      expect(refused.out).toContain("29991231000000_from_the_future");
      expect(fs.existsSync(path.join(tmp, "empty", "pglite"))).toBe(false);
    },
    300_000,
  );
});

describe("backup and restore, PostgreSQL", () => {
  const embedded = inject("embedded");
  it.skipIf(embedded || !hasPgDump)(
    "round-trips a populated database and its evidence (runs in the PostgreSQL pass, needs pg_dump)",
    async () => {
      const base = new URL(inject("databaseUrl"));
      const name = (s: string) => `bk_${s}_${process.pid}_${randomUUID().slice(0, 6)}`;
      const [srcDb, dstDb] = [name("src"), name("dst")];
      const admin = new pg.Client({ connectionString: base.toString() });
      await admin.connect();
      const urlOf = (db: string) => Object.assign(new URL(base), { pathname: `/${db}` }).toString();
      try {
        await admin.query(`CREATE DATABASE ${srcDb}`);
        await admin.query(`CREATE DATABASE ${dstDb}`);
        const src = urlOf(srcDb);
        const dst = urlOf(dstDb);
        await runMigrations(src, { quiet: true });
        const evSrc = path.join(tmp, "pg-src-evidence");
        const evDst = path.join(tmp, "pg-dst", "evidence");
        await populate(src, evSrc);
        const before = await describeDatabase(src);
        const rows = await sample(src);
        const archive = path.join(tmp, "pg.tar.gz");
        const b = await npmRun("backup", ["--out", archive], { DATABASE_URL: src, EVIDENCE_DIR: evSrc });
        expect(b.code, b.out).toBe(0);
        const r = await npmRun("restore", [archive], {
          DATABASE_URL: dst,
          DATA_DIR: path.join(tmp, "pg-dst"),
          EVIDENCE_DIR: evDst,
        });
        expect(r.code, r.out).toBe(0);
        expect((await describeDatabase(dst)).facts).toEqual(before.facts);
        expect(await sample(dst)).toEqual(rows);
        expect(evidenceHashes(evDst)).toEqual(evidenceHashes(evSrc));
        const again = await npmRun("restore", [archive], {
          DATABASE_URL: dst,
          DATA_DIR: path.join(tmp, "pg-dst"),
          EVIDENCE_DIR: evDst,
        });
        expect(again.code).toBe(1);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${srcDb} WITH (FORCE)`);
        await admin.query(`DROP DATABASE IF EXISTS ${dstDb} WITH (FORCE)`);
        await admin.end();
      }
    },
    300_000,
  );
});
