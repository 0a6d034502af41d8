import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditRowToCsv, auditRowToJsonl, type AuditRow } from "./index";
import { auditFiltersToQuery, parseAuditFilters } from "./filters";

const root = path.resolve(import.meta.dirname, "../..");

function sources(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    if (["node_modules", ".next", "generated", "data", "test-data", ".git", "test-results"].includes(name)) continue;
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|tsx|js|mjs|cjs|sql)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

describe("the audit log is append-only", () => {
  it("no application code updates or deletes audit events", () => {
    const offenders: string[] = [];
    const mutation =
      /auditEvent\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b|(UPDATE|DELETE\s+FROM|TRUNCATE)\s+(TABLE\s+)?"?AuditEvent"?/i;
    for (const file of sources(root)) {
      if (file.includes(`${path.sep}prisma${path.sep}migrations${path.sep}`)) continue;
      const text = fs.readFileSync(file, "utf8");
      if (mutation.test(text)) offenders.push(path.relative(root, file));
    }
    expect(offenders).toEqual([]);
  });
});

describe("export lines", () => {
  const row: AuditRow = {
    id: 7,
    at: new Date("2026-11-22T01:02:03.000Z"),
    actorId: "u1",
    actorEmail: "li@example.cn",
    action: "user.create",
    resourceType: "user",
    resourceId: "u2",
    ip: "203.0.113.5",
    detail: { email: '=HYPERLINK("x")', note: "a,b" },
  };

  it("CSV quotes, escapes and defuses spreadsheet formulas", () => {
    expect(auditRowToCsv(row)).toBe(
      '7,2026-11-22T01:02:03.000Z,u1,li@example.cn,user.create,user,u2,203.0.113.5,"{""email"":""=HYPERLINK(\\""x\\"")"",""note"":""a,b""}"\r\n',
    );
    expect(auditRowToCsv({ ...row, resourceId: "=1+1", actorEmail: null })).toContain(",,user.create,user,'=1+1,");
  });

  it("JSON lines are one object per line", () => {
    const line = auditRowToJsonl(row);
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ id: 7, at: "2026-11-22T01:02:03.000Z", action: "user.create" });
  });
});

describe("filters", () => {
  it("parse from a query, dropping bad values, and round-trip", () => {
    const f = parseAuditFilters(new URLSearchParams("actor=LI@Example.cn&action=user.&from=2026-11-01&to=nope&x=1"));
    expect(f).toEqual({
      actor: "li@example.cn",
      action: "user.",
      resourceType: undefined,
      resourceId: undefined,
      from: "2026-11-01",
      to: undefined,
    });
    expect(auditFiltersToQuery(f).toString()).toBe("actor=li%40example.cn&action=user.&from=2026-11-01");
    expect(parseAuditFilters({ action: ["a", "b"] }).action).toBe("a");
  });
});
