import { test, expect, fillReport, marker, messages, type Locale } from "./fixtures";
import { countByNarrative, reportIdsByNarrative } from "@/lib/pii/test-support";
import { openPii } from "@/lib/pii";
import { victimNameKey } from "@/lib/reports/victim-key";

const REFERENCE = /^R-\d{4}-\d{6}$/;

for (const js of [true, false]) {
  for (const locale of ["zh-CN", "en"] as Locale[]) {
    test.describe(`report form (${locale}, JavaScript ${js ? "on" : "off"})`, () => {
      test.use({ javaScriptEnabled: js, locale: locale === "en" ? "en-US" : "zh-CN" });

      test("a full report with two phones, two payments and evidence gets a receipt", async ({ page, db }) => {
        const m = marker();
        await page.goto(`/${locale}/report`);
        await expect(page.getByRole("heading", { level: 1, name: messages[locale].report.title })).toBeVisible();
        await fillReport(
          page,
          locale,
          {
            marker: m,
            phones: ["+86 171 2345 6789", "0086-138-0013-8000"],
            payments: [
              {
                amount: "4,000.00",
                payeeValue: "6217 0000 1234 5678 988",
                payeeName: "Xiao Momin",
                bank: "Postal Savings Bank of China",
              },
              { amount: "1500.5", payeeValue: "尾号8988", payeeName: "Xiao Momin" },
            ],
            platform: "Taobao",
            evidence: true,
          },
          { js },
        );
        await page.getByRole("button", { name: messages[locale].report.submit }).click();

        const receipt = page.getByRole("region", { name: messages[locale].receipt.title });
        await expect(receipt).toBeVisible();
        const reference = (await receipt.getByTestId("reference").textContent())?.trim() ?? "";
        const pin = (await receipt.getByTestId("pin").textContent())?.trim() ?? "";
        expect(reference).toMatch(REFERENCE);
        expect(pin).toMatch(/^\d{8}$/);

        const stored = await db.report.findUniqueOrThrow({
          where: { reference },
          select: {
            narrative: true,
            locale: true,
            pinHash: true,
            contacts: { select: { kind: true, rawValue: true }, orderBy: { position: "asc" } },
            payments: {
              select: { amountMinor: true, payeeValue: true, payeeName: true },
              orderBy: { position: "asc" },
            },
            evidence: { select: { mime: true, originalName: true } },
            platforms: { select: { platform: { select: { key: true } } } },
          },
        });
        expect(openPii("Report.narrative", stored.narrative)).toContain(m);
        expect(stored.narrative).not.toContain(m);
        expect(stored.locale).toBe(locale);
        expect(stored.contacts).toEqual([
          { kind: "phone", rawValue: "+86 171 2345 6789" },
          { kind: "phone", rawValue: "0086-138-0013-8000" },
        ]);
        expect(stored.payments.map((p) => p.amountMinor)).toEqual([400000n, 150050n]);
        expect(stored.payments[1]).toMatchObject({ payeeValue: "尾号8988", payeeName: "Xiao Momin" });
        expect(stored.evidence.map((e) => e.mime).sort()).toEqual(["application/pdf", "image/png"]);
        expect(stored.platforms.map((p) => p.platform.key)).toEqual(["taobao"]);
        // Only a keyed hash of the PIN is kept (ADR 0016).
        expect(stored.pinHash).toMatch(/^h1:[\w-]{43}$/);
        expect(stored.pinHash).not.toContain(pin);
      });

      test("a control character and an unknown currency are refused beside their fields", async ({ page, db }) => {
        const t = messages[locale];
        const m = marker();
        await page.goto(`/${locale}/report`);
        await fillReport(
          page,
          locale,
          {
            marker: m,
            phones: ["17123456789"],
            payments: [{ amount: "100", payeeValue: "尾号8988", payeeName: "Xiao Momin" }],
          },
          { js },
        );
        const payment = page.getByRole("group", { name: t.report.paymentN.replace("{n}", "1") });
        await payment.getByLabel(t.report.currency).fill("ZZZ");
        await page.getByRole("button", { name: t.report.submit }).click();
        await expect(payment.getByText(t.errors.invalidCurrency)).toBeVisible();

        await payment.getByLabel(t.report.currency).fill("usd");
        // A bell character pasted into the name, and a bidi override that is silently removed.
        await page.getByLabel(t.report.victimName).fill(`Li\u0007 Na\u202E ${m}`);
        await page.getByRole("button", { name: t.report.submit }).click();
        const name = page.getByLabel(t.report.victimName);
        await expect(name).toHaveAttribute("aria-invalid", "true");
        await expect(page.locator("#f-victimName-error")).toHaveText(t.errors.controlChars);
        expect(await countByNarrative(db, m)).toBe(0);
        // The form comes back without the invisible characters: sending again is enough.
        await expect(name).toHaveValue(`Li Na ${m}`);
        await page.getByRole("button", { name: t.report.submit }).click();
        await expect(page.getByRole("region", { name: t.receipt.title })).toBeVisible();
        const stored = await db.report.findFirstOrThrow({
          where: { id: { in: await reportIdsByNarrative(db, m) } },
          select: { victimName: true, payments: { select: { currency: true } } },
        });
        expect({ ...stored, victimName: openPii("Report.victimName", stored.victimName) }).toEqual({
          victimName: `Li Na ${m}`,
          payments: [{ currency: "USD" }],
        });
      });

      test("a bad submission shows field errors, keeps the input and stores nothing", async ({ page, db }) => {
        const t = messages[locale];
        const m = marker();
        await page.goto(`/${locale}/report`);
        await page.getByLabel(t.report.narrative).fill(`short ${m}`.slice(0, 5));
        await page.getByLabel(t.report.victimName).fill(`Name ${m}`);
        await page.getByLabel(t.report.victimPhone).fill("12345");
        const payment = page.getByRole("group", { name: t.report.paymentN.replace("{n}", "1") });
        await payment.getByLabel(t.report.amount).fill("-20");
        await payment.getByLabel(t.report.payeeValue).fill("尾号1234");
        await page.getByRole("button", { name: t.report.submit }).click();

        await expect(page.getByRole("alert").filter({ hasText: t.errors.invalidPhone.slice(0, 8) })).toBeVisible();
        await expect(page.getByText(t.errors.invalidPhone).first()).toBeVisible();
        await expect(payment.getByText(t.errors.invalidAmount)).toBeVisible();
        await expect(page.getByText(t.errors.consentRequired).first()).toBeVisible();
        await expect(page.getByLabel(t.report.scamType)).toHaveAttribute("aria-invalid", "true");
        // What the victim typed is still there.
        await expect(page.getByLabel(t.report.victimName)).toHaveValue(`Name ${m}`);
        await expect(payment.getByLabel(t.report.payeeValue)).toHaveValue("尾号1234");
        expect(await db.report.count({ where: { victimNameKey: victimNameKey(`Name ${m}`) } })).toBe(0);
      });
    });
  }
}
