/**
 * Integration tests run against DATABASE_URL when set (CI: a fresh PostgreSQL
 * database per run), else against a throwaway in-memory embedded PGlite served
 * on loopback exactly as in production. Migrations are applied either way.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedServer, type EmbeddedServer } from "../lib/db/embedded";
import { runMigrations } from "../lib/db/migrate";

let server: EmbeddedServer | undefined;
let tmp: string | undefined;

export default async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  if (!url) {
    server = await startEmbeddedServer({ memory: true });
    url = server.url;
  }
  await runMigrations(url, { quiet: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scam-int-"));
  project.provide("databaseUrl", url);
  project.provide("embedded", !process.env.DATABASE_URL);
  project.provide("dataDir", tmp);
  return async () => {
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    embedded: boolean;
    dataDir: string;
  }
}
