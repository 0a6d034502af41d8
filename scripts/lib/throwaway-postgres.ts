/**
 * A PostgreSQL cluster of its own for a test that must stop and start the
 * database (e2e/database-outage.spec.ts): initdb + pg_ctl from the machine's
 * PostgreSQL 15 binaries, as the postgres user when run as root, in a temp
 * folder, on a spare loopback port. The machine's own cluster is never touched.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** Why a throwaway cluster cannot be made here, or undefined when it can. */
export function throwawayUnavailable(): string | undefined {
  for (const tool of ["initdb", "pg_ctl"])
    if (!fs.existsSync(path.join(PG_BIN, tool)))
      return `${path.join(PG_BIN, tool)} is absent (PostgreSQL 15 server binaries not installed)`;
  if (process.getuid?.() === 0 && !fs.existsSync("/usr/sbin/runuser") && !fs.existsSync("/sbin/runuser"))
    return "running as root without runuser to drop to the postgres user";
  return undefined;
}

export async function sparePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

export interface ThrowawayPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  start(): Promise<void>;
  /** Fast shutdown: open connections are terminated (57P01), as in a real restart. */
  stop(): Promise<void>;
  /** Stops the cluster and deletes its folder. */
  destroy(): Promise<void>;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "casework-pg-"));
  const data = path.join(dir, "data");
  if (asRoot) fs.chownSync(dir, ...(await postgresIds()));
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(PG_BIN, tool), ...args], { cwd: dir })
      : run(path.join(PG_BIN, tool), args, { cwd: dir });
  const port = await sparePort();
  await pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
  // Unix socket in the cluster's own folder; TCP on loopback only; no durability needed.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const ctl = (...args: string[]) => pg("pg_ctl", ["-D", data, "-w", "-t", "60", ...args]);
  const start = async () => void (await ctl("-o", options, "-l", path.join(dir, "postgres.log"), "start"));
  const stop = async () => void (await ctl("-m", "fast", "stop"));
  await start();
  let stopped = false;
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    async destroy() {
      if (stopped) return;
      stopped = true;
      await stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresIds(): Promise<[number, number]> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run("id", ["-u", "postgres"]),
    run("id", ["-g", "postgres"]),
  ]);
  return [Number(uid.trim()), Number(gid.trim())];
}
