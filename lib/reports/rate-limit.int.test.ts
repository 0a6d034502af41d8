import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { RateLimitedError } from "@/lib/errors";
import { ABUSE_BUCKET, REPORT_BUCKET, ipKey, isReportLimited, recordAbuseHit, recordReportHit } from "./rate-limit";
import { reportsInWindow } from "./test-support";
import { isReportLimitedForIp } from "./rate-limit-check";

const addr = () => `192.0.2.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 6)}`;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

beforeEach(() => {
  process.env.REPORT_RATE_LIMIT = "3";
  process.env.REPORT_RATE_WINDOW_MINUTES = "60";
  resetEnvCache();
});

afterAll(async () => {
  delete process.env.REPORT_RATE_LIMIT;
  delete process.env.REPORT_RATE_WINDOW_MINUTES;
  resetEnvCache();
  await (await db()).$disconnect();
});

describe("report rate limit", () => {
  it("stores only a keyed hash of the address", async () => {
    const client = await db();
    const ip = addr();
    await recordReportHit(client, ip);
    const rows = await client.rateLimitHit.findMany({ where: { key: ipKey(ip) } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).not.toContain(ip);
    expect(rows[0]!.key).toMatch(/^[0-9a-f]{32,}$/i);
    expect(ipKey(ip)).toBe(ipKey(ip));
    expect(ipKey(addr())).not.toBe(ipKey(ip));
  });

  it("limits an address after REPORT_RATE_LIMIT reports in the window, and no other address", async () => {
    const client = await db();
    const ip = addr();
    for (let i = 0; i < 3; i++) {
      expect(await isReportLimited(client, ip)).toBe(false);
      await recordReportHit(client, ip);
    }
    expect(await reportsInWindow(client, ip)).toBe(3);
    expect(await isReportLimited(client, ip)).toBe(true);
    expect(await isReportLimitedForIp(ip)).toBe(true);
    expect(await isReportLimited(client, addr())).toBe(false);
    expect(await isReportLimitedForIp(addr())).toBe(false);
  });

  it("a burst from one address (on several servers: transactions at once) stores no more than the limit", async () => {
    const client = await db();
    const ip = addr();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        client.$transaction(async (tx) => {
          // Work between the early check and the count, as a report's matching does.
          await tx.$executeRaw`SELECT pg_sleep(0.05)`;
          await recordReportHit(tx, ip);
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(RateLimitedError);
    expect(await reportsInWindow(client, ip)).toBe(3);
  });

  it("forgets reports older than the window", async () => {
    const client = await db();
    const ip = addr();
    await client.rateLimitHit.createMany({
      data: [61, 90, 600].map((m) => ({ bucket: REPORT_BUCKET, key: ipKey(ip), createdAt: minutesAgo(m) })),
    });
    await recordReportHit(client, ip);
    expect(await reportsInWindow(client, ip)).toBe(1);
    expect(await isReportLimited(client, ip)).toBe(false);
    process.env.REPORT_RATE_WINDOW_MINUTES = "120";
    resetEnvCache();
    expect(await reportsInWindow(client, ip)).toBe(3);
    expect(await isReportLimited(client, ip)).toBe(true);
  });

  it("refuses an address at once after a bot signal, for the window", async () => {
    const client = await db();
    const ip = addr();
    await recordAbuseHit(client, ip);
    expect(await isReportLimited(client, ip)).toBe(true);
    expect(await reportsInWindow(client, ip)).toBe(0);
    const old = addr();
    await client.rateLimitHit.create({ data: { bucket: ABUSE_BUCKET, key: ipKey(old), createdAt: minutesAgo(61) } });
    expect(await isReportLimited(client, old)).toBe(false);
  });
});
