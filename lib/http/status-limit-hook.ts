/**
 * scripts/serve.ts answers a status sign-in (reference + PIN) from a reference
 * or an address over its wrong-PIN limit with the 429 page, but the counts
 * live in the app (database, keyed hashes). instrumentation.ts hands the check
 * over through this slot when the server starts, like report-limit-hook.ts
 * (same process; on globalThis because serve.ts and the Next.js bundle load
 * separate copies of this module).
 *
 * `reference` is null when only the address is asked about (before the body
 * has arrived). The check never tells whether a reference exists: an unknown
 * reference has its own count like any other.
 */
const SLOT = Symbol.for("casework.http.statusLimited");
export type StatusLimitCheck = (reference: string | null, ip: string) => Promise<boolean>;
const g = globalThis as unknown as { [SLOT]?: StatusLimitCheck };

export function provideStatusLimitCheck(check: StatusLimitCheck): void {
  g[SLOT] = check;
}

export function statusLimitCheck(): StatusLimitCheck | undefined {
  return g[SLOT];
}
