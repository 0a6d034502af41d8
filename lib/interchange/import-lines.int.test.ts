import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReports } from "./import";
import { openPii } from "@/lib/pii";

const run = randomUUID().slice(0, 8);
const ext = (n: number) => `LINE-${run}-${n}`;
const line = (n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ externalId: ext(n), incidentDate: "2026-05-25", narrative: `report ${n}`, ...extra });

afterAll(async () => (await db()).$disconnect());

async function stored(n: number) {
  return (await db()).report.findUnique({
    where: { externalId: ext(n) },
    select: {
      incidentDate: true,
      victimName: true,
      payments: { select: { amountMinor: true, currency: true, paidAt: true }, orderBy: { position: "asc" } },
    },
  });
}

describe("import: bad lines are refused one by one, the rest imports", () => {
  const file = [
    line(1),
    line(2, { incidentDate: "2026-02-31" }),
    line(3, { narrative: "NUL \u0000 here" }),
    line(4, { victim: { name: "\u202Eevil\u202C Li" } }),
    line(5, { payments: [{ amount: 100, currency: "zzz" }] }),
    line(6, { payments: [{ amount: 100, paidAt: "1900-01-01T00:00:00+08:00" }] }),
    // Doubles that are not exact: 4000.1 and 12345678901.99 must arrive to the fen.
    `{"externalId":"${ext(7)}","payments":[{"amount":4000.1,"currency":"usd","paidAt":"2026-05-25T15:10"},{"amount":12345678901.99},{"amount":"0.29"}]}`,
  ];

  it("imports the good lines, names line and field of each bad one, and keeps amounts exact", async () => {
    const s = await importReports(await db(), file, { batchSize: 3 });
    expect(s.imported).toBe(3);
    expect(s.malformed).toEqual([
      { line: 2, error: 'line 2: incidentDate: not a real ISO 8601 date or time ("2026-02-31")' },
      { line: 3, error: "line 3: narrative: contains a control character (U+0000)" },
      { line: 5, error: 'line 5: payments.0.currency: not an ISO 4217 currency code ("zzz")' },
      { line: 6, error: 'line 6: payments.0.paidAt: before 2000-01-01 ("1900-01-01T00:00:00+08:00")' },
    ]);
    expect(await stored(2)).toBeNull();
    expect((await stored(1))?.incidentDate?.toISOString()).toBe("2026-05-25T00:00:00.000Z");
    expect(openPii("Report.victimName", (await stored(4))!.victimName)).toBe("evil Li");
    expect((await stored(7))?.payments).toEqual([
      { amountMinor: 400010n, currency: "USD", paidAt: new Date("2026-05-25T07:10:00Z") },
      { amountMinor: 1234567890199n, currency: "CNY", paidAt: null },
      { amountMinor: 29n, currency: "CNY", paidAt: null },
    ]);
  });

  it("is still idempotent by externalId", async () => {
    const s = await importReports(await db(), file, { batchSize: 3 });
    expect(s).toMatchObject({ imported: 0, duplicates: 3 });
    expect(s.malformed.map((m) => m.line)).toEqual([2, 3, 5, 6]);
  });
});

describe("import: a batch the database refuses keeps its good lines", () => {
  it("splits the batch until the refused line is alone", async () => {
    const client = await db();
    // A refusal the parser cannot foresee, raised by the database for one report (DDL takes no parameters,
    // so the marker is a constant no real report carries).
    const marker = "refused-by-the-import-lines-test";
    await client.$executeRaw`
      CREATE OR REPLACE FUNCTION refuse_marked_report() RETURNS trigger AS $$
      BEGIN
        IF NEW."victimCity" = 'refused-by-the-import-lines-test' THEN RAISE EXCEPTION 'refused by test' USING ERRCODE = '22023'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`;
    await client.$executeRaw`CREATE TRIGGER refuse_marked_report BEFORE INSERT ON "Report" FOR EACH ROW EXECUTE FUNCTION refuse_marked_report()`;
    try {
      const lines = [11, 12, 13, 14, 15].map((n) => line(n, n === 13 ? { victim: { city: marker } } : {}));
      const s = await importReports(client, lines, { batchSize: 5 });
      expect(s.malformed).toEqual([{ line: 3, error: "line 3: the database refused this report (SQLSTATE 22023)" }]);
      expect(s.imported).toBe(4);
      const kept = await client.report.findMany({ where: { externalId: { in: [11, 12, 13, 14, 15].map(ext) } } });
      expect(kept.map((r) => r.externalId).sort()).toEqual([11, 12, 14, 15].map(ext));
    } finally {
      await client.$executeRaw`DROP TRIGGER IF EXISTS refuse_marked_report ON "Report"`;
      await client.$executeRaw`DROP FUNCTION IF EXISTS refuse_marked_report()`;
    }
  });
});
