/**
 * The primary's connect timeout (DATABASE_CONNECT_TIMEOUT_SECONDS): a host
 * that takes the TCP connection and never answers is an outage like a
 * stopped server, answered within the timeout, not after minutes. The stopped
 * server itself is e2e/database-outage.spec.ts.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { isDatabaseUnavailable, typedUnavailable } from "@/lib/db/unavailable";
import { env, resetEnvCache } from "@/lib/env";

describe("a primary that takes the connection and never answers", () => {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => void sockets.push(s));
  let url = "";

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `postgres://nobody@127.0.0.1:${(server.address() as net.AddressInfo).port}/app`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("fails a query as 'database unavailable' once the connect timeout has passed", async () => {
    const client = typedUnavailable(createPrisma(url, { max: 1, connectTimeoutMs: 400 }));
    const started = performance.now();
    const error = await client.$queryRaw`SELECT 1`.then(
      () => null,
      (e: unknown) => e,
    );
    const took = performance.now() - started;
    expect(sockets.length).toBeGreaterThan(0);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(took).toBeGreaterThanOrEqual(350);
    // Well under what TCP would take; generous for a loaded CI machine.
    expect(took).toBeLessThan(10_000);
    await client.$disconnect().catch(() => undefined);
  });

  it("reads its default and bounds from the environment", () => {
    const saved = process.env.DATABASE_CONNECT_TIMEOUT_SECONDS;
    try {
      delete process.env.DATABASE_CONNECT_TIMEOUT_SECONDS;
      resetEnvCache();
      expect(env().DATABASE_CONNECT_TIMEOUT_SECONDS).toBe(10);
      process.env.DATABASE_CONNECT_TIMEOUT_SECONDS = "3";
      resetEnvCache();
      expect(env().DATABASE_CONNECT_TIMEOUT_SECONDS).toBe(3);
      process.env.DATABASE_CONNECT_TIMEOUT_SECONDS = "0";
      resetEnvCache();
      expect(() => env()).toThrow();
    } finally {
      if (saved === undefined) delete process.env.DATABASE_CONNECT_TIMEOUT_SECONDS;
      else process.env.DATABASE_CONNECT_TIMEOUT_SECONDS = saved;
      resetEnvCache();
    }
  });
});
