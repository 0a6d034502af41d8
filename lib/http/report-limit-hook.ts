/**
 * scripts/serve.ts must know whether an address is over the report limit
 * before it lets a report body in, but the check lives in the app (database,
 * keyed hashes). instrumentation.ts hands it over through this slot when the
 * server starts (same process; the slot is on globalThis because serve.ts and
 * the Next.js bundle load separate copies of this module).
 */
const SLOT = Symbol.for("casework.http.reportLimited");
type Check = (ip: string) => Promise<boolean>;
const g = globalThis as unknown as { [SLOT]?: Check };

export function provideReportLimitCheck(check: Check): void {
  g[SLOT] = check;
}

export function reportLimitCheck(): Check | undefined {
  return g[SLOT];
}
