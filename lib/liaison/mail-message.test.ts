import { describe, expect, it } from "vitest";
import { buildLiaisonMail, liaisonMailEvents, requestLink, type LiaisonMailInput } from "./mail-message";

const base: LiaisonMailInput = {
  event: "new",
  requestNumber: "Q-2026-000123",
  organisationName: "中国工商银行",
  // 2026-06-01 10:00 UTC = 18:00 China time
  dueAt: new Date("2026-06-01T10:00:00Z"),
  origin: "https://cases.example.org",
};

describe("buildLiaisonMail", () => {
  it("says what happened, in both languages, with the number, organisation, due time and links", () => {
    const m = buildLiaisonMail(base);
    expect(m.subject).toBe("[Q-2026-000123] 新的协查请求 / New request");
    for (const part of [m.text, m.html]) {
      expect(part).toContain("警方向中国工商银行发来一份新的协查请求：Q-2026-000123。");
      expect(part).toContain("中国工商银行 has a new request from the police: Q-2026-000123.");
      expect(part).toContain("https://cases.example.org/zh-CN/portal/requests/Q-2026-000123");
      expect(part).toContain("https://cases.example.org/en/portal/requests/Q-2026-000123");
      expect(part).toContain("18:00");
      expect(part).toContain("2026年6月1日");
      expect(part).toContain("1 June 2026");
    }
    expect(m.html).toContain('<a href="https://cases.example.org/en/portal/requests/Q-2026-000123">');
    expect(m.html).toContain('lang="zh-CN"');
    expect(m.html).toContain('lang="en"');
    // Chinese first: the app's default language.
    expect(m.text.indexOf("协查请求")).toBeLessThan(m.text.indexOf("new request"));
  });

  it("has a subject and text for every event", () => {
    const subjects = liaisonMailEvents.map((event) => buildLiaisonMail({ ...base, event }).subject);
    expect(subjects).toEqual([
      "[Q-2026-000123] 新的协查请求 / New request",
      "[Q-2026-000123] 即将到期 / Due soon",
      "[Q-2026-000123] 已逾期 / Overdue",
    ]);
    expect(buildLiaisonMail({ ...base, event: "overdue" }).text).toContain("is past its due time");
    expect(buildLiaisonMail({ ...base, event: "dueSoon" }).text).toContain("即将到期");
  });

  it("says when there is no due time", () => {
    const m = buildLiaisonMail({ ...base, dueAt: null });
    expect(m.text).toContain("未设答复期限。");
    expect(m.text).toContain("No due time was set.");
  });

  it("reads only its declared fields: a whole request row with case and victim data adds nothing", () => {
    const row = {
      ...base,
      id: "7b0c8f7e-request-uuid",
      caseNumber: "C-2026-00042",
      case: { number: "C-2026-00042", reports: [{ victimName: "王小明", victimPhone: "13812345678" }] },
      body: "Please freeze 6222 0212 3456 7890 123, victim 王小明 paid ¥38,000",
      victimCount: 7,
      disclosures: [{ field: "victimNames", justification: "needed" }],
      items: [
        { kind: "bank_account", display: "6222021234567890123", paidMinor: 3_800_000n, victimCount: 3 },
        { kind: "phone", display: "+86 171 2345 6789", paidMinor: 0n },
        { kind: "alipay", display: "scammer@example.com", paidMinor: 120_000n },
      ],
    };
    const m = buildLiaisonMail(row);
    const all = `${m.subject}\n${m.text}\n${m.html}`;
    for (const secret of [
      "C-2026",
      "6222",
      "1234",
      "171",
      "138",
      "王小明",
      "scammer",
      "38,000",
      "38000",
      "3800000",
      "1200",
      "victimNames",
      "request-uuid",
      "freeze",
    ]) {
      expect(all, secret).not.toContain(secret);
    }
    expect(m).toEqual(buildLiaisonMail(base));
  });

  it("escapes the organisation name in HTML and keeps it on one line", () => {
    const m = buildLiaisonMail({ ...base, organisationName: 'Shop <b>"A"</b>\r\nBcc: x@example.org' });
    expect(m.html).toContain("Shop &lt;b&gt;&quot;A&quot;&lt;/b&gt; Bcc: x@example.org has a new request");
    expect(m.html).not.toContain("<b>");
    expect(m.text).toContain('Shop <b>"A"</b> Bcc: x@example.org has a new request');
    expect(m.subject).not.toMatch(/[\r\n]/);
  });

  it("refuses a request number that is not one, and takes only the origin of the app URL", () => {
    expect(() => buildLiaisonMail({ ...base, requestNumber: "../../admin" })).toThrow();
    expect(() => buildLiaisonMail({ ...base, requestNumber: "Q-1\nBcc: x" })).toThrow();
    expect(() => buildLiaisonMail({ ...base, event: "closed" as never })).toThrow();
    expect(requestLink("https://cases.example.org/some/path?q=1", "en", "Q-2026-000001")).toBe(
      "https://cases.example.org/en/portal/requests/Q-2026-000001",
    );
  });
});
