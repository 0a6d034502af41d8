import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { decide } from "@/lib/cases";
import { add, caseOf, phone, staff } from "@/lib/cases/test-support";
import { BulletinError, bulletinsForReport, listCaseBulletins, postBulletin } from "./bulletins";
import { BULLETIN_MAX_CHARS } from "./bulletin-text";

/** Two reports sharing a caller number: one case. */
async function twoReportCase() {
  const caller = phone();
  const [a, b] = await add(
    { contacts: [{ kind: "phone", value: caller }] },
    { contacts: [{ kind: "phone", value: caller }] },
  );
  return { a: await caseOf(a!), b: await caseOf(b!) };
}

describe("case bulletins", () => {
  it("an investigator posts in both languages; staff list them; every victim of the case reads theirs", async () => {
    const client = await db();
    const inv = await staff("investigator");
    const { a, b } = await twoReportCase();
    expect(a.caseId).toBe(b.caseId);
    const { id } = await postBulletin(client, inv, {
      caseNumber: a.number,
      bodyZh: "  账户已冻结，请勿向任何人付款。\r\n警方不会要求受害人付钱追回损失。 ",
      bodyEn: "The account was frozen.\nThe police never ask victims to pay to recover money.",
    });
    const listed = await listCaseBulletins(client, inv, { caseNumber: a.number });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id, author: "Test investigator" });
    // Trimmed, line breaks kept (a multi-line field).
    expect(listed[0]!.bodyZh.startsWith("账户已冻结")).toBe(true);
    expect(listed[0]!.bodyZh).toContain("\n");

    for (const r of [a, b]) {
      const zh = await bulletinsForReport(client, r.reportId, "zh-CN");
      expect(zh).toEqual([{ id, postedAt: expect.any(Date), text: listed[0]!.bodyZh, fallback: false }]);
      const en = await bulletinsForReport(client, r.reportId, "en");
      expect(en[0]).toMatchObject({ text: listed[0]!.bodyEn, fallback: false });
    }

    const audit = await client.auditEvent.findFirstOrThrow({
      where: { action: "case.bulletin", resourceId: a.number },
      select: { actorId: true, resourceType: true, detail: true, ip: true },
    });
    expect(audit).toMatchObject({ actorId: inv.actor.id, resourceType: "case", ip: "203.0.113.9" });
    expect(audit.detail).toEqual({ bulletinId: id, zh: true, en: true });
  });

  it("a missing language falls back to the other, marked; newest first", async () => {
    const client = await db();
    const inv = await staff("admin");
    const { a } = await twoReportCase();
    await postBulletin(client, inv, { caseNumber: a.number, bodyZh: "只有中文。", bodyEn: "" });
    await postBulletin(client, inv, { caseNumber: a.number, bodyZh: "", bodyEn: "English only." });
    const en = await bulletinsForReport(client, a.reportId, "en");
    expect(en.map((b) => [b.text, b.fallback])).toEqual([
      ["English only.", false],
      ["只有中文。", true],
    ]);
    const zh = await bulletinsForReport(client, a.reportId, "zh-CN");
    expect(zh.map((b) => [b.text, b.fallback])).toEqual([
      ["English only.", true],
      ["只有中文。", false],
    ]);
  });

  it("refuses empty, too long and control characters; only write:case:any may post; only read:case:any may list", async () => {
    const client = await db();
    const { a } = await twoReportCase();
    const inv = await staff("investigator");
    await expect(postBulletin(client, inv, { caseNumber: a.number, bodyZh: "  ", bodyEn: "\n" })).rejects.toThrow(
      BulletinError,
    );
    await expect(
      postBulletin(client, inv, { caseNumber: a.number, bodyZh: "长".repeat(BULLETIN_MAX_CHARS + 1), bodyEn: "" }),
    ).rejects.toMatchObject({ code: "tooLong" });
    await expect(
      postBulletin(client, inv, { caseNumber: a.number, bodyZh: "", bodyEn: "bell\u0007" }),
    ).rejects.toMatchObject({ code: "controlChars" });
    await expect(postBulletin(client, inv, { caseNumber: "C-1999-99999", bodyZh: "x", bodyEn: "" })).rejects.toThrow(
      NotFoundError,
    );
    for (const role of ["analyst", "liaison"] as const) {
      const who = await staff(role);
      await expect(postBulletin(client, who, { caseNumber: a.number, bodyZh: "x", bodyEn: "" })).rejects.toThrow(
        ForbiddenError,
      );
    }
    await expect(listCaseBulletins(client, await staff("liaison"), { caseNumber: a.number })).rejects.toThrow(
      ForbiddenError,
    );
    expect(await listCaseBulletins(client, await staff("analyst"), { caseNumber: a.number })).toEqual([]);
    expect(await client.caseBulletin.count({ where: { case: { number: a.number } } })).toBe(0);
  });

  it("a report in no case, or an unknown report, has no bulletins", async () => {
    expect(await bulletinsForReport(await db(), 2_000_000_000, "en")).toEqual([]);
  });

  it("bulletins move with the case when it is merged into another", async () => {
    const client = await db();
    const inv = await staff("investigator");
    const [x, y] = [await twoReportCase(), await twoReportCase()];
    await postBulletin(client, inv, { caseNumber: y.a.number, bodyZh: "", bodyEn: "From the younger case." });
    await decide(client, inv, {
      number: x.a.number,
      decision: { type: "merge_cases", other: y.a.number },
      reason: "same ring",
    });
    const kept = await caseOf((await client.report.findUniqueOrThrow({ where: { id: y.a.reportId } })).externalId!);
    expect(kept.caseId).toBe(x.a.caseId);
    for (const r of [x.a, x.b, y.a, y.b])
      expect((await bulletinsForReport(client, r.reportId, "en")).map((b) => b.text)).toEqual([
        "From the younger case.",
      ]);
  });
});
