import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { RateLimitedError } from "@/lib/errors";
import { reportFormSchema, type ReportForm } from "./schema";
import { type EvidenceError, submitReport } from "./service";
import { evidenceDir } from "./evidence";
import { pinMatches } from "./pin";
import { failEvidenceInserts, FAILING_EVIDENCE_NAME } from "./test-support";
import { countByNarrative } from "@/lib/pii/test-support";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

function form(marker: string): ReportForm {
  return reportFormSchema.parse({
    scamType: "fake_customer_service_refund",
    incidentDate: "2026-05-25",
    narrative: `Caller knew my Taobao order. ${marker}`,
    contacts: [
      { kind: "phone", value: "+86 171 2345 6789" },
      { kind: "qq", value: "88412345" },
    ],
    payments: [
      {
        amount: "4000",
        currency: "CNY",
        paidAt: "2026-05-25T15:10",
        method: "bank_transfer",
        payeeKind: "bank_account",
        payeeValue: "6217 0000 1234 5678 988",
        payeeName: "Xiao Momin",
        payeeBank: "PSBC",
      },
      {
        amount: "12.5",
        currency: "CNY",
        paidAt: "",
        method: "bank_transfer",
        payeeKind: "bank_account",
        payeeValue: "尾号8988",
        payeeName: "Xiao Momin",
        payeeBank: "",
      },
    ],
    platforms: [
      { name: "Taobao", role: "order_leaked" },
      { name: " taobao ", role: "order_leaked" },
      { name: "YTO Express", role: "impersonated" },
    ],
    victimName: "Li Na",
    victimPhone: "13905310000",
    victimProvince: "Shandong",
    victimCity: "Jinan",
    consent: true,
  });
}

