import type { SharedNumberFinding, SharedNumberInput } from "./shared-numbers";

/** Work limit per mobile (graph nodes visited): a case this size is checked by the full re-cluster. */
const STRICT_VISIT_LIMIT = 500_000;

/**
 * Mobiles and foreign numbers, after the landlines: held when, without this
 * number alone (every other number linking), its reports fall into at least
 * `need` parts that each have a contact point of their own linking two of
 * their reports. Not held all together first like landlines: a big ring
 * calls from several mobiles at once, and with all of them held it would fall
 * apart into parts each of them reaches. So two shared mobiles named by the
 * same rings hide each other; shops, banks and apps answer from landlines.
 */
export function strictSharedNumbers(
  input: SharedNumberInput,
  heldLandlines: ReadonlySet<number>,
  members: number[][],
  need: number,
): SharedNumberFinding[] {
  const { graph } = input;
  const nR = graph.reports.ids.length;
  const nI = graph.identifiers.ids.length;
  const blocked = input.blocked ?? new Uint8Array(nI);
  const strict = input.strict ?? new Uint8Array(nI);
  const contact = input.contact ?? new Uint8Array(nI);
  const detached = input.detached ?? new Uint8Array(nR);
  const candidates: number[] = [];
  for (let i = 0; i < nI; i++)
    if (input.eligible[i] && strict[i] && !blocked[i] && (members[i]?.length ?? 0) >= 2) candidates.push(i);
  if (!candidates.length) return [];
  const open = (i: number) => !blocked[i] && !heldLandlines.has(i);
  // Bridges and merges as adjacency lists (few).
  const bridges = new Map<number, number[]>();
  for (let k = 0; k < graph.bridgeA.length; k++) {
    const a = graph.bridgeA[k]!;
    const b = graph.bridgeB[k]!;
    (bridges.get(a) ?? bridges.set(a, []).get(a)!).push(b);
    (bridges.get(b) ?? bridges.set(b, []).get(b)!).push(a);
  }
  const merged = new Map<number, number[]>();
  for (const [a, b] of input.mustLink ?? []) {
    (merged.get(a) ?? merged.set(a, []).get(a)!).push(b);
    (merged.get(b) ?? merged.set(b, []).get(b)!).push(a);
  }
  const seen = new Int32Array(nR + nI);
  let stamp = 0;
  const out: SharedNumberFinding[] = [];
  for (const x of candidates) {
    let withContact = 0;
    let overLimit = false;
    const base = stamp;
    for (const start of members[x]!) {
      if (seen[start]! > base) continue; // in a part already walked
      stamp++;
      let ownContact = false;
      let visits = 0;
      const stack = [start];
      seen[start] = stamp;
      while (stack.length) {
        const v = stack.pop()!;
        if (++visits > STRICT_VISIT_LIMIT) {
          overLimit = true;
          break;
        }
        if (v < nR) {
          for (let p = graph.reportOffsets[v]!; p < graph.reportOffsets[v + 1]!; p++) {
            const i = graph.reportAdj[p]!;
            if (i === x || !open(i) || seen[nR + i] === stamp) continue;
            seen[nR + i] = stamp;
            stack.push(nR + i);
          }
          for (const w of merged.get(v) ?? [])
            if (!detached[w] && seen[w] !== stamp) {
              seen[w] = stamp;
              stack.push(w);
            }
        } else {
          const i = v - nR;
          const rs = members[i] ?? [];
          if (contact[i] && rs.length >= 2) ownContact = true;
          for (const r of rs)
            if (seen[r] !== stamp) {
              seen[r] = stamp;
              stack.push(r);
            }
          for (const j of bridges.get(i) ?? [])
            if (j !== x && open(j) && (members[j]?.length ?? 0) > 0 && seen[nR + j] !== stamp) {
              seen[nR + j] = stamp;
              stack.push(nR + j);
            }
        }
      }
      if (overLimit) break;
      if (ownContact) withContact++;
    }
    if (!overLimit && withContact >= need)
      out.push({ identifier: x, reports: members[x]!.length, groups: withContact });
  }
  return out;
}
