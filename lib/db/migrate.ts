import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** Applies prisma/migrations to `url` with the Prisma CLI (WASM schema engine). */
export async function runMigrations(url: string, opts: { quiet?: boolean } = {}): Promise<void> {
  const cli = require.resolve("prisma/build/index.js");
  const preload = fileURLToPath(new URL("./unref-wasm-timers.cjs", import.meta.url));
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", preload, cli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: opts.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code})\n${output}`)),
    );
  });
}
