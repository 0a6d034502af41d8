/**
 * The liaison performance figures from requests with fixed timestamps (set
 * straight in the database, as the services would have left them), "now"
 * fixed too: medians, the share answered in time and what is left out.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { Actor, ServiceContext } from "@/lib/auth/permissions";
import { add, caseOf, staff } from "@/lib/cases/test-support";
import { liaisonPerformance } from "./performance";
import { liaisonOf, organisation } from "./panel-test-support";

afterAll(async () => (await db()).$disconnect());

const t = (s: string) => new Date(`2005-01-${s}Z`);
const NOW = t("10T00:00:00");
let investigator: ServiceContext & { actor: Actor };
let a: { id: string; name: string };
let b: { id: string; name: string };

type Times = Partial<Record<"sentAt" | "acknowledgedAt" | "answeredAt" | "dueAt" | "closedAt", Date>>;

beforeAll(async () => {
  investigator = await staff("investigator");
  const [ext] = await add({ contacts: [{ kind: "phone", value: `17${randomInt(100_000_000, 999_999_999)}` }] });
  const { caseId } = await caseOf(ext!);
  a = await organisation("bank");
  b = await organisation("payment");
  const client = await db();
  const request = (orgId: string, status: string, times: Times) =>
    client.liaisonRequest.create({
      data: {
        number: `Q-2005-${String(randomInt(0, 1e9)).padStart(9, "0")}`,
        caseId,
        orgId,
        kind: "freeze_accounts",
        status: status as never,
        ...times,
      },
    });
  // A: acknowledged after 2 h, 4 h, 12 h; fully answered after 10 h (on time) and 48 h (late).
  await request(a.id, "answered", {
    sentAt: t("01T00:00:00"),
    acknowledgedAt: t("01T02:00:00"),
    answeredAt: t("01T10:00:00"),
    dueAt: t("02T00:00:00"),
  });
  await request(a.id, "closed", {
    sentAt: t("02T00:00:00"),
    acknowledgedAt: t("02T04:00:00"),
    answeredAt: t("04T00:00:00"),
    dueAt: t("03T00:00:00"),
    closedAt: t("05T00:00:00"),
  });
  // Unanswered past its due time while open: a miss.
  await request(a.id, "acknowledged", {
    sentAt: t("03T00:00:00"),
    acknowledgedAt: t("03T12:00:00"),
    dueAt: t("04T00:00:00"),
  });
  // Not yet due: not judged.
  await request(a.id, "sent", { sentAt: t("09T00:00:00"), dueAt: t("16T00:00:00") });
  // Closed unanswered before its due time: not judged.
  await request(a.id, "closed", { sentAt: t("05T00:00:00"), dueAt: t("06T00:00:00"), closedAt: t("05T06:00:00") });
  // A draft does not count at all.
  await request(a.id, "draft", {});
  // B: one request, never acknowledged, not due yet.
  await request(b.id, "sent", { sentAt: t("08T00:00:00"), dueAt: t("11T00:00:00") });
});

describe("liaison performance", () => {
  it("per organisation: sent, median times, share answered within the due time", async () => {
    const rows = await liaisonPerformance(await db(), investigator, { now: NOW });
    const of = (id: string) => rows.find((r) => r.orgId === id);
    expect(of(a.id)).toEqual({
      orgId: a.id,
      name: a.name,
      kind: "bank",
      sent: 5,
      medianAcknowledgeSeconds: 4 * 3600,
      medianAnswerSeconds: 29 * 3600,
      judged: 3,
      answeredOnTime: 1,
    });
    expect(of(b.id)).toEqual({
      orgId: b.id,
      name: b.name,
      kind: "payment",
      sent: 1,
      medianAcknowledgeSeconds: null,
      medianAnswerSeconds: null,
      judged: 0,
      answeredOnTime: 0,
    });
    // Later, B's request is past due and unanswered: judged, a miss.
    const later = await liaisonPerformance(await db(), investigator, { now: t("12T00:00:00") });
    expect(later.find((r) => r.orgId === b.id)).toMatchObject({ judged: 1, answeredOnTime: 0 });
  });

  it("needs read:request:any", async () => {
    await expect(liaisonPerformance(await db(), await liaisonOf(a.id))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(liaisonPerformance(await db(), await staff("analyst"))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
