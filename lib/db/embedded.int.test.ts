import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import pg from "pg";
import { EmbeddedBusyError, findRunningEmbedded, readLock, startEmbeddedServer } from "./embedded";

const dirs: string[] = [];
function tmpDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-lock-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

it("serves the data directory to other connections and refuses a second owner", async () => {
  const dir = tmpDir();
  const server = await startEmbeddedServer({ dir, owner: "test" });
  try {
    expect(readLock(dir)).toMatchObject({ pid: process.pid, port: server.port });
    expect(await findRunningEmbedded(dir)).toBe(server.url);
    await expect(startEmbeddedServer({ dir, owner: "second" })).rejects.toBeInstanceOf(EmbeddedBusyError);

    // Two clients at once, each with its own transaction.
    const a = new pg.Client({ connectionString: server.url });
    const b = new pg.Client({ connectionString: server.url });
    await a.connect();
    await b.connect();
    await a.query("CREATE TABLE t (v int)");
    await a.query("BEGIN");
    await a.query("INSERT INTO t VALUES (1)");
    const outside = b.query("SELECT count(*)::int AS n FROM t");
    await a.query("ROLLBACK");
    expect((await outside).rows[0].n).toBe(0);
    await a.end();
    await b.end();
  } finally {
    await server.stop();
  }
  expect(readLock(dir)).toBeNull();
});

it("keeps data across restarts and takes over a stale lock", async () => {
  const dir = tmpDir();
  const first = await startEmbeddedServer({ dir, owner: "test" });
  const c = new pg.Client({ connectionString: first.url });
  await c.connect();
  await c.query("CREATE TABLE kept (v text)");
  await c.query("INSERT INTO kept VALUES ('hello')");
  await c.end();
  await first.stop();

  // A crashed owner leaves its lock behind; a dead pid must not block us.
  fs.writeFileSync(
    path.join(dir, "embedded.lock"),
    JSON.stringify({ pid: 2 ** 22 + 12345, port: 1, startedAt: "", owner: "crashed" }),
  );
  expect(await findRunningEmbedded(dir)).toBeNull();
  const second = await startEmbeddedServer({ dir, owner: "test" });
  try {
    const d = new pg.Client({ connectionString: second.url });
    await d.connect();
    expect((await d.query("SELECT v FROM kept")).rows).toEqual([{ v: "hello" }]);
    await d.end();
  } finally {
    await second.stop();
  }
});
