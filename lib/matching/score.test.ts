import { describe, expect, it } from "vitest";
import { pairErrors, scorePairs } from "./score";
import { prng } from "./test-support/respell";

const m = (o: Record<string, string | number>) => new Map(Object.entries(o));

/** Quadratic pair enumeration, the definition the fast scorer must agree with. */
function naive(pred: Map<string, string | number>, truth: Map<string, string | number>) {
  const items = [...truth.keys()];
  let both = 0;
  let p = 0;
  let t = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as string;
      const b = items[j] as string;
      const samePred = pred.has(a) && pred.has(b) && pred.get(a) === pred.get(b);
      const sameTruth = truth.get(a) === truth.get(b);
      if (samePred) p++;
      if (sameTruth) t++;
      if (samePred && sameTruth) both++;
    }
  }
  return { correctPairs: both, predictedPairs: p, truePairs: t };
}

describe("scorePairs", () => {
  it("perfect clustering scores 1/1", () => {
    const truth = m({ a: "R1", b: "R1", c: "R2" });
    expect(scorePairs(m({ a: 1, b: 1, c: 2 }), truth)).toMatchObject({ precision: 1, recall: 1, f1: 1, truePairs: 1 });
  });

  it("counts false merges against precision and splits against recall", () => {
    const truth = m({ a: "R1", b: "R1", c: "R1", d: "R2" });
    const merged = scorePairs(m({ a: 1, b: 1, c: 1, d: 1 }), truth);
    expect(merged).toMatchObject({ correctPairs: 3, predictedPairs: 6, truePairs: 3, precision: 0.5, recall: 1 });
    const split = scorePairs(m({ a: 1, b: 1, c: 3, d: 4 }), truth);
    expect(split).toMatchObject({ correctPairs: 1, predictedPairs: 1, truePairs: 3, precision: 1 });
    expect(split.recall).toBeCloseTo(1 / 3);
  });

  it("treats missing predictions as singletons and ignores items not in the truth", () => {
    const s = scorePairs(m({ a: 1, x: 1 }), m({ a: "R", b: "R" }));
    expect(s).toMatchObject({
      items: 2,
      correctPairs: 0,
      predictedPairs: 0,
      truePairs: 1,
      precision: 1,
      recall: 0,
      f1: 0,
    });
  });

  it("does not confuse a missing prediction with a cluster of the same name", () => {
    const s = scorePairs(m({ a: "\u0001b" }), m({ a: "R", b: "R" }));
    expect(s.correctPairs).toBe(0);
  });

  it("agrees with pair enumeration on random clusterings", () => {
    const rand = prng(3);
    for (let round = 0; round < 20; round++) {
      const truth = new Map<string, string>();
      const pred = new Map<string, number>();
      for (let k = 0; k < 60; k++) {
        truth.set(`x${k}`, `R${Math.floor(rand() * 8)}`);
        if (rand() < 0.9) pred.set(`x${k}`, Math.floor(rand() * 10));
      }
      expect(scorePairs(pred, truth)).toMatchObject(naive(pred, truth));
    }
  });
});

describe("pairErrors", () => {
  it("lists false merges and splits, worst first", () => {
    const truth = m({ a: "R1", b: "R1", c: "R2", d: "R3", e: "R3", f: "R3" });
    const errors = pairErrors(m({ a: 1, b: 1, c: 1, d: 4, e: 5, f: 5 }), truth);
    expect(errors.falseMerges).toEqual([{ cluster: "1", rings: { R1: 2, R2: 1 }, wrongPairs: 2 }]);
    expect(errors.splits).toEqual([{ ring: "R3", clusters: { 4: 1, 5: 2 }, missedPairs: 2 }]);
  });
});
