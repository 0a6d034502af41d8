import type { MatchGraph } from "./graph";
import type { MetaValue } from "./types";
import type { PhoneType } from "./phone";
import { strictSharedNumbers } from "./shared-mobiles";

/**
 * The over-correlation guard: numbers victims name that are not the
 * scammer's (a shop's customer service, a bank branch, an app's 400 line)
 * appear in reports of many unrelated rings and would fuse them into one
 * case. A number is *held* (stops linking) when, without it, its reports fall
 * into several separate groups, each held together by identifiers of its own.
 * A real scam number with many victims keeps linking: its victims share other
 * identifiers of the ring too, so they do not fall apart without it, or the
 * parts are single reports.
 *
 * Several shared numbers hide each other (without number A, the rings are
 * still joined through number B), so every candidate is held first and then
 * released while it ties together fewer separate groups than it needs:
 *
 * - a group is a component of the graph without the held candidates; it
 *   counts as separate when it holds two or more reports, or when one of its
 *   reports names another held candidate that reaches no other part (it may
 *   become a group once that one is released, so it is not yet evidence that
 *   this one is internal);
 * - strict numbers (mobiles, foreign numbers: what scam rings call from)
 *   only count groups that have a contact point of their own (a phone, QQ,
 *   WeChat id, link linking two of its reports), and need more of them: a
 *   ring that keeps one mobile and rotates payee accounts is one ring;
 * - a candidate whose reports lie in at most one separate group is released
 *   at once (all such together); otherwise the one with the fewest groups
 *   short of its threshold, then the passes start again. Releases only ever
 *   join groups, so a number held at the end ties ≥ threshold groups even
 *   with every released number linking.
 *
 * Pure and deterministic: the result depends on the graph, not on the order
 * reports arrived in.
 */

export interface SharedNumberOptions {
  /** Separate groups a (non-strict) number must tie together to be held. */
  minGroups: number;
  /** The same for strict numbers (mobiles, foreign numbers); groups need a contact point of their own. */
  minGroupsStrict: number;
}

export const DEFAULT_SHARED_NUMBER_OPTIONS: SharedNumberOptions = { minGroups: 2, minGroupsStrict: 3 };

export interface SharedNumberInput {
  graph: MatchGraph;
  /** Identifier index flags: never links (warning list, decisions, already held). */
  blocked?: Uint8Array;
  /** Identifier index flags: may be held (phone numbers nobody has decided on). */
  eligible: Uint8Array;
  /** Identifier index flags: strict numbers (see above). */
  strict?: Uint8Array;
  /** Identifier index flags: contact points (not payees). */
  contact?: Uint8Array;
  /** Report index flags: detached reports link nothing. */
  detached?: Uint8Array;
  /** Report index pairs investigators merged: a group across them is one group. */
  mustLink?: readonly (readonly [number, number])[];
  /**
   * Also look at mobiles (default true). Their rule needs the whole picture: on
   * a ring still arriving report by report, a mobile can look like it ties
   * separate groups that later reports join, so incremental matching leaves
   * them to the full re-cluster.
   */
  mobiles?: boolean;
  options?: Partial<SharedNumberOptions>;
}

export interface SharedNumberFinding {
  /** Identifier index. */
  identifier: number;
  /** Reports naming it (attached ones). */
  reports: number;
  /** Separate groups it ties together. */
  groups: number;
}

