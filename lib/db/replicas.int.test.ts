/**
 * Read replicas (ADR 0014) on a real streaming standby: this file starts its
 * own throwaway primary and standby (test/pg-cluster.ts), so it ignores the
 * suite's database. The standby's replay is paused while the primary takes new
 * reports: a read that cannot see them was served by the standby, one that can
 * by the primary. Held back longer than DATABASE_REPLICA_MAX_LAG_SECONDS, the
 * standby's reads go to the primary. Skipped where PostgreSQL's binaries are
 * absent.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { z } from "zod";
import { db, type Db } from "@/lib/db";
import { createPrisma } from "@/lib/db/client";
import { disconnectReplicas, replicaOf } from "@/lib/db/replica";
import { readDb } from "@/lib/db/read-db";
import { resetEnvCache } from "@/lib/env";
import { runWithRequest, type RequestContext } from "@/lib/http/request-context";
import { caseStatuses, listCases, loadDashboard, parseBoardFilters, searchCases, setStatus } from "@/lib/cases";
import { lookupIdentifier } from "@/lib/lookup";
import { mutation } from "@/lib/actions/mutation";
import { testUser } from "@/lib/actions/test-support";
import type { CurrentUser } from "@/lib/auth/current-user";
import { add, caseOf, phone, staff } from "@/lib/cases/test-support";
import { runMigrations } from "./migrate";
import { caughtUp, clusterUnavailable, scratch, startPrimary, startStandby, type Cluster } from "../../test/pg-cluster";

// One browser's cookies and the signed-in user, as a request would carry them.
const request = vi.hoisted(() => ({
  cookies: new Map<string, string>(),
  user: null as CurrentUser | null,
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    set: (c: { name: string; value: string }) => void request.cookies.set(c.name, c.value),
  }),
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => request.user }));

const unavailable = clusterUnavailable();
if (unavailable) console.warn(`replicas.int.test.ts skipped: ${unavailable}`);

describe.skipIf(unavailable)("read replicas on a streaming standby", () => {
  let dir: ReturnType<typeof scratch>;
  let primary: Cluster;
  let standby: Cluster;
  let primarySql: pg.Client;
  let standbySql: pg.Client;
  let app: Db;
  /** The primary alone, without replicas: what a read that must be fresh sees. */
  let direct: Db;
  const saved = { url: process.env.DATABASE_URL, replicas: process.env.DATABASE_REPLICA_URLS };

  const settle = () => caughtUp(primarySql, standbySql);
  const recent = () => ({ submittedAt: new Date().toISOString(), incidentDate: "2026-11-01" });

  beforeAll(async () => {
    dir = scratch("replicas-");
    primary = await startPrimary(dir.root);
    const admin = new pg.Client({ connectionString: primary.url() });
    await admin.connect();
    await admin.query("CREATE DATABASE app");
    await admin.end();
    standby = await startStandby(dir.root, primary);
    await runMigrations(primary.url("app"), { quiet: true });
    primarySql = new pg.Client({ connectionString: primary.url("app") });
    standbySql = new pg.Client({ connectionString: standby.url("app") });
    await Promise.all([primarySql.connect(), standbySql.connect()]);
    standbySql.on("error", () => {}); // the last test stops the standby under it

    process.env.DATABASE_URL = primary.url("app");
    process.env.DATABASE_REPLICA_URLS = standby.url("app");
    resetEnvCache();
    (globalThis as { __db?: unknown }).__db = undefined;
    app = await db();
    direct = createPrisma(primary.url("app"), { max: 2 });
  });

  afterAll(async () => {
    await standbySql?.query("SELECT pg_wal_replay_resume()").catch(() => undefined);
    await Promise.all([primarySql?.end(), standbySql?.end()]);
    if (app) await Promise.all([app.$disconnect(), disconnectReplicas(app)]);
    await direct?.$disconnect();
    standby?.stop();
    primary?.stop();
    dir?.remove();
    process.env.DATABASE_URL = saved.url;
    if (saved.replicas === undefined) delete process.env.DATABASE_REPLICA_URLS;
    else process.env.DATABASE_REPLICA_URLS = saved.replicas;
    resetEnvCache();
    (globalThis as { __db?: unknown }).__db = undefined;
  });

  const where = async (client: Db) =>
    (
      await client.$queryRaw<{ standby: boolean; port: number }[]>`
        SELECT pg_is_in_recovery() AS standby, inet_server_port() AS port`
    )[0];

  it("serves the board, dashboard, search and lookup from the standby, and writes on the primary", async () => {
    const investigator = await staff("investigator");
    const ringA = phone();
    const [a] = await add(
      { ...recent(), contacts: [{ kind: "phone", value: ringA }] },
      { ...recent(), contacts: [{ kind: "phone", value: ringA }] },
    );
    const caseA = await caseOf(a!);
    await settle();

    // The read client is the standby; the app's own client the primary.
    expect(await where(await readDb(app, investigator.actor.id))).toEqual({ standby: true, port: standby.port });
    expect(await where(replicaOf(app))).toEqual({ standby: true, port: standby.port });
    expect(await where(app)).toEqual({ standby: false, port: primary.port });

    // Freeze the standby, then write through the app: the write lands (on the primary).
    await standbySql.query("SELECT pg_wal_replay_pause()");
    const ringB = phone();
    const [b] = await add(
      { ...recent(), contacts: [{ kind: "phone", value: ringB }] },
      { ...recent(), contacts: [{ kind: "phone", value: ringB }] },
    );
    const caseB = await caseOf(b!);

    const board = await listCases(app, investigator, { filters: parseBoardFilters({}) });
    expect(board.rows.map((r) => r.number)).toEqual([caseA.number]);
    const fresh = await listCases(direct, investigator, { filters: parseBoardFilters({}) });
    expect(fresh.rows.map((r) => r.number).sort()).toEqual([caseA.number, caseB.number].sort());

    expect((await loadDashboard(app, investigator)).totals.reports).toBe(2);
    expect((await loadDashboard(direct, investigator)).totals.reports).toBe(4);

    expect(await searchCases(app, investigator, { q: caseB.number })).toEqual([]);
    expect((await searchCases(direct, investigator, { q: caseB.number })).length).toBe(1);

    expect((await lookupIdentifier(app, ringA)).result.kind).toBe("reported");
    expect((await lookupIdentifier(app, ringB)).result.kind).toBe("none");
    expect((await lookupIdentifier(direct, ringB)).result.kind).toBe("reported");

    await standbySql.query("SELECT pg_wal_replay_resume()");
    await settle();
    expect((await listCases(app, investigator, { filters: parseBoardFilters({}) })).total).toBe(2);
  });

  it("reads on the primary right after the same user's mutation, and only for that user", async () => {
    const investigator = await staff("investigator");
    const colleague = await staff("investigator");
    const [x] = await add({ ...recent(), contacts: [{ kind: "phone", value: phone() }] });
    const target = await caseOf(x!);
    await settle();
    await standbySql.query("SELECT pg_wal_replay_pause()");

    // A staff action on the mutation core, as the case page's status form runs it.
    request.user = testUser("investigator", investigator.actor.id);
    const changeStatus = mutation({
      name: "caseStatus",
      access: "write:case:any",
      schema: z.object({ number: z.string(), status: z.enum(caseStatuses) }),
      handler: (i, { user, ip, db: client }) => setStatus(client, { actor: user, ip }, i),
    });
    const form = new FormData();
    form.set("number", target.number);
    form.set("status", "triage");
    expect(await changeStatus(form)).toMatchObject({ status: "ok" });
    expect(request.cookies.has("read_primary")).toBe(true);

    const statusOf = async (ctx: typeof investigator) =>
      (await listCases(app, ctx, { filters: parseBoardFilters({}) })).rows.find((r) => r.number === target.number)
        ?.status;
    // The writer's board comes from the primary; the colleague's (same cookie, another user) from the standby.
    expect(await where(await readDb(app, investigator.actor.id))).toEqual({ standby: false, port: primary.port });
    expect(await statusOf(investigator)).toBe("triage");
    expect(await statusOf(colleague)).toBe("new");

    // Without the cookie (expired, or another browser), back to the standby.
    request.cookies.clear();
    expect(await statusOf(investigator)).toBe("new");

    await standbySql.query("SELECT pg_wal_replay_resume()");
    await settle();
    expect(await statusOf(colleague)).toBe("triage");
  });

  it("reads on the primary while the standby is too far behind, and on the standby once it has caught up", async () => {
    process.env.DATABASE_REPLICA_MAX_LAG_SECONDS = "2";
    resetEnvCache();
    try {
      const investigator = await staff("investigator");
      await settle();
      // A read reaches the standby: the lag checks run from then on.
      expect(await where(replicaOf(app))).toEqual({ standby: true, port: standby.port });

      // Replay held back while the primary takes a new case: the standby falls behind.
      await standbySql.query("SELECT pg_wal_replay_pause()");
      const ring = phone();
      const [x] = await add(
        { ...recent(), contacts: [{ kind: "phone", value: ring }] },
        { ...recent(), contacts: [{ kind: "phone", value: ring }] },
      );
      const written = await caseOf(x!);
      // Past the limit, reads go to the primary, and see the new case.
      await vi.waitFor(
        async () => expect(await where(replicaOf(app))).toEqual({ standby: false, port: primary.port }),
        {
          timeout: 30_000,
          interval: 250,
        },
      );
      const board = await listCases(app, investigator, { filters: parseBoardFilters({}) });
      expect(board.rows.map((r) => r.number)).toContain(written.number);
      expect((await lookupIdentifier(app, ring)).result.kind).toBe("reported");

      // Replay resumed: once it has caught up, reads return to the standby.
      await standbySql.query("SELECT pg_wal_replay_resume()");
      await vi.waitFor(async () => expect(await where(replicaOf(app))).toEqual({ standby: true, port: standby.port }), {
        timeout: 30_000,
        interval: 250,
      });
    } finally {
      await standbySql.query("SELECT pg_wal_replay_resume()").catch(() => undefined);
      delete process.env.DATABASE_REPLICA_MAX_LAG_SECONDS;
      resetEnvCache();
    }
  });

  it("reads on the primary while the standby is down, and on the standby again once it is back", async () => {
    process.env.DATABASE_REPLICA_RETRY_SECONDS = "1";
    resetEnvCache();
    try {
      const investigator = await staff("investigator");
      const ring = phone();
      const [x] = await add(
        { ...recent(), contacts: [{ kind: "phone", value: ring }] },
        { ...recent(), contacts: [{ kind: "phone", value: ring }] },
      );
      const written = await caseOf(x!);
      await settle();
      standby.stop();

      // Board, dashboard, search and lookup answer from the primary, with what was just written,
      // and the request is not marked as failed by the database (which would answer 503).
      const ctx: RequestContext = { id: "replica-down-test" };
      const board = await runWithRequest(ctx, () => listCases(app, investigator, { filters: parseBoardFilters({}) }));
      expect(board.rows.map((r) => r.number)).toContain(written.number);
      expect(ctx.databaseUnavailable).toBeUndefined();
      expect((await loadDashboard(app, investigator)).totals.reports).toBe(
        (await loadDashboard(direct, investigator)).totals.reports,
      );
      expect((await searchCases(app, investigator, { q: written.number })).length).toBe(1);
      expect((await lookupIdentifier(app, ring)).result.kind).toBe("reported");
      expect(await where(await readDb(app, investigator.actor.id))).toEqual({ standby: false, port: primary.port });

      // Once the standby is back, reads return to it (tried again after the retry period).
      standby.start();
      await vi.waitFor(async () => expect(await where(replicaOf(app))).toEqual({ standby: true, port: standby.port }), {
        timeout: 30_000,
        interval: 250,
      });
    } finally {
      delete process.env.DATABASE_REPLICA_RETRY_SECONDS;
      resetEnvCache();
    }
  });
});
