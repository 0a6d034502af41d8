/** The HTTP boundary's tests: the edge on a loopback port, and a client that speaks raw HTTP. */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { createEdge, type EdgeOptions } from "./edge";

/** The edge in front of `next` (a stand-in for Next.js) on a free loopback port; the server joins `servers`. */
export async function listenEdge(
  next: Parameters<typeof createEdge>[0],
  opts: EdgeOptions,
  servers: http.Server[],
): Promise<number> {
  const edge = createEdge(next, opts);
  const server = http.createServer(edge.onRequest);
  server.on("checkContinue", edge.onCheckContinue);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

/**
 * Sends `head` (and `body`, if given) and resolves with the response: once its
 * Content-Length has arrived, or without one when `bodyEnd` matches the body
 * (or at once, without `bodyEnd`). `skipContinue` drops an interim
 * "100 Continue", which is then not the answer.
 */
export function rawHttp(
  port: number,
  head: string,
  body?: Buffer | Buffer[],
  opts: { skipContinue?: boolean; bodyEnd?: RegExp } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no response"));
    }, 3000);
    socket.on("error", () => undefined);
    socket.on("data", (d: Buffer) => {
      received = Buffer.concat([received, d]);
      // latin1: one character per byte, so lengths below are byte counts.
      let text = received.toString("latin1");
      if (opts.skipContinue) text = text.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, "");
      const end = text.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = /content-length: (\d+)/i.exec(text.slice(0, end));
      if (length && text.length < end + 4 + Number(length[1])) return;
      if (!length && opts.bodyEnd && !opts.bodyEnd.test(text.slice(end + 4))) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(text.split(" ")[1]), text: Buffer.from(text, "latin1").toString("utf8") });
    });
    socket.write(head.replace(/\n/g, "\r\n") + "\r\n");
    for (const part of body ? [body].flat() : []) socket.write(part);
  });
}
