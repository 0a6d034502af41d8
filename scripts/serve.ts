/**
 * Production HTTP server for the built app (`next build` output): Next.js
 * behind lib/http/edge.ts, which decides what Next.js may trust and refuses
 * before any body is read (docs/decisions/0003-client-address.md,
 * 0010-http-boundary.md). The client address comes from the socket and the
 * proxies in TRUST_PROXY; the app believes it only on requests this server
 * marked, so a bare `next start` trusts no forwarded address.
 *
 * Every request gets an id (X-Request-Id) and an access log line; all output,
 * Next.js's own included, is JSON lines with that id (lib/log.ts).
 *
 * With WEB_CONCURRENCY > 1 this process forks that many workers (node:cluster)
 * that share the port and restarts one that dies; each is a whole server.
 */
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import next from "next";
import { env } from "../lib/env";
import { createEdge } from "../lib/http/edge";
import { log, routeConsoleToLog } from "../lib/log";

const dir = path.resolve(import.meta.dirname, "..");
const config = env();
const port = config.PORT;
const hostname = process.env.HOST || "0.0.0.0";

routeConsoleToLog();
if (cluster.isPrimary && config.WEB_CONCURRENCY > 1) {
  await primary(config.WEB_CONCURRENCY);
} else {
  await serve();
}

async function primary(workers: number) {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      return;
    }
    log("error", "web worker exited; starting another", { pid: worker.process.pid, code, signal });
    setTimeout(fork, 1000);
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
    });
  }
  log("info", `Starting ${workers} web workers on port ${port}`, { port, workers });
}

async function serve() {
  const app = next({ dev: false, dir, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();

  const edge = createEdge(handle);
  const server = http.createServer(edge.onRequest);
  // Expect: 100-continue (curl and other upload clients): answer before the body is sent.
  server.on("checkContinue", edge.onCheckContinue);
  server.listen(port, hostname, () => {
    const trusted = config.TRUST_PROXY.length ? config.TRUST_PROXY.join(", ") : "none";
    log("info", `Ready on http://localhost:${port} (trusted proxies: ${trusted})`, { port, pid: process.pid });
  });

  // Not once: a worker may hear the signal twice (its process group, then the primary).
  let closing = false;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (closing) return;
      closing = true;
      server.close(() => process.exit(0));
    });
  }
}
