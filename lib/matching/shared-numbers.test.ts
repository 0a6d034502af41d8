import { describe, expect, it } from "vitest";
import { buildMatchGraph } from "./graph";
import { findSharedNumbers, type SharedNumberInput } from "./shared-numbers";

/**
 * Reports as lists of identifier names; names starting "L" are landlines,
 * "M" mobiles (both phone numbers that may be held), "P" payees, "Q" QQ ids.
 */
function setup(reports: string[][], extra: Partial<SharedNumberInput> = {}) {
  const names: string[] = [];
  const idOf = new Map<string, number>();
  const er: number[] = [];
  const ei: number[] = [];
  reports.forEach((ids, r) =>
    ids.forEach((name) => {
      if (!idOf.has(name)) idOf.set(name, names.push(name) - 1);
      er.push(r);
      ei.push(idOf.get(name)!);
    }),
  );
  const graph = buildMatchGraph({ reports: Int32Array.from(reports.keys()), edges: { reports: er, identifiers: ei } });
  const flag = (test: (name: string) => boolean) =>
    Uint8Array.from(graph.identifiers.ids, (id) => (test(names[id]!) ? 1 : 0));
  const held = () =>
    findSharedNumbers({
      graph,
      eligible: flag((n) => /^[LM]/.test(n)),
      strict: flag((n) => n.startsWith("M")),
      contact: flag((n) => !n.startsWith("P")),
      ...extra,
    }).map((f) => ({ ...f, name: names[graph.identifiers.ids[f.identifier]!]! }));
  return { held, graph, names };
}

/** `size` reports of ring `k`: each names the ring's mobile and one of its payees (pairs rotate). */
function ring(k: number, size: number, extra: (i: number) => string[] = () => []): string[][] {
  return Array.from({ length: size }, (_, i) => [`M${k}`, `P${k}.${i % 3}`, ...extra(i)]);
}

describe("findSharedNumbers", () => {
  it("holds a landline that 50 reports of 6 unrelated rings all name", () => {
    const sizes = [9, 8, 8, 9, 8, 8];
    const reports = sizes.flatMap((n, k) => ring(k, n, () => ["L-jd"]));
    const found = setup(reports).held();
    expect(found.map((f) => [f.name, f.reports, f.groups])).toEqual([["L-jd", 50, 6]]);
  });

  it("keeps linking a ring of 60 sharing one mobile and rotating its own payees", () => {
    expect(setup(ring(0, 60)).held()).toEqual([]);
  });

  it("keeps linking a landline that is a ring's own number, even with rotating payees", () => {
    const reports = Array.from({ length: 60 }, (_, i) => ["L-ring", `P${i}`]);
    expect(setup(reports).held()).toEqual([]);
    // Shared payees make groups, but a landline whose groups are all one ring's payees…
    const rotating = Array.from({ length: 60 }, (_, i) => ["L-ring", `P${i % 3}`, `Q${i % 2}`]);
    expect(setup(rotating).held()).toEqual([]);
  });

  it("finds shared numbers that hide each other", () => {
    // Rings 0-3; every report names one of two shops' numbers, so without
    // either, the rings are still tied through the other.
    const reports = [0, 1, 2, 3].flatMap((k) => ring(k, 6, (i) => [i % 2 ? "L-shop" : "L-bank"]));
    expect(
      setup(reports)
        .held()
        .map((f) => f.name)
        .sort(),
    ).toEqual(["L-bank", "L-shop"]);
  });

  it("counts a part that another held number reaches as a group (rings held together only by landlines)", () => {
    const a = Array.from({ length: 5 }, (_, i) => ["L-a", `PA${i}`]);
    const b = Array.from({ length: 5 }, (_, i) => ["L-b", `PB${i}`]);
    a[0]!.push("L-shop");
    b[0]!.push("L-shop");
    expect(
      setup([...a, ...b])
        .held()
        .map((f) => f.name),
    ).toEqual(["L-shop"]);
  });

  it("needs more separate groups with contact points of their own to hold a mobile", () => {
    const withOwnNumbers = (k: number, n: number) => Array.from({ length: n }, (_, i) => [`Q${k}`, `P${k}.${i}`]);
    const two = [...withOwnNumbers(0, 4), ...withOwnNumbers(1, 4)].map((r) => [...r, "M-courier"]);
    expect(setup(two).held()).toEqual([]);
    const three = [0, 1, 2].flatMap((k) => withOwnNumbers(k, 4)).map((r) => [...r, "M-courier"]);
    expect(
      setup(three)
        .held()
        .map((f) => f.name),
    ).toEqual(["M-courier"]);
    // Incremental matching leaves mobiles to the full re-cluster.
    const { graph, names } = setup(three);
    const flag = (test: (name: string) => boolean) =>
      Uint8Array.from(graph.identifiers.ids, (id) => (test(names[id]!) ? 1 : 0));
    const input = { graph, eligible: flag((n) => n.startsWith("M")), strict: flag((n) => n.startsWith("M")) };
    expect(findSharedNumbers({ ...input, contact: flag((n) => !n.startsWith("P")), mobiles: false })).toEqual([]);
    // Groups that only share payees are one ring's rotation, not separate rings.
    const payeesOnly = [0, 1, 2].flatMap((k) => Array.from({ length: 4 }, () => [`P${k}`, "M-ring"]));
    expect(setup(payeesOnly).held()).toEqual([]);
  });

  it("respects merges, detached reports and numbers that never link", () => {
    const reports = [0, 1].flatMap((k) => ring(k, 4, () => ["L-x"]));
    const { held, graph } = setup(reports);
    expect(held().map((f) => f.name)).toEqual(["L-x"]);
    expect(setup(reports, { mustLink: [[0, 4]] }).held()).toEqual([]);
    const detached = new Uint8Array(graph.reports.ids.length);
    for (let r = 4; r < 8; r++) detached[r] = 1;
    expect(setup(reports, { detached }).held()).toEqual([]);
    const blocked = Uint8Array.from(graph.identifiers.ids, (_, i) => (i === 0 ? 1 : 0)); // M0
    expect(
      setup(reports, { blocked })
        .held()
        .map((f) => f.name),
    ).toEqual(["L-x"]);
  });

  it("does not depend on the order of reports", () => {
    const reports = [0, 1, 2, 3, 4].flatMap((k) =>
      ring(k, 5 + k, (i) => (i % 3 === 0 ? ["L-shop"] : i % 3 === 1 ? ["L-bank"] : [])),
    );
    const names = (rs: string[][]) =>
      setup(rs)
        .held()
        .map((f) => f.name)
        .sort();
    const expected = names(reports);
    expect(expected).toEqual(["L-bank", "L-shop"]);
    for (let seed = 1; seed <= 5; seed++) {
      const shuffled = [...reports].sort((a, b) => ((a.join().length * seed) % 7) - ((b.join().length * seed) % 7));
      expect(names(shuffled)).toEqual(expected);
    }
  });
});
