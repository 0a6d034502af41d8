/**
 * Liaison requests for e2e tests: a case whose victims paid two bank cards,
 * imported through the real import path, and a freeze request for them sent
 * to an organisation by the request service, as an investigator would.
 */
import fs from "node:fs";
import path from "node:path";
import { createHash, randomInt, randomUUID } from "node:crypto";
import type { Db } from "../lib/db/client";
import { importReports } from "../lib/interchange/import";
import { createRequest } from "../lib/liaison";

/** A Luhn-valid ICBC debit card number nobody else uses. */
export function card(): string {
  const body = `622202${String(randomInt(0, 1e9)).padStart(9, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

export interface SentRequest {
  number: string;
  caseNumber: string;
  /** The two accounts, as the request shows them (display), in item order. */
  accounts: string[];
  itemIds: number[];
}

/**
 * Two victims (one phone number called both) paid ¥20,000 and ¥18,000 to
 * account A; the second also paid ¥5,000 to account B. A freeze request for
 * both accounts goes to `orgId`, sent by `investigatorId`.
 */
export async function sentFreezeRequest(
  db: Db,
  opts: {
    orgId: string;
    investigatorId: string;
    body?: string;
    disclosures?: { field: "victimNames" | "victimPhones" | "narratives"; justification: string }[];
  },
): Promise<SentRequest> {
  const [a, b] = [card(), card()];
  const caller = `17${randomInt(100_000_000, 999_999_999)}`;
  const ids = [`E2E-L-${randomUUID()}`, `E2E-L-${randomUUID()}`];
  const victim = (k: number) => ({
    name: `受害人${k}`,
    phone: `139${randomInt(10_000_000, 99_999_999)}`,
    province: "Hubei",
  });
  const lines = [
    {
      externalId: ids[0],
      submittedAt: "2026-05-20T10:00:00+08:00",
      scamType: "fake_customer_service_refund",
      victim: victim(1),
      contacts: [{ kind: "phone", value: caller }],
      payments: [{ amount: 20000, currency: "CNY", payee: { kind: "bank_account", value: a, name: "王某" } }],
    },
    {
      externalId: ids[1],
      submittedAt: "2026-05-21T10:00:00+08:00",
      scamType: "fake_customer_service_refund",
      victim: victim(2),
      contacts: [{ kind: "phone", value: caller }],
      payments: [
        { amount: 18000, currency: "CNY", payee: { kind: "bank_account", value: a, name: "王某" } },
        { amount: 5000, currency: "CNY", payee: { kind: "bank_account", value: b, name: "李某" } },
      ],
    },
  ].map((l) => JSON.stringify(l));
  const s = await importReports(db, lines);
  if (s.imported !== 2) throw new Error(`liaison import: ${JSON.stringify(s)}`);
  const report = await db.report.findUniqueOrThrow({
    where: { externalId: ids[0]! },
    select: { case: { select: { number: true } } },
  });
  const identifiers = await db.identifier.findMany({
    where: { kind: "bank_account", value: { in: [a, b] } },
    select: { id: true },
  });
  const made = await createRequest(
    db,
    { actor: { id: opts.investigatorId, role: "investigator", orgId: null } },
    {
      caseNumber: report.case!.number,
      orgId: opts.orgId,
      kind: "freeze_accounts",
      identifierIds: identifiers.map((i) => i.id),
      body: opts.body ?? "请对以下账户紧急止付并冻结。",
      disclosures: opts.disclosures ?? [],
      send: true,
    },
  );
  const items = await db.liaisonRequestItem.findMany({
    where: { request: { number: made.number } },
    select: { id: true, display: true, paidMinor: true },
    orderBy: { paidMinor: "desc" },
  });
  return {
    number: made.number,
    caseNumber: report.case!.number,
    accounts: items.map((i) => i.display),
    itemIds: items.map((i) => i.id),
  };
}

/** An answer with an attached PDF on the item, stored where the e2e server keeps files (as the answer form would). */
export async function answerWithAttachment(db: Db, itemId: number): Promise<{ name: string; bytes: Buffer }> {
  const bytes = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  const key = randomUUID();
  const dir = path.resolve(process.env.E2E_DATA_DIR!, "evidence");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, key), bytes);
  const name = "冻结通知书.pdf";
  await db.liaisonRequestItem.update({
    where: { id: itemId },
    data: {
      outcome: "not_found",
      answeredAt: new Date(),
      attachmentKey: key,
      attachmentName: name,
      attachmentMime: "application/pdf",
      attachmentSize: bytes.length,
      attachmentSha256: createHash("sha256").update(bytes).digest("hex"),
    },
  });
  return { name, bytes };
}
