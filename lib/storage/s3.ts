import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  DeleteObjectCommand,
  ListObjectsV2Command,
  type ServerSideEncryption,
} from "@aws-sdk/client-s3";
import { STORAGE_KEY, StorageUnavailableError, type EvidenceStore } from "./types";

export interface S3Settings {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** "none" only for servers that refuse the header (MinIO without a KMS, s3rver does not care). */
  sse: "none" | "AES256" | "aws:kms";
  kmsKeyId?: string;
}

/**
 * S3-compatible object storage (AWS S3, MinIO, Ceph RGW, OSS/COS in S3 mode):
 * what several app servers share, so no server needs another's disk.
 */
export function s3Store(s: S3Settings): EvidenceStore {
  const client = new S3Client({
    endpoint: s.endpoint,
    region: s.region,
    forcePathStyle: s.forcePathStyle,
    credentials:
      s.accessKeyId && s.secretAccessKey
        ? { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey }
        : undefined,
    // Since 3.729 the SDK adds CRC checksums in aws-chunked trailers by default,
    // which many S3-compatible servers reject; the app checks SHA-256 itself.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // A form must not hang on a dead endpoint: fail, and the report is refused cleanly.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
    maxAttempts: 2,
  });
  const encryption =
    s.sse === "none"
      ? {}
      : { ServerSideEncryption: s.sse as ServerSideEncryption, ...(s.kmsKeyId ? { SSEKMSKeyId: s.kmsKeyId } : {}) };
  const put = async (key: string, bytes: Buffer, meta: { sha256: string; mime: string }) => {
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: s.bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: meta.mime,
          // Lets an operator check an object against the database without the app.
          Metadata: { sha256: meta.sha256 },
          ...encryption,
        }),
      );
    } catch (e) {
      // A timeout may still have stored it: best effort, so nothing half-stored stays.
      await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: key })).catch(() => {});
      throw new StorageUnavailableError(e);
    }
  };
  return {
    kind: "s3",
    put,
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: key }));
        return (out.Body as Readable | undefined) ?? null;
      } catch (e) {
        if (e instanceof NoSuchKey || (e as { name?: string }).name === "NoSuchKey") return null;
        throw e;
      }
    },
    async delete(keys) {
      // One request per key: DeleteObjects needs a Content-MD5 or CRC header that
      // not every S3-compatible server accepts, and a report has at most a few files.
      await Promise.all(keys.map((Key) => client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key }))));
    },
    async probe() {
      const key = `.probe/${randomUUID()}`;
      await put(key, Buffer.from("probe"), { sha256: "probe", mime: "text/plain" });
      await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: key }));
    },
    async *list() {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: s.bucket, ContinuationToken: token, MaxKeys: 1000 }),
        );
        for (const o of page.Contents ?? [])
          if (o.Key && STORAGE_KEY.test(o.Key)) yield { key: o.Key, modified: o.LastModified ?? new Date(0) };
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
