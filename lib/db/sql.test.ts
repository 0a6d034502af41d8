import { describe, expect, it } from "vitest";
import { pgEnum, Prisma, table } from "./sql";

describe("typed table and column names for raw SQL", () => {
  it("renders tables, qualified and bare columns; values stay bind parameters", () => {
    const r = table("Report", "r");
    const c = table("Case");
    const q = Prisma.sql`SELECT ${r.id} FROM ${r} JOIN ${c} ON ${c.id} = ${r.caseId} WHERE ${c.status} = ${"new"}::${pgEnum("CaseStatus")}`;
    expect(q.text).toBe(
      `SELECT r."id" FROM "Report" r JOIN "Case" ON "Case"."id" = r."caseId" WHERE "Case"."status" = $1::"CaseStatus"`,
    );
    expect(q.values).toEqual(["new"]);
    expect(Prisma.sql`UPDATE ${r} SET ${r.$.caseId} = ${1}`.text).toBe(`UPDATE "Report" r SET "caseId" = $1`);
    expect(r.$table.text).toBe(`"Report"`);
  });

  it("refuses aliases that are not plain identifiers", () => {
    expect(() => table("Report", 'r; DROP TABLE "Report"')).toThrow();
  });

  it("names are checked by tsc against the generated client", () => {
    const r = table("Report", "r");
    // @ts-expect-error — no such column: a renamed column fails the type check.
    void r.caseNumber;
    // @ts-expect-error — no such model.
    expect(() => table("Reports")).toThrow();
    // @ts-expect-error — no such enum.
    void pgEnum("Status");
  });
});
