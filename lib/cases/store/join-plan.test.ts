import { describe, expect, it } from "vitest";
import { bridgesOf, normalisePayee, type CanonicalIdentifier } from "@/lib/matching";
import { groupNewReports, type OpenObservation } from "./join-plan";

const phone = (n: string): CanonicalIdentifier => ({ kind: "phone", value: `+86${n}`, display: n, meta: {} });
const account = (value: string, name: string, bank?: string) =>
  normalisePayee({ kind: "bank_account", value, name, bank })!;
const obs = (reportId: number, identifierId: number, ident: CanonicalIdentifier): OpenObservation => ({
  reportId,
  identifierId,
  ident,
});
const sorted = (groups: ReturnType<typeof groupNewReports>) =>
  groups
    .map((g) => ({ cases: [...g.cases].sort(), reports: [...g.reports].sort(), loose: [...g.loose].sort() }))
    .sort((a, b) => a.reports[0]! - b.reports[0]!);

describe("groupNewReports (incremental matching over the pure clusterer)", () => {
  it("keeps unrelated new reports apart and puts those sharing an identifier together", () => {
    const a = phone("17100000001");
    const b = phone("17100000002");
    expect(sorted(groupNewReports([1, 2, 3], [obs(1, 10, a), obs(2, 10, a), obs(3, 11, b)], [], []))).toEqual([
      { cases: [], reports: [1, 2], loose: [] },
      { cases: [], reports: [3], loose: [] },
    ]);
  });

  it("joins the case already holding an identifier, and merges every case a report ties together", () => {
    const a = phone("17100000001");
    const b = phone("17100000002");
    const groups = groupNewReports(
      [5],
      [obs(5, 10, a), obs(5, 11, b)],
      [
        { identifierId: 10, caseId: 7, reportId: 70 },
        { identifierId: 11, caseId: 9, reportId: 90 },
      ],
      [],
    );
    expect(sorted(groups)).toEqual([{ cases: [7, 9], reports: [5], loose: [] }]);
  });

  it("reports an existing report in no case as loose (the caller re-clusters around it)", () => {
    const a = phone("17100000001");
    expect(
      sorted(groupNewReports([5], [obs(5, 10, a)], [{ identifierId: 10, caseId: null, reportId: 44 }], [])),
    ).toEqual([{ cases: [], reports: [5], loose: [44] }]);
  });

  it("bridges a partial account to a full one only when canBridge accepts the two observations", () => {
    const full = account("6222 0212 3456 8988", "Xiao Momin", "ICBC");
    const partial = account("尾号8988", "XIAO MOMIN");
    const otherBank = account("尾号8988", "xiao momin", "CCB");
    expect(full.kind).toBe("bank_account");
    expect(partial.kind).toBe("bank_account_partial");
    // A new partial, and an existing full account in case 3 sharing the bridge key.
    const key = bridgesOf(full)[0]!.key;
    const candidate = { identifierId: 30, caseId: 3, reportId: 300, key, ident: full };
    expect(sorted(groupNewReports([1], [obs(1, 20, partial)], [], [candidate]))).toEqual([
      { cases: [3], reports: [1], loose: [] },
    ]);
    // Same key, but the victim named another bank: no bridge.
    expect(sorted(groupNewReports([1], [obs(1, 21, otherBank)], [], [candidate]))).toEqual([
      { cases: [], reports: [1], loose: [] },
    ]);
    // Both in the same batch of new reports.
    expect(sorted(groupNewReports([1, 2], [obs(1, 20, partial), obs(2, 30, full)], [], []))).toEqual([
      { cases: [], reports: [1, 2], loose: [] },
    ]);
  });

  it("compares only observations that share a bridge key (an import batch has thousands)", () => {
    // 3,000 partial accounts "尾号8988" of different holders, and the full account of one of them.
    const holder = (k: number) =>
      `Holder ${String.fromCharCode(65 + (k % 26))}${String.fromCharCode(65 + (Math.floor(k / 26) % 26))}${String.fromCharCode(65 + Math.floor(k / 676))}`;
    const observations = Array.from({ length: 3000 }, (_, k) => obs(k + 1, 10_000 + k, account("尾号8988", holder(k))));
    observations.push(obs(5000, 99_999, account("6222 0212 3456 8988", holder(7))));
    const groups = groupNewReports(
      observations.map((o) => o.reportId),
      observations,
      [],
      [],
    );
    expect(groups).toHaveLength(3000);
    expect(groups.find((g) => g.reports.includes(5000))!.reports.sort((a, b) => a - b)).toEqual([8, 5000]);
  });
});
