import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loginBuckets, recordLoginFailure } from "@/lib/auth/throttle";
import { isReportLimited, pruneRateLimits, pruneRateLimitsSoon, reportBuckets } from "./rate-limit";

const minutes = (n: number) => n * 60_000;
const hours = (n: number) => minutes(60 * n);
const days = (n: number) => hours(24 * n);

afterAll(async () => {
  await (await db()).$disconnect();
});

/** Rows of `bucket` aged by each of `ages`, under a key of their own; returns the key. */
async function rows(bucket: string, ages: number[], now = Date.now()): Promise<string> {
  const key = `prune-test-${randomUUID()}`;
  await (
    await db()
  ).rateLimitHit.createMany({
    data: ages.map((age) => ({ bucket, key, createdAt: new Date(now - age) })),
  });
  return key;
}

async function ages(key: string, now = Date.now()): Promise<number[]> {
  const left = await (await db()).rateLimitHit.findMany({ where: { key }, orderBy: { createdAt: "desc" } });
  return left.map((r) => now - r.createdAt.getTime());
}

describe("pruneRateLimits", () => {
  it("deletes each bucket's rows once they are older than the longest window that reads them", async () => {
    const now = Date.now();
    const keep = (ms: number) => ms - minutes(1);
    const drop = (ms: number) => ms + minutes(1);
    const cases = [
      // REPORT_RATE_WINDOW_MINUTES = 60
      { bucket: "report", keep: keep(hours(1)), drop: drop(hours(1)) },
      { bucket: "report-abuse", keep: keep(hours(1)), drop: drop(hours(1)) },
      // LOGIN_THROTTLE_WINDOW_MINUTES = 15
      { bucket: "login-ip", keep: keep(minutes(15)), drop: drop(minutes(15)) },
      { bucket: "login-account-ip", keep: keep(minutes(15)), drop: drop(minutes(15)) },
      // LOGIN_ACCOUNT_WINDOW_HOURS = 24, LOGIN_KNOWN_ADDRESS_DAYS = 30
      { bucket: "login-account", keep: keep(hours(24)), drop: drop(hours(24)) },
      { bucket: "login-known", keep: keep(days(30)), drop: drop(days(30)) },
    ];
    const keys = await Promise.all(cases.map((c) => rows(c.bucket, [c.keep, c.drop], now)));
    const unknown = await rows("some-other-bucket", [days(400)], now);

    const client = await db();
    expect(
      await pruneRateLimits(client, [...reportBuckets(), ...loginBuckets()], new Date(now)),
    ).toBeGreaterThanOrEqual(cases.length);
    for (const [i, c] of cases.entries()) expect(await ages(keys[i]!, now), c.bucket).toEqual([c.keep]);
    // A bucket nobody named is left alone.
    expect(await ages(unknown, now)).toEqual([days(400)]);
  });

  it("works through a large backlog in batches", async () => {
    const key = await rows(
      "report",
      Array.from({ length: 12_000 }, (_, i) => hours(2) + i),
    );
    const client = await db();
    expect(await pruneRateLimits(client, reportBuckets())).toBeGreaterThanOrEqual(12_000);
    expect(await client.rateLimitHit.count({ where: { key } })).toBe(0);
  });
});

describe("pruning on use", () => {
  it("checking the report limit or recording a failed sign-in prunes old rows in the background, at most every ten minutes per server", async () => {
    const client = await db();
    const oldReport = await rows("report", [hours(3)]);
    const oldLogin = await rows("login-ip", [hours(3)]);
    expect(await isReportLimited(client, "203.0.113.50")).toBe(false);
    await recordLoginFailure(client, `prune-${randomUUID()}@example.test`, "203.0.113.51");
    await expect.poll(() => ages(oldReport)).toEqual([]);
    await expect.poll(() => ages(oldLogin)).toEqual([]);

    // Both were just pruned by this process: not again for ten minutes, then again.
    expect(pruneRateLimitsSoon(client, reportBuckets())).toBeNull();
    expect(pruneRateLimitsSoon(client, loginBuckets())).toBeNull();
    const again = await rows("report", [hours(3)]);
    expect(await pruneRateLimitsSoon(client, reportBuckets(), Date.now() + minutes(11))).toBeGreaterThanOrEqual(1);
    expect(await ages(again)).toEqual([]);
  });
});
