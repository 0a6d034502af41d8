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
 */
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
const app = next({ dev: false, dir, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

const edge = createEdge(handle);
const server = http.createServer(edge.onRequest);
// Expect: 100-continue (curl and other upload clients): answer before the body is sent.
server.on("checkContinue", edge.onCheckContinue);
server.listen(port, hostname, () => {
  const trusted = config.TRUST_PROXY.length ? config.TRUST_PROXY.join(", ") : "none";
  log("info", `Ready on http://localhost:${port} (trusted proxies: ${trusted})`, { port });
});

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => server.close(() => process.exit(0)));
}
