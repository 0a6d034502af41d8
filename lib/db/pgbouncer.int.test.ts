/**
 * The data layer through PgBouncer in transaction mode (docs/operations.md):
 * every transaction may get another server connection, so only
 * transaction-scoped state works — the matcher's pg_advisory_xact_lock, SET
 * LOCAL — and statements must be unnamed (Prisma's pg adapter sends no
 * statement names). Starts its own throwaway cluster and pgbouncer; skipped
 * where PostgreSQL's binaries or pgbouncer are absent.
 */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db, type Db } from "@/lib/db";
import { createPrisma } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { systemActor } from "@/lib/auth/permissions";
import { reclusterAll } from "@/lib/cases";
import { importReports } from "@/lib/interchange/import";
import { reportFormSchema } from "@/lib/reports/schema";
import { submitReport } from "@/lib/reports/service";
import { runMigrations } from "./migrate";
import {
  clusterUnavailable,
  pgbouncerUnavailable,
  scratch,
  startPgbouncer,
  startPrimary,
  type Bouncer,
  type Cluster,
} from "../../test/pg-cluster";

/** Server connections PgBouncer keeps for the database: far fewer than the two app pools' 20. */
const POOL = 4;

const unavailable = clusterUnavailable() ?? pgbouncerUnavailable();
if (unavailable) console.warn(`pgbouncer.int.test.ts skipped: ${unavailable}`);

const digits = (n: number) => String(randomInt(10 ** (n - 1), 10 ** n));
const newRing = () => ({
  phone: `+86 176 ${digits(4)} ${digits(4)}`,
  account: `6222 ${digits(4)} ${digits(4)} ${digits(4)}`,
});
type Ring = ReturnType<typeof newRing>;

function form(ring: Ring) {
  return reportFormSchema.parse({
    scamType: "order_brushing",
    incidentDate: "2026-10-02",
    narrative: `Investment group ${randomUUID()}`,
    contacts: [{ kind: "phone", value: ring.phone }],
    payments: [
      {
        amount: "100.00",
        currency: "CNY",
        paidAt: "",
        method: "bank_transfer",
        payeeKind: "bank_account",
        payeeValue: ring.account,
        payeeName: "",
        payeeBank: "",
      },
    ],
    platforms: [],
    victimName: "Zhao Lei",
    victimPhone: `138${digits(8)}`,
    victimProvince: "Jiangsu",
    victimCity: "Nanjing",
    consent: true,
  });
}

const line = (ring: Ring, id: string) =>
  JSON.stringify({
    externalId: id,
    incidentDate: "2026-10-02",
    scamType: "order_brushing",
    victim: { name: "Sun Li", phone: `137${digits(8)}`, province: "Anhui" },
    contacts: [{ kind: "phone", value: ring.phone }],
    payments: [{ amount: 100, currency: "CNY", payee: { kind: "bank_account", value: ring.account } }],
  });

