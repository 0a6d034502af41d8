/**
 * Pair precision / recall of a clustering against ground truth, computed from
 * a contingency table (cluster x ring counts) in O(n): enumerating pairs would
 * be quadratic in the largest cluster.
 */

export interface PairScore {
  /** Items scored: those present in the truth. */
  items: number;
  /** Pairs placed together that belong together / all pairs placed together. */
  precision: number;
  /** Pairs placed together that belong together / all pairs that belong together. */
  recall: number;
  f1: number;
  correctPairs: number;
  predictedPairs: number;
  truePairs: number;
}

export interface PairErrors {
  /** Predicted clusters mixing several rings, worst (most wrong pairs) first. */
  falseMerges: { cluster: string; rings: Record<string, number>; wrongPairs: number }[];
  /** Rings spread over several clusters, worst (most missed pairs) first. */
  splits: { ring: string; clusters: Record<string, number>; missedPairs: number }[];
}

type Key = string | number;

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Items missing from `predicted` count as singletons. */
export function scorePairs(predicted: ReadonlyMap<string, Key>, truth: ReadonlyMap<string, Key>): PairScore {
  const { table, ringSizes } = contingency(predicted, truth);
  let correctPairs = 0;
  let predictedPairs = 0;
  for (const rings of table.values()) {
    let size = 0;
    for (const n of rings.values()) {
      correctPairs += pairs(n);
      size += n;
    }
    predictedPairs += pairs(size);
  }
  let truePairs = 0;
  for (const n of ringSizes.values()) truePairs += pairs(n);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { items: truth.size, precision, recall, f1, correctPairs, predictedPairs, truePairs };
}

export function pairErrors(predicted: ReadonlyMap<string, Key>, truth: ReadonlyMap<string, Key>): PairErrors {
  const { table } = contingency(predicted, truth);
  const byRing = new Map<string, Record<string, number>>();
  const falseMerges: PairErrors["falseMerges"] = [];
  for (const [key, rings] of table) {
    const cluster = key.slice(1);
    for (const [ring, n] of rings) (byRing.get(ring) ?? byRing.set(ring, {}).get(ring)!)[cluster] = n;
    if (rings.size > 1)
      falseMerges.push({ cluster, rings: Object.fromEntries(rings), wrongPairs: spread([...rings.values()]) });
  }
  const splits = [...byRing]
    .filter(([, clusters]) => Object.keys(clusters).length > 1)
    .map(([ring, clusters]) => ({ ring, clusters, missedPairs: spread(Object.values(clusters)) }));
  falseMerges.sort((a, b) => b.wrongPairs - a.wrongPairs || (a.cluster < b.cluster ? -1 : 1));
  splits.sort((a, b) => b.missedPairs - a.missedPairs || (a.ring < b.ring ? -1 : 1));
  return { falseMerges, splits };
}

/** Pairs across groups: all pairs of the union minus pairs inside each group. */
function spread(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  return pairs(total) - counts.reduce((a, b) => a + pairs(b), 0);
}

/** cluster -> ring -> count. Cluster keys start with "p" (predicted) or "m" (missing: a singleton). */
function contingency(predicted: ReadonlyMap<string, Key>, truth: ReadonlyMap<string, Key>) {
  const table = new Map<string, Map<string, number>>();
  const ringSizes = new Map<string, number>();
  for (const [item, ringKey] of truth) {
    const p = predicted.get(item);
    const cluster = p === undefined ? `m${item}` : `p${String(p)}`;
    const ring = String(ringKey);
    let rings = table.get(cluster);
    if (!rings) table.set(cluster, (rings = new Map()));
    rings.set(ring, (rings.get(ring) ?? 0) + 1);
    ringSizes.set(ring, (ringSizes.get(ring) ?? 0) + 1);
  }
  return { table, ringSizes };
}
