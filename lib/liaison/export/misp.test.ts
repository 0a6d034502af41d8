import { describe, expect, it } from "vitest";
import { caseMisp, caseMispEvent, mispEventUuid } from "./misp";
import describeTypes from "./test-support/misp-describe-types.json";
import { caseData } from "./test-support/fixtures";
import { isUuid } from "./uuid";

const allowed = describeTypes.categories as Record<string, string[]>;
const UNSIGNED = /^\d+$/;
const read = (data = caseData()) => JSON.parse(new TextDecoder().decode(caseMisp(data).body));

/**
 * The MISP core format's required fields (MUST / SHALL) with their JSON types.
 * Instance-local ids (id, org_id, orgc_id, event_id) are assigned by the
 * importing instance and left out, as MISP's own feed format does; the
 * creating organisation travels as the Orgc object instead.
 */
function validateEvent(doc: unknown): string[] {
  const problems: string[] = [];
  const e = (doc as { Event?: Record<string, unknown> }).Event;
  if (!e || typeof e !== "object") return ["no Event object"];
  const str = (o: Record<string, unknown>, k: string, re?: RegExp) => {
    if (typeof o[k] !== "string") problems.push(`${k} is not a string`);
    else if (re && !re.test(o[k])) problems.push(`${k} = ${String(o[k])} is not valid`);
  };
  if (typeof e.uuid !== "string" || !isUuid(e.uuid)) problems.push("Event.uuid is not an RFC 4122 UUID");
  str(e, "info");
  if (typeof e.info === "string" && (e.info.length > 256 || /\n/.test(e.info)))
    problems.push("info too long or multi-line");
  str(e, "date", /^\d{4}-\d{2}-\d{2}$/);
  str(e, "threat_level_id", /^[1-4]$/);
  str(e, "analysis", /^[0-2]$/);
  str(e, "distribution", /^[0-4]$/);
  str(e, "sharing_group_id", UNSIGNED);
  if (typeof e.published !== "boolean") problems.push("published is not a boolean");
  str(e, "timestamp", UNSIGNED);
  str(e, "publish_timestamp", UNSIGNED);
  str(e, "attribute_count", UNSIGNED);
  const orgc = e.Orgc as Record<string, unknown> | undefined;
  if (!orgc || typeof orgc.name !== "string" || typeof orgc.uuid !== "string" || !isUuid(orgc.uuid)) {
    problems.push("Orgc needs a name and an RFC 4122 uuid");
  }
  if (!Array.isArray(e.Attribute)) return [...problems, "Attribute is not an array"];
  if (e.attribute_count !== String(e.Attribute.length)) problems.push("attribute_count does not match");
  for (const a of e.Attribute as Record<string, unknown>[]) {
    const where = `Attribute ${String(a.value)}`;
    if (typeof a.uuid !== "string" || !isUuid(a.uuid)) problems.push(`${where}: uuid`);
    for (const k of ["type", "category", "value", "comment", "timestamp", "distribution", "sharing_group_id"]) {
      if (typeof a[k] !== "string") problems.push(`${where}: ${k} is not a string`);
    }
    if (typeof a.to_ids !== "boolean" || typeof a.deleted !== "boolean") problems.push(`${where}: to_ids/deleted`);
    if (!/^[0-5]$/.test(String(a.distribution))) problems.push(`${where}: distribution`);
    if (!allowed[String(a.type)]?.includes(String(a.category))) {
      problems.push(`${where}: category "${String(a.category)}" is not allowed for type "${String(a.type)}"`);
    }
  }
  return problems;
}

describe("caseMispEvent", () => {
  it("is a valid MISP core format event", () => {
    expect(validateEvent(read())).toEqual([]);
    expect(validateEvent(read(caseData({ locale: "en" })))).toEqual([]);
  });

  it("the validator catches what it should", () => {
    const bad = read();
    bad.Event.date = "2026-6-1";
    bad.Event.Attribute[0].category = "Network activity"; // phone-number is not network activity
    bad.Event.Attribute[1].type = "bank-account-nr";
    bad.Event.Attribute[1].category = "Other";
    bad.Event.uuid = "not-a-uuid";
    expect(validateEvent(bad)).toEqual([
      "Event.uuid is not an RFC 4122 UUID",
      "date = 2026-6-1 is not valid",
      'Attribute +8617123456789: category "Network activity" is not allowed for type "phone-number"',
      'Attribute 6222021234567890123: category "Other" is not allowed for type "bank-account-nr"',
    ]);
  });

  it("maps each kind of identifier to its MISP type", () => {
    const attrs = read().Event.Attribute.map((a: Record<string, unknown>) => [a.type, a.value, a.category]);
    expect(attrs).toEqual([
      ["phone-number", "+8617123456789", "Financial fraud"],
      ["bank-account-nr", "6222021234567890123", "Financial fraud"],
      ["url", "pay-refund.cn", "Network activity"],
      ["domain", "pay-refund.cn", "Network activity"],
      // A short link: the page, never the link service's domain.
      ["url", "t.cn/A6xYz", "Network activity"],
      ["email-src", "kefu@pay-refund.cn", "Payload delivery"],
      ["text", "123456789", "Social network"],
      ["text", "refund@163.com", "Financial fraud"],
    ]);
    const qq = read(caseData({ locale: "en" })).Event.Attribute.find((a: { value: string }) => a.value === "123456789");
    expect(qq.comment).toBe("QQ number named in scam reports; 2 reports");
  });

  it("leaves out warning-listed, shared and unlinkable identifiers", () => {
    const text = new TextDecoder().decode(caseMisp(caseData()).body);
    for (const v of ["+864008208820", "400 820 8820", "+8613800000000", "****8988"]) expect(text).not.toContain(v);
  });

  it("carries no victim data even when the case data does", () => {
    const text = new TextDecoder().decode(caseMisp(caseData({ includePii: true })).body);
    for (const v of ["李小红", "13912345678", "R-2026-000101", "对方自称淘宝客服"]) expect(text).not.toContain(v);
  });

  it("keeps its UUIDs across exports of the same case, and not across cases", () => {
    const a = caseMispEvent(caseData());
    const b = caseMispEvent(caseData({ exportId: "EX-other", generatedAt: new Date("2026-07-01T00:00:00Z") }));
    expect(b.Event.uuid).toBe(a.Event.uuid);
    expect(b.Event.Attribute.map((x) => x.uuid)).toEqual(a.Event.Attribute.map((x) => x.uuid));
    const other = caseData();
    other.case.number = "C-2026-00043";
    expect(mispEventUuid(other)).not.toBe(a.Event.uuid);
    expect(new Set(a.Event.Attribute.map((x) => x.uuid)).size).toBe(a.Event.Attribute.length);
  });

  it("dates the event by the first incident (China time), unpublished, for the receiving organisation only", () => {
    const e = caseMispEvent(caseData()).Event;
    expect(e).toMatchObject({ date: "2026-05-28", published: false, distribution: "0", analysis: "1" });
    expect(e.info).toBe("滨江市公安局反诈中心：诈骗案件 C-2026-00042");
    expect(caseMisp(caseData()).filename).toBe("C-2026-00042-EX-20260601-c0ffee.misp.json");
  });
});