describe.skipIf(unavailable)("the data layer through PgBouncer in transaction mode", () => {
  let dir: ReturnType<typeof scratch>;
  let server: Cluster;
  let bouncer: Bouncer;
  let direct: pg.Client;
  let app: Db;
  /** A second app server's client, through the same PgBouncer. */
  let other: Db;
  const saved = process.env.DATABASE_URL;

  beforeAll(async () => {
    dir = scratch("pgbouncer-");
    server = await startPrimary(dir.root);
    direct = new pg.Client({ connectionString: server.url() });
    await direct.connect();
    await direct.query("CREATE DATABASE app");
    // Migrations go to the server itself: prisma migrate holds a session advisory lock.
    await runMigrations(server.url("app"), { quiet: true });
    bouncer = await startPgbouncer(dir.root, server, "app", POOL);
    process.env.DATABASE_URL = bouncer.url("app");
    resetEnvCache();
    (globalThis as { __db?: unknown }).__db = undefined;
    app = await db();
    other = createPrisma(bouncer.url("app"), { max: 10 });
  });

  afterAll(async () => {
    await app?.$disconnect();
    await other?.$disconnect();
    await direct?.end();
    await bouncer?.stop();
    server?.stop();
    dir?.remove();
    process.env.DATABASE_URL = saved;
    resetEnvCache();
    (globalThis as { __db?: unknown }).__db = undefined;
  });

  it("runs parameterised statements on shared server connections", async () => {
    const answers = await Promise.all(
      Array.from(
        { length: 40 },
        (_, i) =>
          (i % 2 ? app : other).$queryRaw<{ n: number; t: string }[]>`SELECT ${i}::int AS n, ${`v${i}`}::text AS t`,
      ),
    );
    expect(answers.map((a) => a[0])).toEqual(Array.from({ length: 40 }, (_, i) => ({ n: i, t: `v${i}` })));
  });

  it("matches concurrent reports sharing identifiers from two servers, as a re-cluster does", async () => {
    const formRings = Array.from({ length: 5 }, newRing);
    const importRings = Array.from({ length: 2 }, newRing);
    const run = randomUUID().slice(0, 8);
    const net = randomInt(0, 256);
    const submissions = formRings.flatMap((ring, r) =>
      Array.from({ length: 6 }, (_, j) =>
        submitReport({
          values: form(ring),
          files: [],
          token: randomUUID(),
          locale: "en",
          ip: `10.${net}.${r}.${j + 1}`,
        }),
      ),
    );
    // The other server imports rings of its own and reports joining the form's rings, at the same moment.
    const lines = [
      ...importRings.flatMap((ring, r) => Array.from({ length: 8 }, (_, j) => line(ring, `PB-${run}-i${r}-${j}`))),
      ...formRings.map((ring, r) => line(ring, `PB-${run}-f${r}`)),
    ];
    const [submitted, imported] = await Promise.all([
      Promise.allSettled(submissions),
      importReports(other, lines, { batchSize: 4 }),
    ]);
    expect(submitted.filter((s) => s.status === "rejected")).toEqual([]);
    expect(imported).toMatchObject({ imported: lines.length, duplicates: 0, malformed: [] });

    // Each ring is exactly one case: 7 reports per form ring, 8 per imported ring.
    const references = submitted.map((s) => (s.status === "fulfilled" ? s.value.reference : ""));
    const caseOf = async (where: object) => {
      const rows = await app.report.findMany({ where, select: { caseId: true } });
      return { reports: rows.length, cases: [...new Set(rows.map((r) => r.caseId))] };
    };
    const groups = await Promise.all([
      ...formRings.map((_, r) =>
        caseOf({
          OR: [{ reference: { in: references.slice(r * 6, r * 6 + 6) } }, { externalId: `PB-${run}-f${r}` }],
        }),
      ),
      ...importRings.map((_, r) => caseOf({ externalId: { startsWith: `PB-${run}-i${r}-` } })),
    ]);
    expect(groups.map((g) => g.reports)).toEqual([7, 7, 7, 7, 7, 8, 8]);
    expect(groups.map((g) => g.cases.length)).toEqual(Array(7).fill(1));
    expect(groups.every((g) => g.cases[0] !== null)).toBe(true);
    // Rings share nothing, so no two are in one case.
    expect(new Set(groups.map((g) => g.cases[0])).size).toBe(7);

    const before = await app.case.count({ where: { reports: { some: {} } } });
    expect(before).toBe(7);
    const rebuilt = await reclusterAll(app, { actor: systemActor("pgbouncer test") });
    expect(rebuilt.cases).toBe(before);
    expect(await app.case.count({ where: { reports: { some: {} } } })).toBe(before);

    // Pooling happened, and no lock outlived its transaction on a pooled connection.
    const { rows } = await direct.query<{ backends: number; advisory: number }>(
      `SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = 'app')::int AS backends,
              (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory')::int AS advisory`,
    );
    expect(rows[0]!.backends).toBeLessThanOrEqual(POOL);
    expect(rows[0]!.advisory).toBe(0);
  });
});
