import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrisma, type Db } from "../lib/db/client";
import { startEmbeddedServer } from "../lib/db/embedded";
import { runMigrations } from "../lib/db/migrate";

/**
 * A second, empty database for tests that need one (arrival-order
 * independence): another in-memory PGlite, or a new database on the server.
 */
export async function freshDatabase(): Promise<{ db: Db; dispose(): Promise<void> }> {
  if (inject("embedded")) {
    const server = await startEmbeddedServer({ memory: true });
    await runMigrations(server.url, { quiet: true });
    const db = createPrisma(server.url, { max: 4 });
    return { db, dispose: async () => (await db.$disconnect(), await server.stop()) };
  }
  const base = new URL(inject("databaseUrl"));
  const name = `t_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  await runMigrations(url.toString(), { quiet: true });
  const db = createPrisma(url.toString(), { max: 4 });
  return {
    db,
    dispose: async () => {
      await db.$disconnect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