const ip = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 4)}`;
const png = (name = "shot.png") => new File([PNG], name, { type: "image/png" });
const evidenceFiles = () => (fs.existsSync(evidenceDir()) ? fs.readdirSync(evidenceDir()) : []);

beforeEach(() => {
  delete process.env.REPORT_RATE_LIMIT;
  resetEnvCache();
});

afterAll(async () => {
  await (await db()).$disconnect();
});

describe("submitReport", () => {
  it("stores the report and everything in it, and only a hash of the PIN", async () => {
    const marker = randomUUID();
    const r = await submitReport({ values: form(marker), files: [png()], token: randomUUID(), locale: "en", ip: ip() });
    expect(r.kind).toBe("created");
    if (r.kind !== "created") return;
    expect(r.reference).toMatch(/^R-\d{4}-\d{6}$/);
    const stored = await (
      await db()
    ).report.findUniqueOrThrow({
      where: { reference: r.reference },
      select: {
        pinHash: true,
        contacts: { select: { kind: true, rawValue: true }, orderBy: { position: "asc" } },
        payments: { select: { amountMinor: true, paidAt: true }, orderBy: { position: "asc" } },
        platforms: { select: { role: true, platform: { select: { name: true, key: true } } } },
        evidence: { select: { mime: true, size: true, storageKey: true } },
      },
    });
    expect(stored.contacts).toHaveLength(2);
    expect(stored.payments.map((p) => p.amountMinor)).toEqual([400000n, 1250n]);
    expect(stored.payments[0]!.paidAt?.toISOString()).toBe("2026-05-25T07:10:00.000Z");
    // "Taobao" and " taobao " are one platform, listed once for the role.
    expect(stored.platforms.map((p) => p.platform.key).sort()).toEqual(["taobao", "yto express"]);
    expect(stored.evidence).toEqual([expect.objectContaining({ mime: "image/png", size: PNG.length })]);
    expect(evidenceFiles()).toContain(stored.evidence[0]!.storageKey);
    // Only the PIN's keyed hash, bound to the reference, is stored (ADR 0016).
    expect(stored.pinHash).toMatch(/^h1:/);
    expect(stored.pinHash).not.toContain(r.pin);
    expect(await pinMatches(stored.pinHash, r.reference, r.pin)).toBe(true);
    expect(await pinMatches(stored.pinHash, r.reference, "00000000")).toBe(r.pin === "00000000");
    expect(await pinMatches(stored.pinHash, "R-2099-000001", r.pin)).toBe(false);
  });

  it("recognises a resubmitted form, also when both copies race", async () => {
    const token = randomUUID();
    const marker = randomUUID();
    const results = await Promise.all(
      [0, 1, 2].map(() => submitReport({ values: form(marker), files: [], token, locale: "zh-CN", ip: ip() })),
    );
    expect(results.filter((r) => r.kind === "created")).toHaveLength(1);
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(await countByNarrative(await db(), marker)).toBe(1);
  });

  it("four copies of one form at once: one receipt, the others 'already submitted' with its reference", async () => {
    for (let round = 0; round < 3; round++) {
      const token = randomUUID();
      const marker = randomUUID();
      const before = evidenceFiles().length;
      const results = await Promise.allSettled(
        [0, 1, 2, 3].map(() =>
          submitReport({ values: form(marker), files: [png()], token, locale: "zh-CN", ip: ip() }),
        ),
      );
      // Nobody is told "nothing was saved".
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const answers = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof submitReport>>>).value);
      expect(answers.filter((r) => r.kind === "created")).toHaveLength(1);
      expect(answers.filter((r) => r.kind === "duplicate")).toHaveLength(3);
      expect(new Set(answers.map((r) => r.reference)).size).toBe(1);
      expect(await countByNarrative(await db(), marker)).toBe(1);
      // Only the stored copy's file stays on disk.
      expect(evidenceFiles().length).toBe(before + 1);
    }
  });

  it("refuses a file that is not an image or PDF and stores nothing", async () => {
    const marker = randomUUID();
    const before = evidenceFiles().length;
    const fake = new File([Buffer.from("#!/bin/sh\necho pwned\n")], "photo.jpg", { type: "image/jpeg" });
    await expect(
      submitReport({ values: form(marker), files: [png(), fake], token: randomUUID(), locale: "en", ip: ip() }),
    ).rejects.toMatchObject({
      problem: "fileType",
      fileName: "photo.jpg",
    } satisfies Partial<EvidenceError>);
    expect(await countByNarrative(await db(), marker)).toBe(0);
    expect(evidenceFiles().length).toBe(before);
  });

  it("refuses more files than allowed", async () => {
    await expect(
      submitReport({
        values: form(randomUUID()),
        files: Array.from({ length: 11 }, (_, i) => png(`${i}.png`)),
        token: randomUUID(),
        locale: "en",
        ip: ip(),
      }),
    ).rejects.toMatchObject({ problem: "tooManyFiles" });
  });

  it("is all or nothing: a failure late in the transaction leaves no rows and no files", async () => {
    const client = await db();
    const marker = randomUUID();
    // Fail on the last insert of the transaction (the evidence row).
    const restore = await failEvidenceInserts(client);
    const before = evidenceFiles().length;
    const platformsBefore = await client.platform.count();
    const token = randomUUID();
    try {
      await expect(
        submitReport({
          values: { ...form(marker), platforms: [{ name: `Brand-new shop ${marker}`, role: "order_leaked" }] },
          files: [png(FAILING_EVIDENCE_NAME)],
          token,
          locale: "en",
          ip: ip(),
        }),
      ).rejects.toThrow();
    } finally {
      await restore();
    }
    expect(await countByNarrative(client, marker)).toBe(0);
    expect(await client.reportContact.count({ where: { report: { submissionToken: token } } })).toBe(0);
    expect(await client.platform.count()).toBe(platformsBefore);
    expect(evidenceFiles().length).toBe(before);
  });

  it("answers RateLimitedError after the configured number of reports per address", async () => {
    process.env.REPORT_RATE_LIMIT = "2";
    resetEnvCache();
    const addr = ip();
    for (let i = 0; i < 2; i++) {
      await submitReport({ values: form(randomUUID()), files: [], token: randomUUID(), locale: "en", ip: addr });
    }
    await expect(
      submitReport({ values: form(randomUUID()), files: [], token: randomUUID(), locale: "en", ip: addr }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    // Another address is unaffected.
    await expect(
      submitReport({ values: form(randomUUID()), files: [], token: randomUUID(), locale: "en", ip: ip() }),
    ).resolves.toMatchObject({ kind: "created" });
  });
});
