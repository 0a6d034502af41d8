/**
 * Runs a transaction again when PostgreSQL refused it for what another
 * transaction did at the same time, not for what it holds itself:
 * - 23503 foreign-key violation: matching attached a report to a case that a
 *   concurrent merge absorbed (the identifier locks cover a report's own
 *   identifiers, not every case they resolve to; see lib/cases/store/locks.ts);
 * - 40P01 deadlock, 40001 serialization failure.
 * The whole transaction is rolled back by then, so running it again is safe;
 * anything else is thrown at once.
 */
const CONFLICT_CODES = new Set(["23503", "40P01", "40001", "P2003", "P2034"]);

/** Whether an error (Prisma's, the driver adapter's or pg's) is one of the conflicts above. */
export function isConcurrencyConflict(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 4) return false;
  const o = e as Record<string, unknown>;
  for (const k of ["code", "originalCode"]) if (typeof o[k] === "string" && CONFLICT_CODES.has(o[k])) return true;
  // The adapter's raw-query errors name the SQLSTATE only in their message: "Raw query failed. Code: `23503`".
  if (typeof o.message === "string" && /Code: `(23503|40P01|40001)`/.test(o.message)) return true;
  return ["meta", "cause", "driverAdapterError"].some((k) => isConcurrencyConflict(o[k], depth + 1));
}

export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= attempts || !isConcurrencyConflict(e)) throw e;
      // A short random pause, so the transactions that met do not meet again.
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
