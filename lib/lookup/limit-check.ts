import { db } from "@/lib/db";
import { takePageLookup, type Allowance } from "./rate-limit";

/** Entry point for proxy.ts, loaded lazily so other requests never touch the database. */
export async function takePageLookupForIp(ip: string): Promise<Allowance> {
  return takePageLookup(await db(), ip);
}
