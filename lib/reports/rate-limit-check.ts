import { db } from "@/lib/db";
import { isReportLimited } from "./rate-limit";

/** Entry point for the proxy, loaded lazily so other requests never touch the database. */
export async function isReportLimitedForIp(ip: string): Promise<boolean> {
  return isReportLimited(await db(), ip);
}
