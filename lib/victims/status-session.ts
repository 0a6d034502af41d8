// Replaced by branch status: a local shim so the additions action compiles
// against the exact signature that branch exports. Take the status branch's
// file when merging. Until then nobody is signed in to a report.
import "server-only";

export interface StatusReport {
  reportId: number;
  reference: string;
}

/** The report the current request is signed in to (reference + PIN), or null. */
export async function currentStatusReport(): Promise<StatusReport | null> {
  return null;
}
