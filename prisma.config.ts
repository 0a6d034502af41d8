import path from "node:path";
import { defineConfig } from "prisma/config";
import { createPgAdapter } from "./lib/db/pg-adapter";
import { resolveDatabaseUrlForCli } from "./lib/db/cli-url";

// Prisma 6.19 with the JS schema engine: generate, migrate and db push run on
// WASM and reach the database through the pg driver adapter, so nothing is
// downloaded (docs/decisions/0002-prisma-6-offline.md).
const configuredUrl = process.env.DATABASE_URL;
// The schema keeps `url = env("DATABASE_URL")`; when it cannot be resolved the
// CLI falls back to downloading a native engine. Commands that need no database
// (generate, validate) get a placeholder; the adapter below never uses it.
process.env.DATABASE_URL ||= "postgres://unused@127.0.0.1:1/unused";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const connectionString = await resolveDatabaseUrlForCli(configuredUrl);
    return createPgAdapter(connectionString, { max: 2, idleTimeoutMillis: 200 });
  },
});
