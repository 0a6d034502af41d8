/**
 * Answers with an attachment and its download: the file is sniffed and
 * stored, never left behind when the answer is refused, the file a new one
 * replaces is deleted, and the download reaches the organisation's liaisons
 * and staff who read every request, nobody else (audited).
 */
import fs from "node:fs";
import path from "node:path";
import { randomInt, randomUUID } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { StorageUnavailableError } from "@/lib/storage";
import { startTestS3 } from "@/test/s3-server";
import { useTestS3 } from "@/lib/storage/test-support";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Actor, ServiceContext } from "@/lib/auth/permissions";
import { evidenceDir } from "@/lib/reports/evidence";
import { add, caseOf, staff } from "@/lib/cases/test-support";
import { answerAttachmentForDownload, answerItemWithAttachment, AttachmentError } from "./attachments";
import { createRequest } from "./requests";
import { getInboxRequest } from "./views";
import { LiaisonError } from "./errors";

afterAll(async () => (await db()).$disconnect());

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

function card(): string {
  const body = `622202${String(randomInt(0, 1e9)).padStart(9, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

type Ctx = ServiceContext & { actor: Actor };
const stored = () => new Set(fs.existsSync(evidenceDir()) ? fs.readdirSync(evidenceDir()) : []);
const onDisk = (key: string) => fs.existsSync(path.join(evidenceDir(), key));

let liaison: Ctx;
let outsider: Ctx;
let investigator: Ctx;
let number: string;
let itemIds: number[];

beforeAll(async () => {
  const client = await db();
  investigator = await staff("investigator");
  const bank = await client.organisation.create({ data: { name: `Bank ${randomUUID()}`, kind: "bank" } });
  const user = await client.user.create({
    data: { email: `l-${randomUUID()}@example.test`, role: "liaison", orgId: bank.id, passwordHash: "x" },
    select: { id: true, role: true, orgId: true },
  });
  liaison = { actor: user, ip: "203.0.113.20" };
  outsider = await staff("liaison");
  const [a, b] = [card(), card()];
  const [ext] = await add({
    payees: [
      { kind: "bank_account", value: a },
      { kind: "bank_account", value: b },
    ],
  });
  const kase = await caseOf(ext!);
  const ids = await client.identifier.findMany({ where: { kind: "bank_account", value: { in: [a, b] } } });
  const made = await createRequest(client, investigator, {
    caseNumber: kase.number,
    orgId: bank.id,
    kind: "freeze_accounts",
    identifierIds: ids.map((i) => i.id),
    body: "",
    disclosures: [],
    send: true,
  });
  number = made.number;
  itemIds = (await getInboxRequest(client, liaison, { number })).items.map((i) => i.id);
});

const answer = (itemId: number) => ({
  number,
  itemId,
  outcome: "frozen" as const,
  frozenMinor: 3_800_000n,
  recoveredMinor: null,
  note: "冻结通知书见附件",
});

describe("answer attachments", () => {
  it("stores a sniffed file with the answer; the organisation's liaison and staff download it, audited", async () => {
    const client = await db();
    await answerItemWithAttachment(client, liaison, answer(itemIds[0]!), [
      new File([PNG], "冻结通知.html", { type: "text/html" }),
    ]);
    const item = await client.liaisonRequestItem.findUniqueOrThrow({ where: { id: itemIds[0]! } });
    expect(item.attachmentMime).toBe("image/png");
    expect(item.frozenMinor).toBe(3_800_000n);
    expect(onDisk(item.attachmentKey!)).toBe(true);

    const file = await answerAttachmentForDownload(client, liaison, { number, itemId: itemIds[0]! });
    expect(Buffer.compare(await buffer(file.stream), PNG)).toBe(0);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(file.headers["content-disposition"]).toContain(".png");
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    (await answerAttachmentForDownload(client, investigator, { number, itemId: itemIds[0]! })).stream.destroy();
    expect(
      await client.auditEvent.count({ where: { action: "request.attachment.download", resourceId: number } }),
    ).toBe(2);
  });

  it("another organisation's liaison, a wrong number or an item without a file: not found; analysts: forbidden", async () => {
    const client = await db();
    await expect(answerAttachmentForDownload(client, outsider, { number, itemId: itemIds[0]! })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      answerAttachmentForDownload(client, liaison, { number: "Q-1999-000001", itemId: itemIds[0]! }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(answerAttachmentForDownload(client, liaison, { number, itemId: itemIds[1]! })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      answerAttachmentForDownload(client, await staff("analyst"), { number, itemId: itemIds[0]! }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("a refused answer, a file of another type or two files leave nothing on disk and change nothing", async () => {
    const client = await db();
    const before = stored();
    const itemBefore = await client.liaisonRequestItem.findUniqueOrThrow({ where: { id: itemIds[1]! } });
    const png = () => [new File([PNG], "x.png")];
    await expect(
      answerItemWithAttachment(client, liaison, { ...answer(itemIds[1]!), outcome: "blocked" }, png()),
    ).rejects.toBeInstanceOf(LiaisonError);
    await expect(answerItemWithAttachment(client, outsider, answer(itemIds[1]!), png())).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(answerItemWithAttachment(client, investigator, answer(itemIds[1]!), png())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      answerItemWithAttachment(client, liaison, answer(itemIds[1]!), [new File(["<html>"], "x.pdf")]),
    ).rejects.toMatchObject({ code: "attachmentType" });
    await expect(
      answerItemWithAttachment(client, liaison, answer(itemIds[1]!), [...png(), new File([PDF], "y.pdf")]),
    ).rejects.toBeInstanceOf(AttachmentError);
    expect(stored()).toEqual(before);
    expect(await client.liaisonRequestItem.findUniqueOrThrow({ where: { id: itemIds[1]! } })).toEqual(itemBefore);
  });

  it("a new file replaces the old one, which is deleted; an answer without a file keeps the current one", async () => {
    const client = await db();
    const old = (await client.liaisonRequestItem.findUniqueOrThrow({ where: { id: itemIds[0]! } })).attachmentKey!;
    await answerItemWithAttachment(client, liaison, answer(itemIds[0]!), [new File([PDF], "notice.pdf")]);
    const now = await client.liaisonRequestItem.findUniqueOrThrow({ where: { id: itemIds[0]! } });
    expect(now.attachmentKey).not.toBe(old);
    expect(now.attachmentMime).toBe("application/pdf");
    expect(onDisk(old)).toBe(false);
    expect(onDisk(now.attachmentKey!)).toBe(true);
    // The browser sends an empty part for an untouched file input.
    await answerItemWithAttachment(client, liaison, { ...answer(itemIds[0]!), note: "更正" }, [new File([], "")]);
    const kept = await client.liaisonRequestItem.findUniqueOrThrow({ where: { id: itemIds[0]! } });
    expect(kept.attachmentKey).toBe(now.attachmentKey);
    expect(kept.answerNote).toBe("更正");
    expect(onDisk(now.attachmentKey!)).toBe(true);
  });
});

describe("answer attachments on object storage (s3rver)", () => {
  it("go to the bucket and come back from it; a replaced one is deleted; a refused write saves no answer", async () => {
    const client = await db();
    const s3 = await startTestS3({ bucket: "attachments" });
    const restore = useTestS3(s3);
    try {
      await answerItemWithAttachment(client, liaison, answer(itemIds[1]!), [new File([PDF], "notice.pdf")]);
      const first = (await client.liaisonRequestItem.findUniqueOrThrow({ where: { id: itemIds[1]! } })).attachmentKey!;
      expect(await s3.keys()).toEqual([first]);
      expect(onDisk(first)).toBe(false);
      expect(s3.requests.find((r) => r.method === "PUT")?.headers["x-amz-server-side-encryption"]).toBe("AES256");
      const file = await answerAttachmentForDownload(client, investigator, { number, itemId: itemIds[1]! });
      expect((await buffer(file.stream)).equals(PDF)).toBe(true);

      await answerItemWithAttachment(client, liaison, answer(itemIds[1]!), [new File([PNG], "scan.png")]);
      const second = (await client.liaisonRequestItem.findUniqueOrThrow({ where: { id: itemIds[1]! } })).attachmentKey!;
      expect(await s3.keys()).toEqual([second]);

      const before = await client.liaisonRequestItem.findUniqueOrThrow({ where: { id: itemIds[1]! } });
      s3.refuse({ status: 500, methods: ["PUT"] });
      await expect(
        answerItemWithAttachment(client, liaison, { ...answer(itemIds[1]!), note: "not saved" }, [
          new File([PDF], "again.pdf"),
        ]),
      ).rejects.toBeInstanceOf(StorageUnavailableError);
      s3.refuse(null);
      expect(await client.liaisonRequestItem.findUniqueOrThrow({ where: { id: itemIds[1]! } })).toEqual(before);
      expect(await s3.keys()).toEqual([second]);
    } finally {
      restore();
      await s3.close();
    }
  });
});
