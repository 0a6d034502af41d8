/**
 * The replica fallback (lib/db/replica.ts) against the suite's database as the
 * primary and stand-in standbys that fail the two ways a real one does: the
 * server is down (connection refused), or the host takes the connection and
 * never answers (a network partition, a hung server). The real standby is in
 * replicas.int.test.ts, where PostgreSQL's binaries are installed.
 */
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db, type Db } from "@/lib/db";
import { createPrisma } from "@/lib/db/client";
import { attachReplicas, replicaOf, withFallback } from "@/lib/db/replica";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

/** A TCP server that accepts connections and never says a word; counts them. */
async function silentServer() {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `postgres://nobody@127.0.0.1:${port}/app`,
    connections: () => sockets.length,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on. */
async function refusedUrl() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `postgres://nobody@127.0.0.1:${port}/app`;
}

describe("a read replica that cannot be reached", () => {
  let primary: Db;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  const replicas: Db[] = [];

  beforeAll(async () => {
    primary = await db();
    silent = await silentServer();
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.$disconnect().catch(() => undefined)));
    await silent.close();
  });

  /** A fresh primary-like handle each test, so the replicas attached stay the test's own. */
  const routedTo = (url: string) => {
    const replica = createPrisma(url, { max: 2, connectTimeoutMs: 300 });
    replicas.push(replica);
    const host = primary.$extends({}) as unknown as Db;
    attachReplicas(host, [replica]);
    return replicaOf(host);
  };

  it("that takes connections and never answers: reads come from the primary, and it is left alone until the retry", async () => {
    const reads = routedTo(silent.url);
    const expected = await primary.case.count();

    expect(await reads.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`).toEqual([{ one: 1 }]);
    const tried = silent.connections();
    expect(tried).toBeGreaterThan(0);

    // Marked down: model reads and raw reads go straight to the primary, no new connection tried.
    expect(await reads.case.count()).toBe(expected);
    expect(await reads.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Case"`).toEqual([{ n: BigInt(expected) }]);
    expect(silent.connections()).toBe(tried);

    // After DATABASE_REPLICA_RETRY_SECONDS (30 by default) the next read tries it again.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 31_000);
    expect(await reads.case.count()).toBe(expected);
    expect(silent.connections()).toBeGreaterThan(tried);
  });

  it("whose server is down: reads come from the primary", async () => {
    const reads = routedTo(await refusedUrl());
    expect(await reads.case.count()).toBe(await primary.case.count());
    expect(await reads.$queryRaw<{ ok: boolean }[]>`SELECT true AS ok`).toEqual([{ ok: true }]);
  });

  it("a query that fails for another reason fails as it is, without running again on the primary", async () => {
    // The primary itself as the "replica": reachable, so only the query's own error is left.
    const reads = withFallback(primary, primary, "test");
    const error = await reads.$queryRaw`SELECT * FROM "NoSuchTable"`.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(String(error)).toMatch(/NoSuchTable/);
  });
});
