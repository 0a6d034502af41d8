/**
 * Production HTTP server for the built app (`next build` output). A thin custom
 * server only so the client address can be trusted: unless TRUST_PROXY is on,
 * an X-Forwarded-For sent by the client is dropped and Next fills in the socket
 * address, which the report rate limit then uses.
 */
import http from "node:http";
import path from "node:path";
import next from "next";

const dir = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const trustProxy = ["1", "true", "yes"].includes(process.env.TRUST_PROXY ?? "");

const app = next({ dev: false, dir, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!trustProxy) delete req.headers["x-forwarded-for"];
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Ready on http://localhost:${port}`);
});

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => server.close(() => process.exit(0)));
}
