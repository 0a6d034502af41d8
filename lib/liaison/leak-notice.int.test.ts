/** A leak signal becomes a data-leak notice in one step, through the request service, and only once. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { Actor, ServiceContext } from "@/lib/auth/permissions";
import { add, caseOf, phone, staff } from "@/lib/cases/test-support";
import { createLeakNotice, SignalError } from "./leak-notice";
import { listLeakSignals, type LeakSignal } from "./signals";

afterAll(async () => (await db()).$disconnect());

const run = randomUUID().slice(0, 8);
const compose = (s: LeakSignal) => `${s.victims} victims at ${s.platform.name}, ${s.firstDate} to ${s.lastDate}`;
let investigator: ServiceContext & { actor: Actor };
let shop: { id: number; name: string };
let bare: { id: number; name: string };
let org: { id: string };
let bigCase: string;

/** Five victims at the shop, 2004-05-01 … 2004-05-05: three through one ring (one case), two alone. */
async function burst(name: string) {
  const ring = phone();
  const ids = await add(
    ...[1, 2, 3, 4, 5].map((k) => ({
      incidentDate: `2004-05-0${k}`,
      contacts: [{ kind: "phone", value: k <= 3 ? ring : phone() }],
      platforms: [name],
    })),
  );
  const platform = await (await db()).platform.findFirstOrThrow({ where: { name }, select: { id: true, name: true } });
  return { platform, ringCase: (await caseOf(ids[0]!)).number };
}

beforeAll(async () => {
  investigator = await staff("investigator");
  const a = await burst(`Notice Shop ${run}`);
  shop = a.platform;
  bigCase = a.ringCase;
  bare = (await burst(`Notice Shop without org ${run}`)).platform;
  org = await (
    await db()
  ).organisation.create({
    data: { name: `Notice Shop Ltd ${run}`, kind: "platform", platformId: shop.id },
    select: { id: true },
  });
});

describe("createLeakNotice", () => {
  it("sends a notice to the shop's organisation, filed under the case with most of the window's reports", async () => {
    const created = await createLeakNotice(await db(), investigator, { platformId: shop.id, compose });
    expect(created).toMatchObject({ status: "sent", caseNumber: bigCase });
    const request = await (
      await db()
    ).liaisonRequest.findUniqueOrThrow({
      where: { number: created.number },
      select: {
        kind: true,
        orgId: true,
        platformId: true,
        body: true,
        disclosures: true,
        dueAt: true,
        createdById: true,
        items: { select: { kind: true, display: true, identifierId: true } },
      },
    });
    expect(request).toMatchObject({
      kind: "data_leak_notice",
      orgId: org.id,
      platformId: shop.id,
      body: `5 victims at ${shop.name}, 2004-05-01 to 2004-05-05`,
      disclosures: [],
      createdById: investigator.actor.id,
      items: [{ kind: "merchant", display: shop.name, identifierId: null }],
    });
    expect(request.dueAt).not.toBeNull();
    const [signal] = await listLeakSignals(await db(), investigator, { platformId: shop.id });
    expect(signal).toMatchObject({ openNotice: true, notices: [{ number: created.number, status: "sent" }] });
  });

  it("refuses a second notice while one is open, a shop without organisation, and a shop without signal", async () => {
    const client = await db();
    await expect(createLeakNotice(client, investigator, { platformId: shop.id, compose })).rejects.toSatisfy(
      (e) => e instanceof SignalError && e.code === "alreadyOpen",
    );
    await expect(createLeakNotice(client, investigator, { platformId: bare.id, compose })).rejects.toSatisfy(
      (e) => e instanceof SignalError && e.code === "noOrganisationError",
    );
    // Before the burst: no signal yet.
    await expect(
      createLeakNotice(client, investigator, { platformId: bare.id, compose, now: new Date("2004-05-03T12:00:00Z") }),
    ).rejects.toSatisfy((e) => e instanceof SignalError && e.code === "noSignal");
    expect(await client.liaisonRequest.count({ where: { platformId: { in: [shop.id, bare.id] } } })).toBe(1);
  });

  it("two investigators clicking at once make one notice; the other is told one is open", async () => {
    const client = await db();
    const racing = (await burst(`Notice Shop raced ${run}`)).platform;
    await client.organisation.create({
      data: { name: `Notice Shop raced Ltd ${run}`, kind: "platform", platformId: racing.id },
    });
    const other = await staff("investigator");
    const results = await Promise.allSettled([
      createLeakNotice(client, investigator, { platformId: racing.id, compose }),
      createLeakNotice(client, other, { platformId: racing.id, compose }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(SignalError);
    expect((refused.reason as SignalError).code).toBe("alreadyOpen");
    expect(await client.liaisonRequest.count({ where: { platformId: racing.id } })).toBe(1);
  });

  it("is for staff who create requests: not analysts, not liaisons", async () => {
    for (const role of ["analyst", "liaison"] as const) {
      await expect(createLeakNotice(await db(), await staff(role), { platformId: bare.id, compose })).rejects.toThrow(
        ForbiddenError,
      );
    }
  });
});
