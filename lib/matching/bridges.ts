import type { CanonicalIdentifier } from "./types";

/**
 * Identifier-to-identifier links ("bridges"). Two kinds:
 *
 * - Partial bank accounts: "****8988 XIAO MOMIN" bridges to each full account
 *   ending in 8988 whose payee name was XIAO MOMIN. Full accounts never
 *   bridge to each other: two accounts sharing last4 + holder are two
 *   accounts, and only a partial (which could be either) joins them.
 * - Aliases: one phone number, e-mail or QQ number used under several kinds
 *   (the scammer's mobile as WeChat id and Alipay login, 123@qq.com and QQ
 *   123) is one thing the scammer controls.
 *
 * A bridge key is what the DB layer looks up to find candidates for a new
 * identifier; canBridge then confirms each candidate.
 */

export type BridgeRole = "partial" | "full" | "alias";

export interface Bridge {
  key: string;
  role: BridgeRole;
}

export function bridgesOf(id: CanonicalIdentifier): Bridge[] {
  const out: Bridge[] = [];
  const m = id.meta;
  if (id.kind === "bank_account_partial") {
    if (m.linkable !== false && typeof m.holder === "string" && m.holder !== "")
      out.push({ key: `acct:${id.value}`, role: "partial" });
    return out;
  }
  if (id.kind === "bank_account") {
    if (typeof m.holder === "string" && m.holder !== "" && typeof m.last4 === "string") {
      out.push({ key: `acct:${m.last4}|${m.holder}`, role: "full" });
    }
    return out;
  }
  if (typeof m.phone === "string") out.push({ key: `tel:${m.phone}`, role: "alias" });
  if (typeof m.email === "string") out.push({ key: `mail:${m.email}`, role: "alias" });
  if (typeof m.qq === "string") out.push({ key: `qq:${m.qq}`, role: "alias" });
  return out;
}

/** The keys to look up for an identifier, e.g. "acct:8988|XIAOMOMIN" or "tel:+8617123456789". */
export function bridgeKeys(id: CanonicalIdentifier): string[] {
  return bridgesOf(id).map((b) => b.key);
}

function sameIdentity(a: CanonicalIdentifier, b: CanonicalIdentifier): boolean {
  return a.kind === b.kind && a.value === b.value;
}

/**
 * Whether two identifiers that share a bridge key really link. A partial that
 * shows leading digits ("6222****8988") or was reported with a bank only
 * links to full accounts consistent with them.
 */
export function canBridge(a: CanonicalIdentifier, b: CanonicalIdentifier): boolean {
  if (sameIdentity(a, b)) return false;
  const ba = bridgesOf(a);
  const bb = bridgesOf(b);
  for (const x of ba) {
    for (const y of bb) {
      if (x.key !== y.key) continue;
      if (x.role === "alias" && y.role === "alias") return true;
      if (x.role === "partial" && y.role === "full" && partialFits(a, b)) return true;
      if (x.role === "full" && y.role === "partial" && partialFits(b, a)) return true;
    }
  }
  return false;
}

function partialFits(partial: CanonicalIdentifier, full: CanonicalIdentifier): boolean {
  const prefix = partial.meta.prefix;
  if (typeof prefix === "string" && prefix !== "" && !full.value.startsWith(prefix)) return false;
  // Banks as the victims named them, not from our BIN table: the table is
  // partial, and victims' receipts are what investigators will compare.
  // Only a contradiction refuses; an unknown bank on either side does not.
  const pBank = partial.meta.statedBank;
  const fBank = full.meta.statedBank;
  return !(typeof pBank === "string" && typeof fBank === "string" && pBank !== fBank);
}

/**
 * Identifier-identifier edges among a list of identifier occurrences (the
 * same identifier may appear several times, e.g. a full account reported with
 * different payee names). Returns index pairs [i, j], i < j, into `ids`, each
 * index the first occurrence of its identifier, sorted; the pairs do not
 * depend on the order of `ids` beyond which occurrence comes first.
 */
export function deriveIdentifierEdges(ids: readonly CanonicalIdentifier[]): [number, number][] {
  const first = new Map<string, number>();
  // key -> identity -> occurrences that differ in what canBridge looks at
  // (bank, shown prefix); a full account reported 1,000 times is one entry.
  const groups = new Map<string, Map<string, Map<string, number>>>();
  ids.forEach((id, index) => {
    const identity = `${id.kind}\u0000${id.value}`;
    if (!first.has(identity)) first.set(identity, index);
    const signature = `${String(id.meta.statedBank)}|${String(id.meta.prefix)}`;
    for (const b of bridgesOf(id)) {
      let g = groups.get(b.key);
      if (!g) groups.set(b.key, (g = new Map()));
      let occurrences = g.get(identity);
      if (!occurrences) g.set(identity, (occurrences = new Map()));
      if (!occurrences.has(signature)) occurrences.set(signature, index);
    }
  });
  const edges = new Map<string, [number, number]>();
  const add = (a: string, b: string): void => {
    const i = first.get(a);
    const j = first.get(b);
    if (i === undefined || j === undefined || i === j) return;
    const pair: [number, number] = i < j ? [i, j] : [j, i];
    edges.set(`${pair[0]},${pair[1]}`, pair);
  };
  for (const group of groups.values()) {
    if (group.size < 2) continue;
    const identities = [...group.keys()].sort();
    for (let x = 0; x < identities.length; x++) {
      for (let y = x + 1; y < identities.length; y++) {
        const a = identities[x] as string;
        const b = identities[y] as string;
        const occA = [...(group.get(a)?.values() ?? [])];
        const occB = [...(group.get(b)?.values() ?? [])];
        if (occA.some((i) => occB.some((j) => canBridge(ids[i] as CanonicalIdentifier, ids[j] as CanonicalIdentifier))))
          add(a, b);
      }
    }
  }
  return [...edges.values()].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}
