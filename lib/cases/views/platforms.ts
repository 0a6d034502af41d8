import "server-only";
import type { Db } from "@/lib/db/client";
import { readDb } from "@/lib/db/read-db";
import { Prisma, table } from "@/lib/db/sql";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { env } from "@/lib/env";

export interface PlatformOption {
  id: number;
  name: string;
}

/** The most options the filter lists; the search box finds any platform name. */
export const PLATFORM_OPTIONS_MAX = 300;

const P = table("Platform", "p");
const O = table("Organisation", "o");
const RP = table("ReportPlatform", "rp");

/**
 * What the board's platform filter offers. Platform rows are created by
 * whatever the public types into the report form, so the list is limited to
 * platforms staff know — curated ones and those an organisation is linked to —
 * and names typed in at least PLATFORM_FILTER_MIN_REPORTS reports (counted
 * with an index probe that stops at the threshold). The platform currently
 * filtered on is always included, so the form shows what the page shows.
 */
export async function platformFilterOptions(
  primary: Db,
  ctx: ServiceContext,
  input: { selected?: number } = {},
): Promise<PlatformOption[]> {
  assertCan(ctx.actor, "read:case:any");
  // Part of the board page: on a replica unless this user just wrote (ADR 0014).
  const db = await readDb(primary, ctx.actor.id);
  const min = env().PLATFORM_FILTER_MIN_REPORTS;
  return db.$queryRaw<PlatformOption[]>(Prisma.sql`
    SELECT ${P.id} AS id, ${P.name} AS name FROM ${P}
    WHERE ${P.curated}
       OR ${P.id} = ${input.selected ?? 0}::int
       OR EXISTS (SELECT 1 FROM ${O} WHERE ${O.platformId} = ${P.id})
       OR (SELECT count(*) FROM (SELECT 1 FROM ${RP} WHERE ${RP.platformId} = ${P.id} LIMIT ${min}::int) named) >= ${min}::int
    ORDER BY lower(${P.name}), ${P.id}
    LIMIT ${PLATFORM_OPTIONS_MAX}::int`);
}
