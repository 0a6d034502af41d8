/**
 * ISO 4217 currency codes, from the runtime's ICU data (maintained with
 * Node.js and the browsers; Node 20 knows 162 current codes, no test or
 * "no currency" codes such as XTS/XXX). Nothing is bundled: a browser without
 * Intl.supportedValuesOf checks only the shape and leaves the decision to the
 * server, which always has the list.
 */
let known: Set<string> | null | undefined;

function knownCodes(): Set<string> | null {
  if (known === undefined) {
    const intl = Intl as typeof Intl & { supportedValuesOf?: (key: "currency") => string[] };
    known = typeof intl.supportedValuesOf === "function" ? new Set(intl.supportedValuesOf("currency")) : null;
  }
  return known;
}

/** "CNY" → true, "ZZZ" → false. Upper case only: callers fold case first. */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const codes = knownCodes();
  return codes === null || codes.has(code);
}
