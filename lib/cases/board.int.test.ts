/** The case board, its search and its platform filter at service level. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/auth/permissions";
import { listCases } from "./views/board";
import { parseBoardFilters, type BoardFilters } from "./views/board-filters";
import { searchCases } from "./views/search";
import { platformFilterOptions } from "./views/platforms";
import { assignCase } from "./workflow/assignment";
import { decide } from "./workflow/decisions";
import { add, caseOf, phone, staff } from "./test-support";

afterAll(async () => (await db()).$disconnect());

const run = randomUUID().slice(0, 8);
/** Only this file's cases name this platform, so filtering on it isolates them. */
const shop = `Board Shop ${run}`;
let investigator: ServiceContext;
let liaison: ServiceContext;
let shopId: number;
/** Seven single-report cases: loss 100 … 700 yuan, incidents 2002-01-01 … 2002-01-07. */
const cases: { number: string; externalId: string; phone: string }[] = [];

beforeAll(async () => {
  investigator = await staff("investigator");
  liaison = await staff("liaison");
  for (let k = 1; k <= 7; k++) {
    const p = phone();
    const [externalId] = await add({
      contacts: [{ kind: "phone", value: p }],
      payees: [{ kind: "alipay", value: `board-${run}-${k}@example.cn` }],
      amount: k * 100,
      incidentDate: `2002-01-0${k}`,
      province: k <= 3 ? "Qinghai" : "Hainan",
      scamType: k % 2 ? "order_brushing" : "courier_compensation",
      platforms: [shop],
    });
    cases.push({ number: (await caseOf(externalId!)).number, externalId: externalId!, phone: p });
  }
  shopId = (await (await db()).platform.findFirstOrThrow({ where: { name: shop }, select: { id: true } })).id;
});

const numbers = async (f: Partial<BoardFilters>, pageSize = 25) =>
  (
    await listCases(await db(), investigator, {
      filters: { ...parseBoardFilters({}), platform: shopId, ...f },
      pageSize,
    })
  ).rows.map((r) => r.number);

