/**
 * Reports with evidence on both storage backends, and what happens when the
 * storage refuses: the report is refused with StorageUnavailableError (a
 * translated message), and nothing half-stored remains — no report row, no
 * object, no file. S3 is a real S3-protocol server (s3rver) started here.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import { createHash, randomUUID } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { StorageUnavailableError } from "@/lib/storage";
import { startTestS3, type TestS3 } from "@/test/s3-server";
import { useTestS3 } from "@/lib/storage/test-support";
import { failEvidenceInserts, FAILING_EVIDENCE_NAME, minimalReport } from "./test-support";
import { submitReport } from "./service";
import { evidenceDir } from "./evidence";
import { evidenceForDownload } from "./evidence-download";
import { countByNarrative } from "@/lib/pii/test-support";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const S3_VARS = ["EVIDENCE_STORAGE", "S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"];

let s3: TestS3;
const useS3 = () => void useTestS3(s3);
const useLocal = () => {
  for (const k of [...S3_VARS, "S3_FORCE_PATH_STYLE", "S3_SSE", "S3_REGION"]) delete process.env[k];
  resetEnvCache();
};
const localFiles = () => (fs.existsSync(evidenceDir()) ? fs.readdirSync(evidenceDir()) : []);

function submit(marker: string, names = ["transfer.png", "chat.pdf"]) {
  const files = names.map((n) => new File([n.endsWith(".pdf") ? PDF : PNG], n));
  const values = minimalReport(`Evidence storage test ${marker}`);
  return submitReport({ values, files, token: randomUUID(), locale: "en", ip: `192.0.2.77-${marker}` });
}
const reportsWith = async (marker: string) => countByNarrative(await db(), marker);

async function investigator() {
  const u = await (
    await db()
  ).user.create({
    data: { email: `st-${randomUUID()}@example.test`, name: "St", role: "investigator", passwordHash: "x" },
  });
  return { id: u.id, role: u.role, orgId: u.orgId };
}

beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  useLocal();
  await s3.close();
});
beforeEach(() => {
  s3.refuse(null);
  s3.requests.length = 0;
});
afterEach(() => vi.restoreAllMocks());

describe("evidence on S3-compatible object storage", () => {
  beforeEach(useS3);

  it("stores objects with SSE; the database keeps only the key and the hash; downloads stream from the bucket", async () => {
    const marker = randomUUID();
    const r = await submit(marker);
    expect(r.kind).toBe("created");
    const rows = await (
      await db()
    ).evidence.findMany({
      where: { report: { reference: r.reference } },
      select: { id: true, storageKey: true, sha256: true, size: true, originalName: true },
      orderBy: { originalName: "asc" },
    });
    expect(rows).toHaveLength(2);
    const keys = await s3.keys();
    for (const row of rows) {
      // A bare key: no folder, bucket, endpoint or URL in the database.
      expect(row.storageKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(keys).toContain(row.storageKey);
    }
    expect(rows.map((e) => e.sha256)).toEqual([PDF, PNG].map((b) => createHash("sha256").update(b).digest("hex")));
    const puts = s3.requests.filter((q) => q.method === "PUT");
    expect(puts.map((q) => q.headers["x-amz-server-side-encryption"])).toEqual(["AES256", "AES256"]);
    // Nothing was written to the local folder.
    expect(localFiles().filter((f) => rows.some((e) => e.storageKey === f))).toEqual([]);

    const file = await evidenceForDownload(await db(), await investigator(), rows[1]!.id);
    expect((await buffer(file.stream)).equals(PNG)).toBe(true);
    expect(s3.requests.some((q) => q.method === "GET" && q.path.includes(rows[1]!.storageKey))).toBe(true);
  });

  for (const status of [500, 403] as const)
    it(`object storage refusing writes (${status}, after the first file): report refused, no row, no object`, async () => {
      const marker = randomUUID();
      const before = await s3.keys();
      s3.refuse({ status, methods: ["PUT"], after: 1 });
      await expect(submit(marker)).rejects.toBeInstanceOf(StorageUnavailableError);
      s3.refuse(null);
      expect(await reportsWith(marker)).toBe(0);
      expect(await s3.keys()).toEqual(before);
    });

  it("object storage stopped: report refused cleanly, nothing stored; accepted again once it is back", async () => {
    const marker = randomUUID();
    const before = await s3.keys();
    await s3.stop();
    try {
      await expect(submit(marker)).rejects.toMatchObject({ code: "storageUnavailable", status: 503 });
    } finally {
      await s3.start();
    }
    expect(await reportsWith(marker)).toBe(0);
    expect(await s3.keys()).toEqual(before);
    expect((await submit(marker)).kind).toBe("created");
  });

  it("the transaction failing after the upload: the objects are deleted again", async () => {
    const client = await db();
    const marker = randomUUID();
    const restore = await failEvidenceInserts(client);
    const before = await s3.keys();
    try {
      await expect(submit(marker, ["chat.pdf", FAILING_EVIDENCE_NAME])).rejects.toThrow();
    } finally {
      await restore();
    }
    expect(s3.requests.filter((q) => q.method === "PUT")).toHaveLength(2);
    expect(await reportsWith(marker)).toBe(0);
    expect(await s3.keys()).toEqual(before);
  });
});

describe("evidence in the local folder", () => {
  beforeEach(useLocal);

  it("the disk filling up half way: report refused, no row, no file (not even the partial one)", async () => {
    const marker = randomUUID();
    const before = localFiles();
    const real = fsp.writeFile.bind(fsp);
    let calls = 0;
    vi.spyOn(fsp, "writeFile").mockImplementation(async (p, data, opts) => {
      if (++calls < 2) return real(p, data, opts);
      await real(p, Buffer.from(data as Buffer).subarray(0, 4), opts);
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    await expect(submit(marker)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(calls).toBe(2);
    expect(await reportsWith(marker)).toBe(0);
    expect(localFiles()).toEqual(before);
  });
});
