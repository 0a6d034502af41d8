import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { minimalReport } from "./test-support";
import { submitReport } from "./service";
import { evidenceDir } from "./evidence";
import { evidenceForDownload } from "./evidence-download";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

afterAll(async () => (await db()).$disconnect());

async function reportWithEvidence(names: string[]) {
  const marker = randomUUID();
  const values = minimalReport(`Evidence download test ${marker}`);
  const files = names.map((n) => new File([PNG], n, { type: "text/html" }));
  const r = await submitReport({ values, files, token: randomUUID(), locale: "en", ip: `192.0.2.9-${marker}` });
  return (await db()).evidence.findMany({
    where: { report: { reference: r.reference } },
    select: { id: true, originalName: true, storageKey: true, report: { select: { reference: true } } },
    orderBy: { originalName: "asc" },
  });
}

async function staff(role: "investigator" | "liaison"): Promise<Actor> {
  const client = await db();
  const org =
    role === "liaison"
      ? await client.organisation.create({ data: { name: `Org ${randomUUID()}`, kind: "platform" } })
      : null;
  const u = await client.user.create({
    data: { email: `ev-${randomUUID()}@example.test`, name: "Ev", role, orgId: org?.id ?? null, passwordHash: "x" },
  });
  return { id: u.id, role: u.role, orgId: u.orgId };
}

describe("evidenceForDownload", () => {
  it("names and types the download by the sniffed type, and audits it", async () => {
    const [ev] = await reportWithEvidence(["report.html"]);
    const actor = await staff("investigator");
    const file = await evidenceForDownload(await db(), actor, ev!.id, "198.51.100.20");
    expect((await buffer(file.stream)).equals(PNG)).toBe(true);
    expect(file.headers["content-length"]).toBe(String(PNG.length));
    expect(file.headers).toMatchObject({
      "content-type": "image/png",
      "content-disposition": 'attachment; filename="report.png"',
      "x-content-type-options": "nosniff",
    });
    const audit = await (
      await db()
    ).auditEvent.findFirst({
      where: { actorId: actor.id, action: "evidence.download" },
      select: { resourceType: true, resourceId: true, ip: true, detail: true },
    });
    expect(audit).toEqual({
      resourceType: "report",
      resourceId: ev!.report.reference,
      ip: "198.51.100.20",
      detail: { evidenceId: ev!.id, name: "report.html" },
    });
  });

  it("stores names without bidi controls and serves Chinese names per RFC 5987", async () => {
    const evs = await reportWithEvidence(["转账截图.jpg", "photo\u202Egnp.html"]);
    expect(evs.map((e) => e.originalName).sort()).toEqual(["photognp.html", "转账截图.jpg"]);
    const actor = await staff("investigator");
    const names = await Promise.all(
      evs.map(async (e) => {
        const file = await evidenceForDownload(await db(), actor, e.id);
        file.stream.destroy();
        return file.headers["content-disposition"];
      }),
    );
    expect(names.sort()).toEqual(
      [
        'attachment; filename="photognp.png"',
        "attachment; filename=\"____.png\"; filename*=UTF-8''%E8%BD%AC%E8%B4%A6%E6%88%AA%E5%9B%BE.png",
      ].sort(),
    );
  });

  it("refuses a user without read:evidence:any and audits nothing", async () => {
    const [ev] = await reportWithEvidence(["a.png"]);
    const liaison = await staff("liaison");
    await expect(evidenceForDownload(await db(), liaison, ev!.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await (await db()).auditEvent.count({ where: { actorId: liaison.id } })).toBe(0);
  });

  it("answers not found for a malformed or unknown id and for a file gone from disk", async () => {
    const actor = await staff("investigator");
    for (const id of ["%25", "../etc/passwd", randomUUID()])
      await expect(evidenceForDownload(await db(), actor, id)).rejects.toBeInstanceOf(NotFoundError);
    const [ev] = await reportWithEvidence(["gone.png"]);
    fs.rmSync(path.join(evidenceDir(), ev!.storageKey));
    await expect(evidenceForDownload(await db(), actor, ev!.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
