/**
 * Liaison mail end to end: requests stored with Prisma, the sweep and
 * notifyRequestSent over a real SMTP server started here, and what arrived.
 * Other test files may leave requests in the same database; mails are
 * counted for this file's liaisons only.
 */
import { randomInt, randomUUID } from "node:crypto";
import { captureLogLines } from "@/test/log-lines";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db, type Db } from "@/lib/db";
import { createPrisma } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { startTestSmtp, type ReceivedMail, type TestSmtp } from "./mail-test-support";
import { notifyRequestSent, sweepLiaisonMail } from "./notify";

const H = 3600_000;
const ORIGIN = "https://cases.example.test";
const FROM = "no-reply@cases.example.test";

let smtp: TestSmtp;
let client: Db;
/** Everything the code under test logged (lib/log.ts's JSON lines). */
let logged: string[] = [];

function mailOn(url: string) {
  process.env.SMTP_URL = url;
  process.env.MAIL_FROM = `Case liaison <${FROM}>`;
  process.env.APP_URL = ORIGIN;
  process.env.LIAISON_MAIL_INTERVAL_SECONDS = "0";
  delete process.env.LIAISON_DUE_SOON_HOURS;
  delete process.env.LIAISON_DUE_SOON_FRACTION;
  resetEnvCache();
}

beforeAll(async () => {
  logged = captureLogLines();
  smtp = await startTestSmtp();
  client = await db();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await smtp?.close();
  delete process.env.SMTP_URL;
  resetEnvCache();
});
beforeEach(() => {
  mailOn(smtp.url);
  smtp.rejecting = false;
});

/** An organisation with an active and a disabled liaison, an investigator, and a case with identifiers. */
async function fixture() {
  const tag = randomUUID().slice(0, 8);
  const org = await client.organisation.create({
    data: { name: `测试银行 ${tag}`, kind: "bank", routeKeys: [`bank:T${tag}`] },
    select: { id: true, name: true },
  });
  const user = (who: string, role: "liaison" | "investigator", disabled = false) =>
    client.user.create({
      data: { email: `${who}-${tag}@bank.example.test`, role, orgId: org.id, disabled, passwordHash: "x" },
      select: { email: true },
    });
  const active = (await user("liaison", "liaison")).email;
  const disabled = (await user("gone", "liaison", true)).email;
  const investigator = (await user("officer", "investigator")).email;
  const caseNumber = `C-2099-${randomInt(10_000, 99_999)}`;
  const kase = await client.case.create({ data: { number: caseNumber }, select: { id: true } });
  const card = `62220212${randomInt(10_000_000, 99_999_999)}123`;
  const phone = `171${randomInt(10_000_000, 99_999_999)}`;
  const account = await client.identifier.create({
    data: { kind: "bank_account", value: card, display: `${card} 王小明` },
    select: { id: true },
  });
  const mobile = await client.identifier.create({
    data: { kind: "phone", value: `+86${phone}`, display: `+86 ${phone}` },
    select: { id: true },
  });
  const secrets = [caseNumber, card, phone, "王小明", "38,000", "38000", "3800000"];

  async function request(
    status: "draft" | "sent" | "acknowledged" | "closed",
    times: { sentAt?: Date; dueAt: Date; mailedNewAt?: Date },
    answered = false,
  ) {
    const number = `Q-2099-${randomInt(100_000, 999_999)}`;
    const r = await client.liaisonRequest.create({
      data: {
        number,
        caseId: kase.id,
        orgId: org.id,
        kind: "freeze_accounts",
        status,
        body: `Please freeze ${card}; 王小明 paid ¥38,000. Case ${caseNumber}.`,
        victimCount: 3,
        sentAt: times.sentAt ?? null,
        dueAt: times.dueAt,
        mailedNewAt: times.mailedNewAt ?? null,
        items: {
          create: [
            {
              identifierId: account.id,
              kind: "bank_account",
              display: `${card} 王小明`,
              paidMinor: 3_800_000n,
              paymentCount: 2,
              victimCount: 3,
              ...(answered ? { outcome: "frozen" as const, frozenMinor: 3_800_000n, answeredAt: new Date() } : {}),
            },
            {
              identifierId: mobile.id,
              kind: "phone",
              display: `+86 ${phone}`,
              ...(answered ? { outcome: "not_found" as const, answeredAt: new Date() } : {}),
            },
          ],
        },
      },
      select: { id: true, number: true },
    });
    return r;
  }

  /** What arrived for this organisation's people, by request number and kind of mail. */
  function arrived(): ReceivedMail[] {
    return smtp.received.filter((m) => m.envelopeTo.some((a) => [active, disabled, investigator].includes(a)));
  }
  function summary() {
    return arrived()
      .map((m) => `${/\[(Q-[\d-]+)\]/.exec(m.parsed.subject ?? "")?.[1]} ${kindOf(m)} → ${m.envelopeTo.join(",")}`)
      .sort();
  }
  return { org, active, disabled, investigator, caseNumber, secrets, request, arrived, summary };
}

