/**
 * Test data for the case board: rings of reports imported through the real
 * import path, and evidence files placed where the e2e server keeps them.
 */
import fs from "node:fs";
import path from "node:path";
import { createHash, randomInt, randomUUID } from "node:crypto";
import type { Db } from "../lib/db/client";
import { importReports } from "../lib/interchange/import";
import { NARRATIVES, seedPii } from "./pii";

export interface Ring {
  phone: string;
  platform: string;
  externalIds: string[];
  caseNumber: string;
  caseId: number;
}

/** `size` reports sharing one new phone number (typed differently each time) and a platform only they name. */
/** `qqPerReport` adds that many QQ ids of its own to each report (identifiers named once). */
export async function importRing(
  db: Db,
  size = 4,
  opts: { province?: string; scamType?: string; qqPerReport?: number } = {},
): Promise<Ring> {
  const phone = `17${randomInt(100_000_000, 999_999_999)}`;
  const platform = `E2E Shop ${randomUUID().slice(0, 8)}`;
  // A holder of this ring's own: a partial account (tail + holder) shared with
  // another ring's ("Payee 0", same four digits) would join the two cases.
  const holder = randomUUID().slice(0, 8);
  const spell = [
    phone,
    `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
    `0086-${phone}`,
    `(+86)${phone}`,
  ];
  const externalIds = Array.from({ length: size }, () => `E2E-${randomUUID()}`);
  const lines = externalIds.map((externalId, k) =>
    JSON.stringify({
      externalId,
      // Days 10–29 of May, round again for rings larger than twenty.
      submittedAt: `2026-05-${String(10 + (k % 20)).padStart(2, "0")}T10:00:00+08:00`,
      incidentDate: `2026-05-${String(10 + (k % 20)).padStart(2, "0")}`,
      scamType: opts.scamType ?? "courier_compensation",
      victim: {
        name: `Victim ${k}`,
        phone: seedPii(`139${randomInt(10_000_000, 99_999_999)}`),
        province: opts.province ?? "Hubei",
        city: "Wuhan",
      },
      narrative: NARRATIVES.crushedParcel,
      contacts: [
        { kind: "phone", value: spell[k % spell.length] },
        ...Array.from({ length: opts.qqPerReport ?? 0 }, () => ({
          kind: "qq",
          value: String(randomInt(100_000_000, 999_999_999)),
        })),
      ],
      payments: [
        {
          amount: 1000 + k,
          currency: "CNY",
          payee: { kind: "bank_account", value: `尾号${randomInt(1000, 9999)}`, name: `Payee ${k} ${holder}` },
        },
      ],
      platforms: [{ name: platform, role: "order_leaked" }],
    }),
  );
  const s = await importReports(db, lines);
  if (s.imported !== size) throw new Error(`ring import: ${JSON.stringify(s)}`);
  const r = await db.report.findUniqueOrThrow({
    where: { externalId: externalIds[0]! },
    select: { case: { select: { id: true, number: true } } },
  });
  return { phone, platform, externalIds, caseNumber: r.case!.number, caseId: r.case!.id };
}

/** An evidence row and its file for a report, as the report form would have stored it. */
export async function someEvidence(db: Db): Promise<{ id: string }> {
  const ring = await importRing(db, 1);
  const report = await db.report.findUniqueOrThrow({
    where: { externalId: ring.externalIds[0]! },
    select: { id: true },
  });
  const storageKey = randomUUID();
  const dir = path.resolve(process.env.E2E_DATA_DIR!, "evidence");
  fs.mkdirSync(dir, { recursive: true });
  const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
  fs.writeFileSync(path.join(dir, storageKey), png);
  return db.evidence.create({
    data: {
      reportId: report.id,
      storageKey,
      originalName: "shot.png",
      mime: "image/png",
      size: png.length,
      // Downloads are checked against it (lib/storage): a wrong hash cuts the file off.
      sha256: createHash("sha256").update(png).digest("hex"),
    },
    select: { id: true },
  });
}

/** Makes a platform "known" (the board's filter offers it): an organisation linked to it, as for a liaison. */
export async function linkOrganisation(db: Db, platformName: string): Promise<void> {
  const platform = await db.platform.findFirstOrThrow({ where: { name: platformName }, select: { id: true } });
  await db.organisation.create({
    data: { name: `Org of ${platformName} ${randomUUID().slice(0, 6)}`, kind: "platform", platformId: platform.id },
  });
}

export interface SharedLandline {
  /** As victims typed it, and as the app shows it. */
  typed: string;
  identifierId: number;
  sharedNumberId: number;
  /** Each ring's case number. */
  caseNumbers: string[];
}

/**
 * Reports of `rings` unrelated rings (each held together by its own mobile
 * and payee) that all name one landline nobody else uses: the guard holds it.
 */
export async function importSharedLandline(db: Db, rings = 2, size = 3): Promise<SharedLandline> {
  const typed = `0755-${randomInt(20_000_000, 29_999_999)}`;
  const run = randomUUID().slice(0, 8);
  const ringIds: string[][] = [];
  const lines: string[] = [];
  for (let k = 0; k < rings; k++) {
    const mobile = `17${randomInt(100_000_000, 999_999_999)}`;
    const ids = Array.from({ length: size }, (_, i) => `E2E-SN-${run}-${k}-${i}`);
    ringIds.push(ids);
    ids.forEach((externalId, i) =>
      lines.push(
        JSON.stringify({
          externalId,
          submittedAt: `2026-06-${String(10 + i).padStart(2, "0")}T10:00:00+08:00`,
          scamType: "fake_customer_service_refund",
          victim: { name: `Victim ${k}.${i}`, phone: `139${randomInt(10_000_000, 99_999_999)}`, province: "Beijing" },
          contacts: [
            { kind: "phone", value: mobile },
            { kind: "phone", value: typed },
          ],
          payments: [
            { amount: 500, currency: "CNY", payee: { kind: "alipay", value: `e2e-sn-${run}-${k}@example.cn` } },
          ],
        }),
      ),
    );
  }
  const s = await importReports(db, lines);
  if (s.imported !== lines.length) throw new Error(`shared landline import: ${JSON.stringify(s)}`);
  const sn = await db.sharedNumber.findFirstOrThrow({
    where: { identifier: { kind: "phone", value: `+86${typed.replace(/\D/g, "").slice(1)}` } },
    select: { id: true, identifierId: true },
  });
  const caseNumbers = await Promise.all(
    ringIds.map(
      async (ids) =>
        (
          await db.report.findUniqueOrThrow({
            where: { externalId: ids[0]! },
            select: { case: { select: { number: true } } },
          })
        ).case!.number,
    ),
  );
  return { typed, identifierId: sn.identifierId, sharedNumberId: sn.id, caseNumbers };
}

export interface BridgedCase {
  caseNumber: string;
  /** The identifiers' labels as the case page shows them. */
  partial: string;
  full: string;
}

/**
 * Four reports held together only by a partial-account bridge: two share one
 * phone and one of them paid "尾号NNNN" to 萧某敏; two share another phone and
 * one of them paid the full account "6222 0212 …NNNN" to 萧某敏.
 */
export async function importBridgedCase(db: Db): Promise<BridgedCase> {
  const last4 = String(randomInt(1000, 10_000));
  const full = `6222 0212 ${randomInt(1000, 10_000)} ${last4}`;
  const [x, y] = [0, 1].map(() => `17${randomInt(100_000_000, 999_999_999)}`);
  const paid = (value: string) => [
    { amount: 5000, currency: "CNY", payee: { kind: "bank_account", value, name: "萧某敏" } },
  ];
  const reports = [
    { phone: x, payments: paid(`尾号${last4}`) },
    { phone: x, payments: [] },
    { phone: y, payments: [] },
    { phone: y, payments: paid(full) },
  ];
  const externalIds = reports.map(() => `E2E-${randomUUID()}`);
  const lines = reports.map((r, k) =>
    JSON.stringify({
      externalId: externalIds[k],
      submittedAt: `2026-05-${10 + k}T10:00:00+08:00`,
      scamType: "courier_compensation",
      victim: { name: `Victim ${k}`, phone: seedPii(`139${randomInt(10_000_000, 99_999_999)}`), province: "Hubei" },
      narrative: NARRATIVES.refundDeposit,
      contacts: [{ kind: "phone", value: r.phone }],
      payments: r.payments,
    }),
  );
  const s = await importReports(db, lines);
  if (s.imported !== reports.length) throw new Error(`bridged case import: ${JSON.stringify(s)}`);
  const cases = await db.report.findMany({
    where: { externalId: { in: externalIds } },
    select: { case: { select: { number: true } } },
  });
  const numbers = [...new Set(cases.map((c) => c.case!.number))];
  if (numbers.length !== 1) throw new Error(`bridged case: the reports are in ${numbers.join(", ")}`);
  return { caseNumber: numbers[0]!, partial: `****${last4} 萧某敏`, full };
}
