/**
 * `npm start`: prepare the database, build if the sources changed, serve.
 * With no DATABASE_URL this process owns the embedded PGlite under DATA_DIR and
 * serves it on loopback; the web server and CLI tools connect to it there.
 */
import path from "node:path";
import { spawn } from "node:child_process";
import { loadDotEnv } from "./lib/load-env";
import { run } from "./lib/run";
import { buildIsCurrent, writeStamp } from "./lib/build-stamp";
import { env } from "../lib/env";
import { EmbeddedBusyError, findRunningEmbedded, startEmbeddedServer, type EmbeddedServer } from "../lib/db/embedded";
import { prepareDatabase } from "../lib/db/prepare";
import { createPrisma } from "../lib/db/client";
import { ensureFirstAdmin } from "../lib/auth/bootstrap";
import { cleanUpInitialPasswordFile } from "../lib/auth/initial-password";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
loadDotEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
const config = env();

let embedded: EmbeddedServer | undefined;
async function database(): Promise<string> {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  const running = await findRunningEmbedded();
  if (running) {
    console.log(`Using the embedded database already served by another process (${running}).`);
    return running;
  }
  try {
    embedded = await startEmbeddedServer({ owner: "npm start" });
  } catch (e) {
    if (e instanceof EmbeddedBusyError) {
      console.error(e.message);
      process.exit(75);
    }
    throw e;
  }
  console.log(`Embedded PostgreSQL (PGlite) in ${path.resolve(config.DATA_DIR)}, serving on ${embedded.url}`);
  return embedded.url;
}

async function main() {
  const url = await database();
  console.log("Applying database migrations…");
  // Behind PgBouncer, migrations go to the server itself (DATABASE_MIGRATION_URL).
  await prepareDatabase((config.DATABASE_URL && config.DATABASE_MIGRATION_URL) || url, { quiet: true });
  // An empty database gets its first admin (ADMIN_EMAIL / ADMIN_PASSWORD, or a generated
  // password in a 0600 file under DATA_DIR, removed once it has served).
  const prisma = createPrisma(url, { max: 1 });
  try {
    const removed = await cleanUpInitialPasswordFile(prisma);
    if (removed) console.log(`Removed the first administrator's password file (${removed}).`);
    await ensureFirstAdmin(prisma);
  } finally {
    await prisma.$disconnect();
  }
  if (process.env.SKIP_BUILD !== "1" && !buildIsCurrent(root)) {
    console.log("Building the app (production)…");
    await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      env: { ...process.env },
    });
    writeStamp(root);
  }
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/serve.ts")], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production", PORT: String(config.PORT) },
  });
  const stop = (sig: NodeJS.Signals) => child.kill(sig);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", async (code) => {
    await embedded?.stop();
    process.exit(code ?? 0);
  });
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  await embedded?.stop();
  process.exit(1);
});