function kindOf(m: ReceivedMail) {
  const s = m.parsed.subject ?? "";
  return s.includes("New request")
    ? "new"
    : s.includes("Due soon")
      ? "dueSoon"
      : s.includes("Overdue")
        ? "overdue"
        : "?";
}

async function mailedColumns(id: string) {
  return client.liaisonRequest.findUniqueOrThrow({
    where: { id },
    select: { mailedNewAt: true, mailedDueSoonAt: true, mailedOverdueAt: true },
  });
}

describe("liaison mail", () => {
  it("sends new, due-soon and overdue mails once each, to the organisation's active liaison only", async () => {
    const f = await fixture();
    const now = new Date();
    const at = (h: number) => new Date(now.getTime() + h * H);
    const overdue = await f.request("sent", { sentAt: at(-25), dueAt: at(-1) });
    const soon = await f.request("acknowledged", { sentAt: at(-20), dueAt: at(2), mailedNewAt: at(-20) });
    const far = await f.request("sent", { sentAt: at(0), dueAt: at(7 * 24) });
    const notYet = await f.request("acknowledged", { sentAt: at(-10), dueAt: at(14), mailedNewAt: at(-10) });
    await f.request("acknowledged", { sentAt: at(-23), dueAt: at(1), mailedNewAt: at(-23) }, true); // all answered
    await f.request("draft", { dueAt: at(-5) });
    await f.request("closed", { sentAt: at(-30), dueAt: at(-5), mailedNewAt: at(-30) });

    const first = await sweepLiaisonMail(client, now);
    expect(first.sent.new).toBeGreaterThanOrEqual(2);
    expect(f.summary()).toEqual(
      [
        `${overdue.number} new → ${f.active}`,
        `${overdue.number} overdue → ${f.active}`,
        `${soon.number} dueSoon → ${f.active}`,
        `${far.number} new → ${f.active}`,
      ].sort(),
    );
    expect(await mailedColumns(notYet.id)).toEqual({
      mailedNewAt: at(-10),
      mailedDueSoonAt: null,
      mailedOverdueAt: null,
    });
    expect(await mailedColumns(overdue.id)).toEqual({ mailedNewAt: now, mailedDueSoonAt: null, mailedOverdueAt: now });

    // Again, a minute later: nothing new for these requests.
    await sweepLiaisonMail(client, new Date(now.getTime() + 60_000));
    expect(f.arrived()).toHaveLength(4);

    for (const m of f.arrived()) {
      const number = /\[(Q-[\d-]+)\]/.exec(m.parsed.subject ?? "")![1]!;
      const text = m.parsed.text ?? "";
      const html = typeof m.parsed.html === "string" ? m.parsed.html : "";
      expect(m.parsed.from?.value).toEqual([{ name: "Case liaison", address: FROM }]);
      expect(m.envelopeFrom).toBe(FROM);
      expect(m.envelopeTo).toEqual([f.active]);
      expect(m.parsed.headers.get("auto-submitted")).toBe("auto-generated");
      for (const part of [text, html]) {
        expect(part).toContain(number);
        expect(part).toContain(f.org.name);
        expect(part).toContain(`${ORIGIN}/zh-CN/portal/requests/${number}`);
        expect(part).toContain(`${ORIGIN}/en/portal/requests/${number}`);
      }
      expect(text).toContain("协查请求");
      expect(text).toContain("(China time)");
      for (const secret of f.secrets) {
        expect(m.raw, secret).not.toContain(secret);
        expect(`${m.parsed.subject}\n${text}\n${html}`, secret).not.toContain(secret);
      }
    }
  });

  it("sends each mail once when sweeps on two servers run at the same time", async () => {
    const f = await fixture();
    const now = new Date();
    const at = (h: number) => new Date(now.getTime() + h * H);
    const overdue = await f.request("sent", { sentAt: at(-30), dueAt: at(-2) });
    const soon = await f.request("sent", { sentAt: at(-22), dueAt: at(1) });
    const far = await f.request("sent", { sentAt: at(0), dueAt: at(24) });
    const other = createPrisma(process.env.DATABASE_URL!, { max: 2 });
    try {
      const results = await Promise.all([
        sweepLiaisonMail(client, now),
        sweepLiaisonMail(other, now),
        sweepLiaisonMail(other, new Date(now.getTime() + 1)),
        notifyRequestSent(client, far.id, now),
      ]);
      // The direct call either sent the new mail itself or found it taken by a sweep.
      expect(["sent", "claimedElsewhere", "notPending"]).toContain(results[3]);
    } finally {
      await other.$disconnect();
    }
    expect(f.summary()).toEqual(
      [
        `${overdue.number} new → ${f.active}`,
        `${overdue.number} overdue → ${f.active}`,
        `${soon.number} new → ${f.active}`,
        `${soon.number} dueSoon → ${f.active}`,
        `${far.number} new → ${f.active}`,
      ].sort(),
    );
  });

  it("notifyRequestSent sends the new mail once, and the sweep does not repeat it", async () => {
    const f = await fixture();
    const now = new Date();
    const r = await f.request("sent", { sentAt: now, dueAt: new Date(now.getTime() + 7 * 24 * H) });
    expect(await notifyRequestSent(client, r.id, now)).toBe("sent");
    expect(await notifyRequestSent(client, r.id, now)).toBe("notPending");
    await sweepLiaisonMail(client, now);
    expect(f.summary()).toEqual([`${r.number} new → ${f.active}`]);
    const draft = await f.request("draft", { dueAt: now });
    expect(await notifyRequestSent(client, draft.id)).toBe("notPending");
  });

  it("releases the claim when the SMTP server refuses or cannot be reached, and a later sweep sends it", async () => {
    const f = await fixture();
    const now = new Date();
    const r = await f.request("sent", { sentAt: now, dueAt: new Date(now.getTime() + 7 * 24 * H) });

    smtp.rejecting = true;
    const refused = await sweepLiaisonMail(client, now);
    expect(refused.failed.new).toBeGreaterThanOrEqual(1);
    expect(await mailedColumns(r.id)).toEqual({ mailedNewAt: null, mailedDueSoonAt: null, mailedOverdueAt: null });
    expect(await notifyRequestSent(client, r.id, now)).toBe("failed");
    expect((await mailedColumns(r.id)).mailedNewAt).toBeNull();

    // Nobody listening on that port.
    const dead = await startTestSmtp();
    const deadUrl = dead.url;
    await dead.close();
    mailOn(deadUrl);
    expect(await notifyRequestSent(client, r.id, now)).toBe("failed");
    expect((await mailedColumns(r.id)).mailedNewAt).toBeNull();
    expect(f.arrived()).toEqual([]);

    mailOn(smtp.url);
    smtp.rejecting = false;
    const later = new Date(now.getTime() + 60_000);
    await sweepLiaisonMail(client, later);
    expect(f.summary()).toEqual([`${r.number} new → ${f.active}`]);
    expect((await mailedColumns(r.id)).mailedNewAt).toEqual(later);
  });

  it("does nothing and claims nothing while mail is off", async () => {
    const f = await fixture();
    const now = new Date();
    const r = await f.request("sent", { sentAt: now, dueAt: new Date(now.getTime() - H) });
    delete process.env.SMTP_URL;
    resetEnvCache();
    expect(await notifyRequestSent(client, r.id)).toBe("off");
    expect(await sweepLiaisonMail(client)).toEqual({
      sent: { new: 0, dueSoon: 0, overdue: 0 },
      failed: { new: 0, dueSoon: 0, overdue: 0 },
      noRecipients: 0,
    });
    expect(await mailedColumns(r.id)).toEqual({ mailedNewAt: null, mailedDueSoonAt: null, mailedOverdueAt: null });
    expect(f.arrived()).toEqual([]);
  });

  it("leaves requests of an organisation without an active liaison unclaimed until it has one", async () => {
    const f = await fixture();
    const now = new Date();
    const r = await f.request("sent", { sentAt: now, dueAt: new Date(now.getTime() + 24 * H) });
    await client.user.update({ where: { email: f.active }, data: { disabled: true } });
    await sweepLiaisonMail(client, now);
    expect(await notifyRequestSent(client, r.id, now)).toBe("noRecipients");
    expect((await mailedColumns(r.id)).mailedNewAt).toBeNull();
    await client.user.update({ where: { email: f.active }, data: { disabled: false } });
    await sweepLiaisonMail(client, now);
    expect(f.summary()).toEqual([`${r.number} new → ${f.active}`]);
  });

  it("logs request numbers and counts, never an email address", () => {
    expect(logged.some((l) => l.includes('"msg":"liaison mail sent"'))).toBe(true);
    expect(logged.some((l) => l.includes('"msg":"liaison mail not delivered"'))).toBe(true);
    for (const line of logged) expect(line).not.toMatch(/@bank\.example\.test|mailer|s3cret/);
  });
});
