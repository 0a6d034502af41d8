import { test as base, expect, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { randomInt } from "node:crypto";
import { createPrisma, type Db } from "../lib/db/client";
import { findRunningEmbedded } from "../lib/db/embedded";
import type { catalogues } from "../messages/index";
import { NARRATIVES, VICTIM } from "./pii";

// The same catalogues as messages/index.ts, read from its files: Playwright's loader
// needs import attributes on JSON imports, which Next's build refuses there.
const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../messages", file), "utf8")) as object;
const parts = (locale: string) =>
  ["liaison", "victims", "ops"].flatMap((dir) =>
    fs
      .readdirSync(path.resolve(import.meta.dirname, "../messages", dir))
      .filter((f) => f.endsWith(`.${locale}.json`))
      .map((f) => readJson(`${dir}/${f}`)),
  );
const catalogue = (locale: string) => Object.assign({}, readJson(`${locale}.json`), ...parts(locale));
export const messages = { en: catalogue("en"), "zh-CN": catalogue("zh-CN") } as typeof catalogues;
export type Locale = keyof typeof messages;

/** A random documentation-range address, so each test has its own rate-limit bucket. */
function testIp(): string {
  return `198.51.${randomInt(0, 255)}.${randomInt(1, 254)}`;
}

async function connect(): Promise<Db> {
  const url = process.env.DATABASE_URL ?? (await findRunningEmbedded(path.resolve(process.env.E2E_DATA_DIR!)));
  if (!url) throw new Error("e2e: no database to inspect (the app's embedded server is not running?)");
  return createPrisma(url, { max: 2 });
}

export const test = base.extend<{ ip: string }, { db: Db }>({
  ip: async ({}, use) => use(testIp()),
  extraHTTPHeaders: async ({ ip }, use) => use({ "x-forwarded-for": ip }),
  db: [
    async ({}, use) => {
      const db = await connect();
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
});

export { expect };

/** A minimal valid PNG (1×1), generated so no binary fixture is needed. */
export const PNG_1PX = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

export interface ReportData {
  marker: string;
  phones: string[];
  payments: { amount: string; payeeValue: string; payeeName: string; bank?: string }[];
  platform?: string;
  evidence?: boolean;
}

/** Fills the report form through its labels, as a victim would. */
export async function fillReport(page: Page, locale: Locale, data: ReportData, opts: { js: boolean }) {
  const t = messages[locale].report;
  const o = messages[locale].options;
  await page.getByLabel(t.scamType).selectOption({ label: o.scamType.courier_compensation });
  await page.getByLabel(t.incidentDate).fill("2026-05-25");
  await page.getByLabel(t.narrative).fill(`${NARRATIVES.crushedParcel} ${data.marker}`);

  for (const [i, phone] of data.phones.entries()) {
    const group = page.getByRole("group", { name: t.contactN.replace("{n}", String(i + 1)) });
    if (!(await group.isVisible())) await page.getByRole("button", { name: t.addContact }).click();
    await group.getByLabel(t.contactKind).selectOption("phone");
    await group.getByLabel(t.contactValue).fill(phone);
  }
  for (const [i, p] of data.payments.entries()) {
    const group = page.getByRole("group", { name: t.paymentN.replace("{n}", String(i + 1)) });
    if (!(await group.isVisible())) {
      await page.getByRole("button", { name: t.addPayment }).click();
      if (!opts.js) await expect(group).toBeVisible();
    }
    await group.getByLabel(t.amount).fill(p.amount);
    await group.getByLabel(t.payeeValue).fill(p.payeeValue);
    await group.getByLabel(t.payeeName).fill(p.payeeName);
    if (p.bank) await group.getByLabel(t.payeeBank).fill(p.bank);
  }
  if (data.platform) {
    const group = page.getByRole("group", { name: t.platformN.replace("{n}", "1") });
    await group.getByLabel(t.platformName).fill(data.platform);
  }
  await page.getByLabel(t.victimName).fill(VICTIM.name);
  await page.getByLabel(t.victimPhone).fill(VICTIM.phone);
  await page.getByLabel(t.victimProvince).selectOption("Shandong");
  await page.getByLabel(t.victimCity).fill("Jinan");
  if (data.evidence) {
    await page.getByLabel(t.evidence).setInputFiles([
      { name: "transfer.png", mimeType: "image/png", buffer: PNG_1PX },
      {
        name: "chat.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
      },
    ]);
  }
  await page.getByLabel(t.consent).check();
}

export function marker(): string {
  return `e2e-${Date.now()}-${randomInt(1e6)}`;
}
