/**
 * The embedded server at wire level: many `pg` connections at once over the
 * extended query protocol (what pg and Prisma speak), with transactions, must
 * behave as if each had a backend of its own (ADR 0007).
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startEmbeddedServer, type EmbeddedServer } from "./embedded";

let server: EmbeddedServer;
const LIMIT = 24;
const clients: pg.Client[] = [];

async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: server.url });
  c.on("error", () => {}); // terminated connections are part of these tests
  await c.connect();
  clients.push(c);
  return c;
}

async function count(c: pg.Client, where: string, params: unknown[] = []): Promise<number> {
  return (await c.query(`SELECT count(*)::int AS n FROM t WHERE ${where}`, params)).rows[0].n;
}

beforeAll(async () => {
  server = await startEmbeddedServer({ memory: true, idleInTransactionTimeoutMs: 1500, maxConnections: LIMIT });
  const c = await connect();
  await c.query("CREATE TABLE t (client int, n int, kind text)");
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => {})));
  await server.stop();
});

describe("many connections at once", () => {
  it("keeps each connection's exchanges and transactions whole", async () => {
    const rounds = 12;
    const conns = await Promise.all(Array.from({ length: 8 }, () => connect()));
    await Promise.all(
      conns.map(async (c, id) => {
        for (let i = 0; i < rounds; i++) {
          // Different parameter counts back to back: interleaved Parse/Bind
          // messages of two connections fail with "bind message supplies…".
          expect((await c.query("SELECT $1::int + $2::int AS s", [i, id])).rows[0].s).toBe(i + id);
          expect((await c.query("SELECT $1::text || $2::text || $3::text AS s", [id, "-", i])).rows[0].s).toBe(
            `${id}-${i}`,
          );
          // An uncommitted row is visible to its own transaction only.
          await c.query("BEGIN");
          await c.query("INSERT INTO t VALUES ($1, $2, 'pending')", [id, i]);
          expect(await count(c, "kind = 'pending'")).toBe(1);
          await c.query("ROLLBACK");
          expect(await count(c, "kind = 'pending'")).toBe(0);

          await c.query("BEGIN");
          await c.query("INSERT INTO t VALUES ($1, $2, 'done')", [id, i]);
          expect(await count(c, "client = $1 AND kind = 'done'", [id])).toBe(i + 1);
          await c.query("COMMIT");
        }
      }),
    );
    const check = await connect();
    for (let id = 0; id < conns.length; id++) expect(await count(check, "client = $1", [id])).toBe(rounds);
    expect(await count(check, "kind = 'pending'")).toBe(0);
  });
});

/** A raw socket speaking just enough protocol to leave the server mid-exchange. */
async function rawClient() {
  const socket = net.connect(server.port, "127.0.0.1");
  let received = Buffer.alloc(0);
  let wake: (() => void) | undefined;
  socket.on("data", (d) => {
    received = Buffer.concat([received, d]);
    wake?.();
  });
  socket.on("error", () => {});
  await new Promise<void>((r) => socket.once("connect", () => r()));
  const until = async (test: (b: Buffer) => boolean) => {
    while (!test(received)) await new Promise<void>((r) => (wake = r));
  };
  const send = (type: string, body: Buffer) => {
    const head = Buffer.alloc(5);
    head.write(type, 0, "latin1");
    head.writeInt32BE(body.length + 4, 1);
    socket.write(Buffer.concat([head, body]));
  };
  const readyForQuery = (b: Buffer) => b.includes(Buffer.from([0x5a, 0, 0, 0, 5]));
  return {
    socket,
    received: () => received,
    until,
    send,
    async start() {
      const params = Buffer.from("user\0postgres\0database\0postgres\0\0");
      const head = Buffer.alloc(8);
      head.writeInt32BE(params.length + 8, 0);
      head.writeInt32BE(196608, 4);
      socket.write(Buffer.concat([head, params]));
      await until(readyForQuery);
      received = Buffer.alloc(0);
    },
    /** Parse/Bind/Execute of `sql` without the Sync that would end the exchange. */
    executeWithoutSync(sql: string) {
      send("P", Buffer.from(`\0${sql}\0\0\0`));
      send("B", Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]));
      send("E", Buffer.from([0, 0, 0, 0, 0]));
    },
    readyForQuery,
  };
}

