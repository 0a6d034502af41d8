import "server-only";
import type { LinkDecisions } from "@/lib/matching";
import { Prisma, table } from "@/lib/db/sql";
import type { Tx } from "./types";

const D = table("MatchDecision", "d");

/** Active decisions between reports (not "do not link an identifier"): the SQL condition. */
export const activeReportDecision = Prisma.sql`${D.revokedAt} IS NULL AND ${D.type} NOT IN ('no_link_identifier', 'link_identifier')`;

/** Active decisions that name any of these reports, as clusterer constraints. */
export async function loadDecisions(tx: Tx, reportIds: number[] | "all"): Promise<LinkDecisions & { all: number[] }> {
  const rows = await tx.$queryRaw<{ type: string; data: unknown }[]>(Prisma.sql`
    SELECT ${D.type}::text AS type, ${D.data} AS data FROM ${D}
    WHERE ${activeReportDecision}
      ${reportIds === "all" ? Prisma.empty : Prisma.sql`AND ${D.reportIds} && ${reportIds}::int[]`}`);
  const mustLink: [number, number][] = [];
  const cannotLink: [number, number][] = [];
  const detached: number[] = [];
  const all = new Set<number>();
  for (const { type, data } of rows) {
    const d = data as Record<string, unknown>;
    if (type === "merge_cases" || type === "no_link_reports") {
      const pair: [number, number] = [Number(d.a), Number(d.b)];
      (type === "merge_cases" ? mustLink : cannotLink).push(pair);
      pair.forEach((r) => all.add(r));
    } else if (type === "detach_report") {
      detached.push(Number(d.reportId));
      all.add(Number(d.reportId));
    } else if (type === "split_case") {
      const groups = (d.groups as number[][]).filter((g) => g.length > 0);
      for (const g of groups) {
        for (let k = 1; k < g.length; k++) mustLink.push([g[0]!, g[k]!]);
        g.forEach((r) => all.add(r));
      }
      for (let x = 0; x < groups.length; x++)
        for (let y = x + 1; y < groups.length; y++) cannotLink.push([groups[x]![0]!, groups[y]![0]!]);
    }
  }
  return { mustLink, cannotLink, detached, all: [...all] };
}
