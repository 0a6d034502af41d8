/**
 * Extra production servers for e2e specs that need several (two-servers.spec.ts):
 * `scripts/serve.ts` on the build the suite's own server made, each with its own
 * port and DATA_DIR (so nothing is shared through a disk), against the suite's
 * DATABASE_URL. Each is stopped by its own pid.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface AppServer {
  url: string;
  port: number;
  dataDir: string;
  /** The server's output so far (shown when a test fails). */
  output(): string;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..");

/** Ports for the extra servers: E2E_EXTRA_PORTS (comma-separated), else free ones from the OS. */
export async function extraPorts(n: number): Promise<number[]> {
  const given = (process.env.E2E_EXTRA_PORTS ?? "").split(",").filter(Boolean).map(Number);
  if (given.length >= n) return given.slice(0, n);
  const free = async () =>
    new Promise<number>((resolve, reject) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
      s.once("error", reject);
    });
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await free());
  return out;
}

export async function startAppServer(port: number, env: Record<string, string>): Promise<AppServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-server-${port}-`));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/serve.ts")], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (b: Buffer) => void (output = (output + b.toString()).slice(-20_000));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server on ${port} did not start:\n${output}`)), 180_000);
    child.stdout!.on("data", () => {
      if (!output.includes("Ready on")) return;
      clearTimeout(timer);
      resolve();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server on ${port} exited (${code}):\n${output}`));
    });
  });
  return {
    url: `http://localhost:${port}`,
    port,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Files under a server's DATA_DIR/evidence: there must be none when evidence is on object storage. */
export function evidenceFilesUnder(dir: string): string[] {
  const evidence = path.join(dir, "evidence");
  return fs.existsSync(evidence) ? fs.readdirSync(evidence) : [];
}