export function findSharedNumbers(input: SharedNumberInput): SharedNumberFinding[] {
  const { graph } = input;
  const opts = { ...DEFAULT_SHARED_NUMBER_OPTIONS, ...input.options };
  const nR = graph.reports.ids.length;
  const nI = graph.identifiers.ids.length;
  const off = graph.identifierOffsets;
  const adj = graph.identifierAdj;
  const blocked = input.blocked ?? new Uint8Array(nI);
  const detached = input.detached ?? new Uint8Array(nR);
  const strict = input.strict ?? new Uint8Array(nI);
  const contact = input.contact ?? new Uint8Array(nI);

  const reportsOf = (i: number): number[] => {
    const out: number[] = [];
    for (let p = off[i]!; p < off[i + 1]!; p++) if (!detached[adj[p]!]) out.push(adj[p]!);
    return out;
  };

  const parent = new Int32Array(nR + nI);
  for (let k = 0; k < parent.length; k++) parent[k] = k;
  const size = new Int32Array(nR + nI); // reports per root
  for (let r = 0; r < nR; r++) size[r] = 1;
  const ownContact = new Uint8Array(nR + nI);
  const pending = new Int32Array(nR + nI); // incidences of held candidates per root
  const find = (x: number): number => {
    let v = x;
    while (parent[v] !== v) {
      const up = parent[parent[v]!]!;
      parent[v] = up;
      v = up;
    }
    return v;
  };
  const union = (a: number, b: number) => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return;
    if (size[ra]! < size[rb]!) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra]! += size[rb]!;
    ownContact[ra]! |= ownContact[rb]!;
    pending[ra]! += pending[rb]!;
  };

  const held = new Set<number>();
  const members: number[][] = [];
  for (let i = 0; i < nI; i++) {
    if (blocked[i]) continue;
    const rs = reportsOf(i);
    members[i] = rs;
    if (input.eligible[i] === 1 && !strict[i] && rs.length >= 2) held.add(i);
  }
  // The graph without any candidate.
  for (let i = 0; i < nI; i++) {
    if (blocked[i] || held.has(i)) continue;
    for (const r of members[i]!) union(nR + i, r);
  }
  for (let k = 0; k < graph.bridgeA.length; k++) {
    const a = graph.bridgeA[k]!;
    const b = graph.bridgeB[k]!;
    if (blocked[a] || blocked[b] || held.has(a) || held.has(b)) continue;
    if (!members[a]!.length || !members[b]!.length) continue;
    union(nR + a, nR + b);
  }
  for (const [a, b] of input.mustLink ?? []) union(a, b);
  for (let i = 0; i < nI; i++) {
    if (!blocked[i] && !held.has(i) && contact[i] && members[i]!.length >= 2) ownContact[find(nR + i)] = 1;
  }
  for (const i of held) for (const r of members[i]!) pending[find(r)]!++;

  const rootsOf = (i: number): Map<number, number> => {
    const roots = new Map<number, number>();
    for (const r of members[i]!) {
      const root = find(r);
      roots.set(root, (roots.get(root) ?? 0) + 1);
    }
    return roots;
  };
  const groupsOf = (i: number): number => {
    const mine = rootsOf(i);
    // Held numbers named in the same reports as this one.
    const coNamed = new Set<number>();
    for (const r of members[i]!)
      for (let p = graph.reportOffsets[r]!; p < graph.reportOffsets[r + 1]!; p++) {
        const y = graph.reportAdj[p]!;
        if (y !== i && held.has(y)) coNamed.add(y);
      }
    // A held number that reaches two of its parts through its other reports
    // would join them, not make a separate group: it is no evidence either.
    const discount = new Map<number, number>();
    for (const y of coNamed) {
      const shared = [...rootsOf(y)].filter(([root]) => mine.has(root));
      if (shared.length < 2) continue;
      for (const [root, n] of shared) discount.set(root, (discount.get(root) ?? 0) + n);
    }
    const counted = new Set<number>();
    for (const [root, own] of mine) {
      const others = pending[root]! - own - (discount.get(root) ?? 0) > 0;
      if (others || size[root]! >= 2) counted.add(root);
    }
    return counted.size;
  };
  const release = (i: number) => {
    held.delete(i);
    for (const r of members[i]!) pending[find(r)]!--;
    for (const r of members[i]!) union(nR + i, r);
  };

  for (;;) {
    const counts = [...held].map((i) => ({ i, groups: groupsOf(i) }));
    // Re-checked one by one: an earlier release in this pass may have made another a bridge.
    let released = false;
    for (const c of counts) {
      if (c.groups <= 1 && groupsOf(c.i) <= 1) {
        release(c.i);
        released = true;
      }
    }
    if (released) continue;
    const short = counts
      .filter((c) => c.groups < opts.minGroups)
      .sort((a, b) => a.groups - b.groups || members[a.i]!.length - members[b.i]!.length || a.i - b.i);
    if (!short.length) break;
    release(short[0]!.i);
  }
  const found = [...held].map((i) => ({ identifier: i, reports: members[i]!.length, groups: groupsOf(i) }));
  if (input.mobiles !== false) found.push(...strictSharedNumbers(input, held, members, opts.minGroupsStrict));
  return found.sort((a, b) => a.identifier - b.identifier);
}

/** Contact points the scammer reached the victim through; the rest are payees. */
const CONTACT_KINDS = new Set(["phone", "qq", "qq_group", "wechat", "url", "email", "other"]);

/**
 * How the guard treats an identifier: only phone numbers may be held (money
 * went to the payees, so they are the scammer's or a mule's; QQ/WeChat ids and
 * links are handles the scammer made), mobiles and foreign numbers strictly.
 */
export function sharedNumberRole(ident: { kind: string; meta: Record<string, MetaValue> }): {
  eligible: boolean;
  strict: boolean;
  contact: boolean;
} {
  const phone = ident.kind === "phone";
  const type = ident.meta.type;
  return {
    eligible: phone,
    strict: phone && (type === "mobile" || type === "international"),
    contact: CONTACT_KINDS.has(ident.kind),
  };
}

/** Every phone type, for code that passes types as list positions (the full re-cluster). */
export const PHONE_TYPES = [
  "mobile",
  "landline",
  "service",
  "shared_cost",
  "toll_free",
  "sms_port",
  "international",
  "unknown",
] as const satisfies readonly PhoneType[];