describe("a client that leaves or stalls", () => {
  it("rolls back the transaction of a client that disconnects, then serves the next one", async () => {
    const a = await connect();
    const b = await connect();
    await a.query("BEGIN");
    await a.query("INSERT INTO t VALUES (100, 1, 'left')");
    const waiting = count(b, "kind = 'left'"); // queued behind a's transaction
    (a as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
    expect(await waiting).toBe(0);
  });

  it("rolls back a half-sent extended exchange (no Sync) of a client that disconnects", async () => {
    const b = await connect();
    const raw = await rawClient();
    await raw.start();
    raw.executeWithoutSync("INSERT INTO t VALUES (101, 1, 'half-sent')");
    await raw.until((b) => b.includes(Buffer.from("INSERT 0 1")));
    const waiting = count(b, "kind = 'half-sent'");
    raw.socket.destroy();
    expect(await waiting).toBe(0);
  });

  it("ends a client idle in a transaction after the timeout, rolls it back and serves the others", async () => {
    const stuck = await connect();
    const b = await connect();
    const errors: Error[] = [];
    stuck.on("error", (e) => errors.push(e));
    await stuck.query("BEGIN");
    await stuck.query("INSERT INTO t VALUES (102, 1, 'stuck')");
    const started = Date.now();
    expect(await count(b, "kind = 'stuck'")).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await expect(stuck.query("COMMIT")).rejects.toThrow();
    expect(errors.map((e) => e.message).join()).toMatch(/idle-in-transaction timeout/);
    expect(await count(b, "kind = 'stuck'")).toBe(0);
  });

  it("serves waiting connections in arrival order", async () => {
    const a = await connect();
    const others = await Promise.all([connect(), connect(), connect()]);
    await a.query("BEGIN");
    const order: number[] = [];
    const queued = others.map((c, i) => c.query("SELECT 1").then(() => order.push(i)));
    await a.query("SELECT pg_sleep(0.05)"); // they have arrived and wait meanwhile
    expect(order).toEqual([]);
    await a.query("COMMIT");
    await Promise.all(queued);
    expect(order).toEqual([0, 1, 2]);
  });
});

describe("connection set-up", () => {
  it("declines SSL, then accepts the startup message on the same connection", async () => {
    const raw = await rawClient();
    const ssl = Buffer.alloc(8);
    ssl.writeInt32BE(8, 0);
    ssl.writeInt32BE(80877103, 4);
    raw.socket.write(ssl);
    await raw.until((b) => b.length >= 1);
    expect(raw.received().toString("latin1", 0, 1)).toBe("N");
    await raw.start();
    raw.send("Q", Buffer.from("SELECT 41 + 1\0"));
    await raw.until(raw.readyForQuery);
    expect(raw.received().includes(Buffer.from("42"))).toBe(true);
    raw.socket.destroy();
  });

  it("closes a cancel request's connection without touching the others", async () => {
    const c = await connect();
    const raw = await rawClient();
    const cancel = Buffer.alloc(16);
    cancel.writeInt32BE(16, 0);
    cancel.writeInt32BE(80877102, 4);
    raw.socket.write(cancel);
    await new Promise<void>((r) => raw.socket.once("close", () => r()));
    expect((await c.query("SELECT 1 AS one")).rows[0].one).toBe(1);
  });

  it("refuses connections beyond the limit with Postgres's error", async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => {})));
    const open = await Promise.all(Array.from({ length: LIMIT }, () => connect()));
    await expect(connect()).rejects.toThrow(/too many clients/);
    await open[0]!.end();
    expect((await (await connect()).query("SELECT 1 AS one")).rows[0].one).toBe(1);
  });
});
