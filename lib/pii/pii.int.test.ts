/**
 * Victim data at rest (ADR 0015): what the services store is ciphertext, what
 * staff see is the plaintext, search by victim phone and name still finds the
 * case, older plaintext rows are encrypted by the start-up step, and rotation
 * moves every value to a new key so the old one can be dropped.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor, ServiceContext } from "@/lib/auth/permissions";
import { add, caseOf, phone, staff } from "@/lib/cases/test-support";
import { getCaseDetail, searchCases } from "@/lib/cases";
import { loadCaseExport } from "@/lib/liaison/export";
import { createRequest } from "@/lib/liaison/requests";
import { listCaseRequests } from "@/lib/liaison/views";
import { reportFormSchema } from "@/lib/reports/schema";
import { submitReport } from "@/lib/reports/service";
import { hashVictimNames } from "@/lib/reports/victim-key";
import {
  addFileKey,
  encryptPlainRows,
  keepFileKeys,
  keyCensus,
  openJson,
  openVictim,
  piiKeys,
  resetPiiKeys,
  rewrapAll,
} from "./index";

afterAll(async () => (await db()).$disconnect());

const marker = randomUUID();
const victimPhone = phone();
const victimName = `Wang ${marker.slice(0, 8)}`;
const narrative = `The caller knew my parcel number. ${marker}`;
const caller = phone();
let investigator: ServiceContext & { actor: Actor };
let analyst: ServiceContext & { actor: Actor };
let reference: string;

async function raw(ref: string) {
  const [row] = await (
    await db()
  ).$queryRaw<{ victimName: string; victimPhone: string; narrative: string; victimNameKey: string }[]>`
    SELECT "victimName", "victimPhone", "narrative", "victimNameKey" FROM "Report" WHERE "reference" = ${ref}`;
  return row!;
}

beforeAll(async () => {
  investigator = await staff("investigator");
  analyst = await staff("analyst");
  const values = reportFormSchema.parse({
    scamType: "courier_compensation",
    incidentDate: "2026-05-25",
    narrative,
    contacts: [{ kind: "phone", value: caller }],
    payments: [],
    platforms: [],
    victimName,
    victimPhone,
    victimProvince: "Shandong",
    victimCity: "Jinan",
    consent: true,
  });
  const r = await submitReport({ values, files: [], token: randomUUID(), locale: "en", ip: "203.0.113.77" });
  if (r.kind !== "created") throw new Error("not created");
  reference = r.reference;
});

describe("victim data at rest", () => {
  it("stores no plaintext name, phone or narrative", async () => {
    const row = await raw(reference);
    for (const [stored, plain] of [
      [row.victimName, victimName],
      [row.victimPhone, victimPhone],
      [row.narrative, narrative],
    ] as const) {
      expect(stored).toMatch(/^enc:v1:[\w-]+:/);
      expect(stored).not.toContain(plain);
      expect(stored).not.toContain(marker.slice(0, 8));
    }
    expect(row.victimNameKey).toMatch(/^n:[0-9a-f]{32}$/);
  });

  it("shows the plaintext on the case page and in the case export, to staff who may see it", async () => {
    const client = await db();
    const number = (await client.report.findUniqueOrThrow({ where: { reference }, select: { case: true } })).case!
      .number;
    const detail = await getCaseDetail(client, investigator, { number });
    const mine = detail.reports.find((r) => r.reference === reference)!;
    expect(mine.victim).toMatchObject({ name: victimName, phone: victimPhone, narrative });
    const hidden = await getCaseDetail(client, analyst, { number });
    expect(hidden.reports.find((r) => r.reference === reference)!.victim).toBeNull();
    const exported = await loadCaseExport(client, investigator, {
      number,
      locale: "en",
      unit: { name: "Unit", nameEn: "Unit", address: "", phone: "" },
      exportId: randomUUID(),
      reports: true,
    });
    expect(exported.reports.find((r) => r.reference === reference)).toMatchObject({
      victimName,
      victimPhone,
      narrative,
    });
  });

  it("finds the case by the victim's phone however written, and by the name, for staff who may see them", async () => {
    const client = await db();
    const number = (await client.report.findUniqueOrThrow({ where: { reference }, select: { case: true } })).case!
      .number;
    const spaced = `+86 ${victimPhone.slice(0, 3)} ${victimPhone.slice(3, 7)} ${victimPhone.slice(7)}`;
    const byPhone = await searchCases(client, investigator, { q: spaced });
    expect(byPhone.find((h) => h.kind === "victimPhone")?.caseNumbers).toEqual([number]);
    const byName = await searchCases(client, investigator, { q: `  ${victimName.toUpperCase()} ` });
    expect(byName.find((h) => h.kind === "victimName")?.caseNumbers).toEqual([number]);
    // Exact match only: part of a name is not searchable any more.
    expect((await searchCases(client, investigator, { q: "Wang" })).some((h) => h.kind === "victimName")).toBe(false);
    const asAnalyst = await searchCases(client, analyst, { q: victimPhone });
    expect(asAnalyst.some((h) => h.kind === "victimPhone" || h.kind === "victimName")).toBe(false);
  });

  it("keeps the shared-victims snapshot of a liaison request encrypted", async () => {
    const client = await db();
    const [extId] = await add({
      contacts: [{ kind: "phone", value: phone() }],
      payees: [{ kind: "alipay", value: `pay-${marker.slice(0, 8)}@example.com` }],
      victimName: "赵大明",
      victimPhone: phone(),
      narrative: `Alipay ${marker}`,
      amount: 500,
    });
    const kase = await caseOf(extId!);
    const alipay = await client.identifier.findFirstOrThrow({
      where: { kind: "alipay", value: `pay-${marker.slice(0, 8)}@example.com` },
    });
    const org = await client.organisation.create({ data: { name: `Pay ${marker}`, kind: "payment" } });
    const made = await createRequest(client, investigator, {
      caseNumber: kase.number,
      orgId: org.id,
      kind: "information",
      identifierIds: [alipay.id],
      body: "",
      disclosures: [
        { field: "victimNames", justification: "the payer must be identified" },
        { field: "narratives", justification: "the payer must be identified" },
      ],
      send: true,
    });
    const stored = await client.liaisonRequest.findUniqueOrThrow({
      where: { number: made.number },
      select: { sharedVictims: true },
    });
    expect(typeof stored.sharedVictims).toBe("string");
    expect(String(stored.sharedVictims)).toMatch(/^enc:v1:/);
    expect(String(stored.sharedVictims)).not.toContain("赵大明");
    const [view] = await listCaseRequests(client, investigator, { caseNumber: kase.number });
    expect(view!.sharedVictims.map((v) => [v.name, v.narrative])).toEqual([["赵大明", `Alipay ${marker}`]]);
  });

  it("encrypts rows stored in plaintext by older versions, once", async () => {
    const client = await db();
    const old = await client.report.create({
      data: { reference: `OLD-${marker}`, victimName: "Old Li", victimPhone: "13800000000", narrative: "plain story" },
      select: { id: true },
    });
    const request = await client.liaisonRequest.findFirstOrThrow({
      where: { org: { name: `Pay ${marker}` } },
      select: { id: true, sharedVictims: true },
    });
    const plainSnapshot = openJson("LiaisonRequest.sharedVictims", request.sharedVictims) as object[];
    await client.liaisonRequest.update({ where: { id: request.id }, data: { sharedVictims: plainSnapshot } });

    const first = await encryptPlainRows(client);
    expect(first.reports).toBeGreaterThanOrEqual(1);
    expect(first.requests).toBeGreaterThanOrEqual(1);
    expect(await encryptPlainRows(client)).toEqual({ reports: 0, requests: 0 });
    expect(await hashVictimNames(client)).toBeGreaterThanOrEqual(1);
    const row = await raw(`OLD-${marker}`);
    expect(row.narrative).toMatch(/^enc:v1:/);
    expect(row.victimNameKey).toMatch(/^n:/);
    const back = await client.report.findUniqueOrThrow({
      where: { id: old.id },
      select: { victimName: true, victimPhone: true, narrative: true },
    });
    expect(openVictim(back)).toEqual({ victimName: "Old Li", victimPhone: "13800000000", narrative: "plain story" });
    const again = await client.liaisonRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(openJson("LiaisonRequest.sharedVictims", again.sharedVictims)).toEqual(plainSnapshot);
  });

  it("rotates every value to a new key, after which the old key can go", async () => {
    const client = await db();
    const oldKey = piiKeys()[0].id;
    const before = await keyCensus(client);
    expect(Object.keys(before)).toEqual([oldKey]);
    const total = before[oldKey]!;

    const newKey = addFileKey();
    expect(piiKeys().map((k) => k.id)).toEqual([newKey, oldKey]);
    const counts = await rewrapAll(client, { batchSize: 7 });
    expect(counts.reports).toBeGreaterThan(0);
    expect(await keyCensus(client)).toEqual({ [newKey]: total });
    // Restartable: a second run finds nothing left to do.
    expect(await rewrapAll(client)).toEqual({ reports: 0, requests: 0 });

    expect(keepFileKeys(new Set())).toEqual([oldKey]);
    resetPiiKeys();
    expect(piiKeys().map((k) => k.id)).toEqual([newKey]);
    const all = await client.report.findMany({ select: { victimName: true, victimPhone: true, narrative: true } });
    expect(() => all.forEach((r) => openVictim(r))).not.toThrow();
    const requests = await client.liaisonRequest.findMany({ select: { sharedVictims: true } });
    expect(() => requests.forEach((r) => openJson("LiaisonRequest.sharedVictims", r.sharedVictims))).not.toThrow();
    const mine = (await raw(reference)) as { victimName: string; victimPhone: string; narrative: string };
    expect(openVictim(mine)).toMatchObject({ victimName, victimPhone, narrative });
  });
});
