import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { scorePairs } from "@/lib/matching";
import { importReports } from "./import";
import { caseAssignments } from "./export";
import { systemActor } from "@/lib/auth/permissions";

const fixtures = path.resolve(import.meta.dirname, "../../test/fixtures/interchange");

async function* linesOf(file: string) {
  yield* readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
}

async function assignments() {
  const out = new Map<string, string>();
  for await (const a of caseAssignments(await db(), { actor: systemActor("test") }))
    if (a.externalId.startsWith("EXT-")) out.set(a.externalId, a.caseId!);
  return out;
}

describe("importing the shared sample", () => {
  beforeAll(async () => {
    const summary = await importReports(await db(), linesOf(path.join(fixtures, "sample-reports.jsonl")), {
      batchSize: 250,
    });
    expect(summary.malformed).toEqual([]);
  }, 300_000);

  afterAll(async () => (await db()).$disconnect());

  it("groups reports like the true rings: pair precision ≥ 0.995, recall ≥ 0.99", async () => {
    const truth = new Map<string, string>();
    for (const line of fs.readFileSync(path.join(fixtures, "sample-truth.jsonl"), "utf8").split("\n")) {
      if (line.trim()) {
        const t = JSON.parse(line) as { externalId: string; ring: string };
        truth.set(t.externalId, t.ring);
      }
    }
    const got = await assignments();
    expect(got.size).toBe(2000);
    const score = scorePairs(got, truth);
    console.log(`[import sample] precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)}`);
    expect(score.precision).toBeGreaterThanOrEqual(0.995);
    expect(score.recall).toBeGreaterThanOrEqual(0.99);
  });

  it("is idempotent: importing the file again adds nothing", async () => {
    const before = await assignments();
    const again = await importReports(await db(), linesOf(path.join(fixtures, "sample-reports.jsonl")));
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(2000);
    expect(await assignments()).toEqual(before);
  }, 300_000);
});
