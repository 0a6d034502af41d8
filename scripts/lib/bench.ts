/** What the bench:* scripts share: flags, percentiles and their scratch database. */
import fs from "node:fs";
import pg from "pg";
import { runMigrations } from "../../lib/db/migrate";

/**
 * `--help` / `-h`: prints the script's header comment (its usage and flags)
 * and exits before anything is created or dropped.
 */
export function helpRequested(file: string): void {
  if (!process.argv.includes("--help") && !process.argv.includes("-h")) return;
  const header = /^\/\*\*([\s\S]*?)\*\//.exec(fs.readFileSync(file, "utf8"))?.[1] ?? "";
  console.log(header.replace(/^\s*\* ?/gm, "").trim());
  process.exit(0);
}

/** The value after `--name` on the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

/** Nearest-rank percentile of the samples (p in 0–100). */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Drops and re-creates the database named in `url`, then applies the migrations. */
export async function freshDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  await runMigrations(url, { quiet: true });
}

/** `VACUUM ANALYZE` after a bulk load, as autovacuum would on a default server; returns the setting and seconds. */
export async function vacuumAnalyze(url: string): Promise<{ autovacuum: string; secs: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const autovacuum = String((await c.query("SHOW autovacuum")).rows[0].autovacuum);
    const t = Date.now();
    await c.query("VACUUM ANALYZE");
    return { autovacuum, secs: (Date.now() - t) / 1000 };
  } finally {
    await c.end();
  }
}
