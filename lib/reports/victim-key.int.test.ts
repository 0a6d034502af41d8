import { randomInt, randomUUID } from "node:crypto";
import { expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { prepareDatabase } from "@/lib/db/prepare";
import { hashPlainVictimKeys, victimKey } from "./victim-key";

it("turns the plain phone digits older versions stored into keyed hashes, once, keeping victim counts right", async () => {
  const client = await db();
  const phone = `139${randomInt(10_000_000, 99_999_999)}`;
  const other = `137${randomInt(10_000_000, 99_999_999)}`;
  const c = await client.case.create({
    data: { number: `C-TEST-${randomUUID().slice(0, 8)}`, reportCount: 4, victimCount: 4 },
    select: { id: true },
  });
  // As an older version left them: digits in clear, and the first migration
  // kept a +86 prefix, so one victim counted twice.
  const old = [
    { victimPhone: phone, victimKey: phone },
    { victimPhone: `+86 ${phone}`, victimKey: `86${phone}` },
    { victimPhone: other, victimKey: other },
    { victimPhone: "", victimKey: "" },
  ];
  const ids: number[] = [];
  for (const o of old) {
    const reference = `R-TEST-${randomUUID().slice(0, 12)}`;
    const r = await client.report.create({
      data: { reference, caseId: c.id, ...o, victimKey: o.victimKey || reference },
      select: { id: true },
    });
    ids.push(r.id);
  }

  expect(await hashPlainVictimKeys(client, 2)).toBeGreaterThanOrEqual(3);

  const keys = (await client.report.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).map(
    (r) => r.victimKey,
  );
  expect(keys[0]).toMatch(/^v:[0-9a-f]{32}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(keys[2]).not.toBe(keys[0]);
  expect(keys[3]).toMatch(/^R-TEST-/);
  expect(keys.join()).not.toContain(phone);
  // A new report from the same phone, however typed, is the same victim.
  expect(victimKey(`${phone.slice(0, 3)} ${phone.slice(3)}`, "R-new")).toBe(keys[0]);
  expect((await client.case.findUniqueOrThrow({ where: { id: c.id } })).victimCount).toBe(3);

  expect(await hashPlainVictimKeys(client)).toBe(0);
  const again = await client.report.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
  expect(again.map((r) => r.victimKey)).toEqual(keys);
});

it("runs where migrations run for real (npm start, db:migrate): prepareDatabase hashes what an older version left", async () => {
  const client = await db();
  const phone = `136${randomInt(10_000_000, 99_999_999)}`;
  const reference = `R-TEST-${randomUUID().slice(0, 12)}`;
  const r = await client.report.create({
    data: { reference, victimPhone: phone, victimKey: phone },
    select: { id: true },
  });
  await prepareDatabase(inject("databaseUrl"), { quiet: true });
  const after = await client.report.findUniqueOrThrow({ where: { id: r.id }, select: { victimKey: true } });
  expect(after.victimKey).toBe(victimKey(phone, reference));
});
