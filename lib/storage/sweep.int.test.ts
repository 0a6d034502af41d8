import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startTestS3 } from "@/test/s3-server";
import { useTestS3 } from "./test-support";
import { add } from "@/lib/cases/test-support";
import { evidenceDir, evidenceStore, sweepOrphans } from "./index";

afterAll(async () => (await db()).$disconnect());

const DAY = 86_400_000;
const file = (key: string) => path.join(evidenceDir(), key);

/** A report of its own with one evidence row whose object is `key`. */
async function evidenceRow(key: string) {
  const client = await db();
  const [ext] = await add({});
  const report = await client.report.findFirstOrThrow({ where: { externalId: ext }, select: { id: true } });
  await client.evidence.create({
    data: {
      reportId: report.id,
      storageKey: key,
      originalName: "chat.png",
      mime: "image/png",
      size: 3,
      sha256: "0".repeat(64),
    },
  });
}

describe("orphan sweep (npm run storage:sweep)", () => {
  it("local folder: deletes only unreferenced objects older than the cut-off; a dry run deletes nothing", async () => {
    const client = await db();
    fs.mkdirSync(evidenceDir(), { recursive: true });
    const [used, oldOrphan, youngOrphan] = [randomUUID(), randomUUID(), randomUUID()];
    for (const k of [used, oldOrphan, youngOrphan]) fs.writeFileSync(file(k), "abc");
    fs.writeFileSync(file("not-a-key.txt"), "x");
    const twoDaysAgo = new Date(Date.now() - 2 * DAY);
    for (const k of [used, oldOrphan]) fs.utimesSync(file(k), twoDaysAgo, twoDaysAgo);
    await evidenceRow(used);
    const olderThan = new Date(Date.now() - DAY);

    const dry = await sweepOrphans(client, evidenceStore(), { olderThan, dryRun: true });
    expect(dry.removed).toBeGreaterThanOrEqual(1);
    for (const k of [used, oldOrphan, youngOrphan]) expect(fs.existsSync(file(k))).toBe(true);

    const r = await sweepOrphans(client, evidenceStore(), { olderThan, batchSize: 2 });
    expect(fs.existsSync(file(oldOrphan))).toBe(false);
    expect(fs.existsSync(file(used))).toBe(true);
    expect(fs.existsSync(file(youngOrphan))).toBe(true);
    expect(fs.existsSync(file("not-a-key.txt"))).toBe(true);
    expect(r).toMatchObject({ failed: 0 });
    expect(r.removed).toBeGreaterThanOrEqual(1);
    expect(r.inUse).toBeGreaterThanOrEqual(1);
    expect(r.young).toBeGreaterThanOrEqual(1);
    expect(r.listed).toBe(r.inUse + r.young + r.removed);
  });

  it("object storage: lists the bucket and keeps what a report names; a refused delete is counted, not hidden", async () => {
    const client = await db();
    const s3 = await startTestS3({ bucket: "sweep" });
    const restore = useTestS3(s3);
    try {
      const store = evidenceStore();
      const keys = Array.from({ length: 5 }, () => randomUUID());
      for (const k of keys) await store.put(k, Buffer.from("abc"), { sha256: "0".repeat(64), mime: "image/png" });
      await evidenceRow(keys[0]!);
      // Nothing is older than a cut-off in the past: all left.
      expect(await sweepOrphans(client, store, { olderThan: new Date(Date.now() - DAY) })).toEqual({
        listed: 5,
        inUse: 1,
        young: 4,
        removed: 0,
        failed: 0,
      });
      // A cut-off after they were written: the four orphans go, in batches of two.
      const r = await sweepOrphans(client, store, { olderThan: new Date(Date.now() + 60_000), batchSize: 2 });
      expect(r).toEqual({ listed: 5, inUse: 1, young: 0, removed: 4, failed: 0 });
      expect(await s3.keys()).toEqual([keys[0]]);
      // Storage refusing deletes: counted as failed, nothing claimed removed.
      const orphan = randomUUID();
      await store.put(orphan, Buffer.from("abc"), { sha256: "0".repeat(64), mime: "image/png" });
      s3.refuse({ status: 500, methods: ["DELETE"] });
      const refused = await sweepOrphans(client, store, { olderThan: new Date(Date.now() + 60_000) });
      s3.refuse(null);
      expect(refused).toMatchObject({ removed: 0, failed: 1 });
      expect((await s3.keys()).sort()).toEqual([keys[0], orphan].sort());
    } finally {
      restore();
      await s3.close();
    }
  });
});