describe("listCases", () => {
  it("filters on platform, province, scam type, status, dates and minimum loss", async () => {
    const all = [...cases].reverse().map((c) => c.number); // most recent incident first
    expect(await numbers({})).toEqual(all);
    expect(await numbers({ province: "Qinghai" })).toEqual(all.slice(4));
    expect(await numbers({ scamType: "courier_compensation" })).toEqual(
      [cases[5], cases[3], cases[1]].map((c) => c!.number),
    );
    expect(await numbers({ from: "2002-01-06" })).toEqual(all.slice(0, 2));
    expect(await numbers({ to: "2002-01-02" })).toEqual(all.slice(5));
    expect(await numbers({ minLoss: "500" })).toEqual(all.slice(0, 3));
    expect(await numbers({ status: "closed" })).toEqual([]);
    expect(await numbers({ status: "new" })).toEqual(all);
  });

  it("sorts by loss, and `mine` shows the actor's cases", async () => {
    expect(await numbers({ sort: "loss" })).toEqual([...cases].reverse().map((c) => c.number));
    await assignCase(await db(), investigator, { number: cases[2]!.number, assigneeId: investigator.actor.id });
    expect(await numbers({ mine: "1" })).toEqual([cases[2]!.number]);
    const page = await listCases(await db(), investigator, {
      filters: { ...parseBoardFilters({}), platform: shopId, mine: "1" },
    });
    expect(page.rows[0]!.assignee).toBe("Test investigator");
    expect(page.rows[0]!.platforms).toEqual([shop]);
  });

  it("pages by cursor without gaps or repeats, for every sort; the total counts the filter", async () => {
    for (const sort of ["recent", "loss", "size", "frozen"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let k = 0; k < 10; k++) {
        const page = await listCases(await db(), investigator, {
          filters: { ...parseBoardFilters({}), platform: shopId, sort, cursor },
          pageSize: 3,
        });
        expect(page.total).toBe(7);
        seen.push(...page.rows.map((r) => r.number));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen.sort()).toEqual(cases.map((c) => c.number).sort());
    }
  });

  it("frozen funds and overdue requests: column, sort, filters", async () => {
    const client = await db();
    // The figures the request service keeps on the case (lib/cases/store/request-figures.ts).
    const set = (k: number, data: { frozenMinor?: bigint; requestsDueAt?: Date | null }) =>
      client.case.update({ where: { number: cases[k]!.number }, data });
    await set(1, { frozenMinor: 500_000n, requestsDueAt: new Date(Date.now() + 3600_000) });
    await set(4, { frozenMinor: 20_000n, requestsDueAt: new Date(Date.now() - 60_000) });
    await set(6, { requestsDueAt: new Date(Date.now() - 3600_000) });
    try {
      expect(await numbers({ frozen: "1" })).toEqual([cases[4]!.number, cases[1]!.number]);
      expect(await numbers({ overdue: "1" })).toEqual([cases[6]!.number, cases[4]!.number]);
      expect((await numbers({ sort: "frozen" })).slice(0, 2)).toEqual([cases[1]!.number, cases[4]!.number]);
      const rows = (await listCases(client, investigator, { filters: { ...parseBoardFilters({}), platform: shopId } }))
        .rows;
      const row = (k: number) => rows.find((r) => r.number === cases[k]!.number)!;
      expect(row(1)).toMatchObject({ frozenMinor: 500_000n, overdue: false });
      expect(row(4)).toMatchObject({ frozenMinor: 20_000n, overdue: true });
      expect(row(0)).toMatchObject({ frozenMinor: 0n, overdue: false });
    } finally {
      for (const k of [1, 4, 6]) await set(k, { frozenMinor: 0n, requestsDueAt: null });
    }
  });

  it("a forged cursor starts from the top instead of failing", async () => {
    const forged = Buffer.from(JSON.stringify(["not a date", 1])).toString("base64url");
    expect(await numbers({ cursor: forged })).toHaveLength(7);
  });

  it("is refused without read:case:any", async () => {
    await expect(listCases(await db(), liaison, { filters: parseBoardFilters({}) })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(searchCases(await db(), liaison, { q: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(platformFilterOptions(await db(), liaison)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("searchCases", () => {
  it("finds a case by its number, an absorbed number, a report reference and an identifier as typed", async () => {
    const c = cases[0]!;
    const hit = async (q: string) => (await searchCases(await db(), investigator, { q })).flatMap((h) => h.caseNumbers);
    expect(await hit(c.number.toLowerCase())).toContain(c.number);
    const ref = await caseOf(c.externalId);
    expect(await hit(ref.reference)).toEqual([c.number]);
    expect(await hit(`+86 ${c.phone.slice(0, 3)} ${c.phone.slice(3, 7)} ${c.phone.slice(7)}`)).toEqual([c.number]);
    expect(await hit(`board-${run}-1@EXAMPLE.cn`)).toEqual([c.number]);
    // Merge case 7 into case 1's: case 7's number still finds the case, as an absorbed number.
    const absorbed = cases[6]!;
    await decide(await db(), investigator, {
      number: c.number,
      decision: { type: "merge_cases", other: absorbed.number },
      reason: "search test",
    });
    const hits = await searchCases(await db(), investigator, { q: absorbed.number });
    expect(hits[0]).toMatchObject({ kind: "case", label: `${absorbed.number} → ${c.number}` });
    expect(await searchCases(await db(), investigator, { q: "C-1999-99999" })).toEqual([]);
  });

  it("finds a full account from its last digits and holder, each case once however many reports name it", async () => {
    const digits = String(Date.now()).slice(-8) + String(Math.floor(Math.random() * 1e4)).padStart(4, "0");
    const account = `6217${digits}`;
    const holder = `Holder ${run.replace(/\d/g, "")}`;
    const payee = { kind: "bank_account", value: account, name: holder };
    const [first] = await add(
      { contacts: [{ kind: "phone", value: phone() }], payees: [payee] },
      { contacts: [{ kind: "phone", value: phone() }], payees: [payee] },
      { contacts: [{ kind: "phone", value: phone() }], payees: [payee] },
    );
    const number = (await caseOf(first!)).number;
    const hits = await searchCases(await db(), investigator, { q: `尾号${account.slice(-4)} ${holder}` });
    expect(hits.filter((h) => h.kind === "bank_account").map((h) => h.caseNumbers)).toEqual([[number]]);
  });

  it("finds platform names too rare for the filter, by part of the name, with a link to all their cases", async () => {
    const hits = await searchCases(await db(), investigator, { q: `shop ${run.toUpperCase()}` });
    const platform = hits.find((h) => h.kind === "platform");
    expect(platform).toMatchObject({ label: shop, platformId: shopId });
    expect(platform!.caseNumbers.length).toBeGreaterThan(0);
  });
});

describe("the platform filter offers known platforms, not whatever the public typed", () => {
  it("curated and organisation-linked platforms, and names in enough reports; a one-off name only when selected", async () => {
    const client = await db();
    const crafted = `!!! Call 400-000-${run} for your refund`;
    await add({ contacts: [{ kind: "phone", value: phone() }], platforms: [crafted] });
    const craftedId = (await client.platform.findFirstOrThrow({ where: { name: crafted }, select: { id: true } })).id;
    const linked = `Liaison Platform ${run}`;
    await add({ contacts: [{ kind: "phone", value: phone() }], platforms: [linked] });
    const linkedRow = await client.platform.findFirstOrThrow({ where: { name: linked }, select: { id: true } });
    await client.organisation.create({ data: { name: `Org ${run}`, kind: "platform", platformId: linkedRow.id } });

    const names = (await platformFilterOptions(client, investigator)).map((p) => p.name);
    expect(names).toContain("Taobao"); // curated by the migration
    expect(names).toContain(shop); // seven reports (PLATFORM_FILTER_MIN_REPORTS defaults to 5)
    expect(names).toContain(linked);
    expect(names).not.toContain(crafted);
    const selected = await platformFilterOptions(client, investigator, { selected: craftedId });
    expect(selected.map((p) => p.name)).toContain(crafted);
  });
});
