import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { startTestS3, type TestS3 } from "@/test/s3-server";
import { evidenceDir, openStored, removeStored, storageWritable, storeFiles, StorageUnavailableError } from ".";

const file = (text: string) => {
  const bytes = Buffer.from(text);
  return { bytes, sha256: createHash("sha256").update(bytes).digest("hex"), mime: "application/pdf" };
};
const KEYS = ["EVIDENCE_STORAGE", "EVIDENCE_DIR", "S3_ENDPOINT", "S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID"];
const KEYS2 = ["S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE", "S3_SSE", "S3_SSE_KMS_KEY_ID"];
const configure = (vars: Record<string, string>) => {
  for (const k of [...KEYS, ...KEYS2]) delete process.env[k];
  Object.assign(process.env, vars);
  resetEnvCache();
};
const read = async (key: string, f: ReturnType<typeof file>) =>
  buffer((await openStored(key, { sha256: f.sha256, size: f.bytes.length }))!);

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evidence-"));
  configure({ EVIDENCE_DIR: tmp });
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterAll(() => configure({}));

describe("local folder", () => {
  it("stores, streams back and deletes files under random keys, 0600 in a 0700 folder", async () => {
    const f = file("%PDF-1.4 local");
    const [stored] = await storeFiles([f]);
    expect(stored!.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    const onDisk = path.join(evidenceDir(), stored!.storageKey);
    expect(fs.statSync(onDisk).mode & 0o777).toBe(0o600);
    expect(fs.statSync(evidenceDir()).mode & 0o777).toBe(0o700);
    expect((await read(stored!.storageKey, f)).equals(f.bytes)).toBe(true);
    await removeStored([stored!.storageKey]);
    expect(fs.existsSync(onDisk)).toBe(false);
    expect(await openStored(stored!.storageKey, { sha256: f.sha256, size: 1 })).toBeNull();
  });

  it("a full disk half way through: StorageUnavailableError and no file left, not even the partial one", async () => {
    const real = fsp.writeFile.bind(fsp);
    let calls = 0;
    vi.spyOn(fsp, "writeFile").mockImplementation(async (p, data, opts) => {
      if (++calls < 2) return real(p, data, opts);
      // What ENOSPC leaves: part of the file written, then the error.
      await real(p, Buffer.from(data as Buffer).subarray(0, 3), opts);
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    await expect(storeFiles([file("one"), file("two"), file("three")])).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(fs.readdirSync(evidenceDir())).toEqual([]);
    expect(await storageWritable()).toBe(false);
  });

  it("a folder that cannot be created or written: refused, and the probe says so", async () => {
    const blocker = path.join(tmp, "not-a-folder");
    fs.writeFileSync(blocker, "");
    configure({ EVIDENCE_DIR: path.join(blocker, "evidence") });
    await expect(storeFiles([file("x")])).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(await storageWritable()).toBe(false);
    configure({ EVIDENCE_DIR: tmp });
    expect(await storageWritable()).toBe(true);
    expect(fs.readdirSync(tmp)).toEqual(["not-a-folder"]);
  });

  // root writes through permission bits (CI runs as root): there the case above stands for it.
  it.skipIf(process.getuid?.() === 0)("a read-only folder: refused, nothing left", async () => {
    fs.chmodSync(tmp, 0o500);
    try {
      await expect(storeFiles([file("x")])).rejects.toBeInstanceOf(StorageUnavailableError);
      expect(await storageWritable()).toBe(false);
    } finally {
      fs.chmodSync(tmp, 0o700);
    }
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("a file changed on disk is cut off on read, never served whole", async () => {
    const f = file("%PDF-1.4 original");
    const [stored] = await storeFiles([f]);
    fs.writeFileSync(path.join(evidenceDir(), stored!.storageKey), "%PDF-1.4 tampered");
    await expect(read(stored!.storageKey, f)).rejects.toThrow(/integrity/);
  });

  it("never reaches the disk with a key the app did not make", async () => {
    expect(await openStored("../../etc/passwd", { sha256: "", size: 0 })).toBeNull();
  });
});

describe("S3-compatible object storage (s3rver)", () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3();
  });
  afterAll(async () => s3.close());
  beforeEach(() => {
    configure(s3.env);
    s3.refuse(null);
    s3.requests.length = 0;
  });

  it("puts with server-side encryption, streams back, deletes", async () => {
    const f = file("%PDF-1.4 object");
    const [stored] = await storeFiles([f]);
    expect(await s3.keys()).toEqual([stored!.storageKey]);
    const puts = s3.requests.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(1);
    expect(puts[0]!.headers["x-amz-server-side-encryption"]).toBe("AES256");
    expect(puts[0]!.headers["x-amz-meta-sha256"]).toBe(f.sha256);
    expect((await read(stored!.storageKey, f)).equals(f.bytes)).toBe(true);
    await removeStored([stored!.storageKey]);
    expect(await s3.keys()).toEqual([]);
    expect(await openStored(stored!.storageKey, { sha256: f.sha256, size: 1 })).toBeNull();
  });

  it("asks for SSE-KMS with the configured key, or for nothing with S3_SSE=none", async () => {
    configure({ ...s3.env, S3_SSE: "aws:kms", S3_SSE_KMS_KEY_ID: "alias/evidence" });
    const [a] = await storeFiles([file("kms")]);
    configure({ ...s3.env, S3_SSE: "none" });
    const [b] = await storeFiles([file("plain")]);
    const [kms, plain] = s3.requests.filter((r) => r.method === "PUT");
    expect(kms!.headers["x-amz-server-side-encryption"]).toBe("aws:kms");
    expect(kms!.headers["x-amz-server-side-encryption-aws-kms-key-id"]).toBe("alias/evidence");
    expect(plain!.headers["x-amz-server-side-encryption"]).toBeUndefined();
    await removeStored([a!.storageKey, b!.storageKey]);
  });

  for (const status of [500, 403] as const)
    it(`writes refused (${status}) after the first file: refused, and the first object is deleted again`, async () => {
      s3.refuse({ status, methods: ["PUT"], after: 1 });
      await expect(storeFiles([file("a"), file("b"), file("c")])).rejects.toBeInstanceOf(StorageUnavailableError);
      s3.refuse(null);
      expect(await s3.keys()).toEqual([]);
    });

  it("the server gone: refused quickly, the probe says not writable, then writable once it is back", async () => {
    await s3.stop();
    try {
      await expect(storeFiles([file("a")])).rejects.toBeInstanceOf(StorageUnavailableError);
      expect(await storageWritable()).toBe(false);
    } finally {
      await s3.start();
    }
    expect(await storageWritable()).toBe(true);
    expect(await s3.keys()).toEqual([]);
  });

  it("an object changed in the bucket is cut off on read", async () => {
    const f = file("%PDF-1.4 kept");
    const [stored] = await storeFiles([f]);
    await expect(read(stored!.storageKey, { ...f, sha256: "0".repeat(64) })).rejects.toThrow(/integrity/);
    await removeStored([stored!.storageKey]);
  });

  it("a key the app did not make never reaches the bucket", async () => {
    await removeStored(["../other-bucket/x", randomUUID().toUpperCase() + "/x"]);
    expect(s3.requests).toEqual([]);
  });
});
