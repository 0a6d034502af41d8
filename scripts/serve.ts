/**
 * Production HTTP server for the built app (`next build` output): Next.js
 * behind lib/http/edge.ts, which decides what Next.js may trust and refuses
 * before any body is read (docs/decisions/0003-client-address.md,
 * 0010-http-boundary.md). The client address comes from the socket and the
 * proxies in TRUST_PROXY; the app believes it only on requests this server
 * marked, so a bare `next start` trusts no forwarded address.
 */
import http from "node:http";
import path from "node:path";
import next from "next";
import { env } from "../lib/env";
import { createEdge } from "../lib/http/edge";

const dir = path.resolve(import.meta.dirname, "..");
const config = env();
const port = config.PORT;
const hostname = process.env.HOST || "0.0.0.0";

const app = next({ dev: false, dir, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

const edge = createEdge(handle);
const server = http.createServer(edge.onRequest);
// Expect: 100-continue (curl and other upload clients): answer before the body is sent.
server.on("checkContinue", edge.onCheckContinue);
server.listen(port, hostname, () => {
  const trusted = config.TRUST_PROXY.length ? config.TRUST_PROXY.join(", ") : "none";
  console.log(`Ready on http://localhost:${port} (trusted proxies: ${trusted})`);
});

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => server.close(() => process.exit(0)));
}
