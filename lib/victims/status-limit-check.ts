import { db } from "@/lib/db";
import { isStatusSignInLimited } from "./status-auth";

/** Entry point for the gate (instrumentation.ts), loaded lazily so other requests never touch the database. */
export async function isStatusSignInLimitedFor(reference: string | null, ip: string): Promise<boolean> {
  return isStatusSignInLimited(await db(), reference, ip);
}
