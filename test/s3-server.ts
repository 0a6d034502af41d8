/**
 * A real S3-protocol server for tests: s3rver (pure JavaScript, from the npm
 * registry) behind a small HTTP front that records what clients sent (to see
 * the server-side-encryption header) and can refuse requests the way a
 * failing object store does (500/403), or stop altogether.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import S3rver from "s3rver";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface Refusal {
  status: 403 | 500 | 503;
  /** Only these methods are refused (e.g. PUT: writes); default all. */
  methods?: string[];
  /** Let this many matching requests through first. */
  after?: number;
}

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** Settings for lib/env, as an app server or a test would set them. */
  env: Record<string, string>;
  requests: RecordedRequest[];
  refuse(r: Refusal | null): void;
  /** Object keys in the bucket (probe objects included). */
  keys(): Promise<string[]>;
  /** Stops answering (connection refused) until start() is called again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Defaults s3rver checks signatures against. */
const ACCESS_KEY = "S3RVER";

export async function startTestS3(opts: { port?: number; bucket?: string } = {}): Promise<TestS3> {
  const bucket = opts.bucket ?? "evidence-test";
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
  const s3 = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  await s3.configureBuckets();
  const handle = s3.callback();
  const requests: RecordedRequest[] = [];
  let refusal: (Refusal & { seen: number }) | null = null;

  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers });
    if (refusal && (!refusal.methods || refusal.methods.includes(req.method ?? ""))) {
      if (refusal.seen++ >= (refusal.after ?? 0)) {
        req.resume();
        const code = refusal.status === 403 ? "AccessDenied" : "InternalError";
        res.writeHead(refusal.status, { "content-type": "application/xml" });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>refused by the test</Message></Error>`,
        );
        return;
      }
    }
    handle(req, res);
  });
  let port = opts.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = {
    EVIDENCE_STORAGE: "s3",
    S3_ENDPOINT: endpoint,
    S3_BUCKET: bucket,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: ACCESS_KEY,
    S3_SECRET_ACCESS_KEY: ACCESS_KEY,
    S3_FORCE_PATH_STYLE: "1",
    S3_SSE: "AES256",
  };
  const client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    endpoint,
    bucket,
    env,
    requests,
    refuse: (r) => void (refusal = r ? { ...r, seen: 0 } : null),
    async keys() {
      const out = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (out.Contents ?? []).map((o) => o.Key!).sort();
    },
    stop,
    start: listen,
    async close() {
      client.destroy();
      if (server.listening) await stop();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
