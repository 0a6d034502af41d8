import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reportWith, submitFromNewAddress } from "./test-support";

/**
 * A report that joins two cases merges one into the other while reports that
 * share no identifier with it attach to the case being merged away: the
 * identifier locks do not cover that, so one transaction fails on the merged
 * case and is run again (retryOnConflict). Only PostgreSQL runs transactions
 * at once; the embedded database runs them one after the other.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);

const form = (phones: string[], qq?: string) =>
  reportWith("merge race", [
    ...phones.map((value) => ({ kind: "phone", value })),
    ...(qq ? [{ kind: "qq", value: qq }] : []),
  ]);

const phone = () => `13${randomInt(100_000_000, 999_999_999)}`;
const submit = submitFromNewAddress;

describe.skipIf(!onPostgres)("concurrent merges and attachments", () => {
  it("every submission is stored, and each ring ends in one case", { timeout: 120_000 }, async () => {
    const client = await db();
    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      const [p1, p2] = [phone(), phone()];
      const qq = String(randomInt(100_000_000, 999_999_999));
      const first = await submit(form([p1]));
      const second = await submit(form([p2], qq));
      // The joining report and four that attach to the second case through the QQ number alone.
      const racing = await Promise.allSettled([
        submit(form([p1, p2])),
        ...[0, 1, 2, 3].map(() => submit(form([phone()], qq))),
      ]);
      const refused = racing.filter((r) => r.status === "rejected");
      expect(refused.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const references = [first, second, ...racing.map((r) => (r as PromiseFulfilledResult<typeof first>).value)].map(
        (r) => r.reference,
      );
      const rows = await client.report.findMany({ where: { reference: { in: references } }, select: { caseId: true } });
      expect(rows).toHaveLength(7);
      expect(new Set(rows.map((r) => r.caseId)).size).toBe(1);
    }
  });
});
