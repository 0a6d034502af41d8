import "server-only";
import {
  bridgesOf,
  canBridge,
  isLinkable,
  type CanonicalIdentifier,
  type IdentifierKind,
  type MetaValue,
} from "@/lib/matching";
import { absorbCases, applyClusters, type ApplyOptions } from "./apply";
import { caseNumber } from "@/lib/vocab";
import { clusterRegion, expandRegion } from "./region";
import { addToCaseStats, mergeCaseStats } from "./stats";
import { blockChecker } from "./warning-list";
import { emptySummary, MATCH_LOCK, type MatchSummary, type Tx } from "./types";

export interface NewReport {
  reportId: number;
  identifiers: CanonicalIdentifier[];
}

const keyOf = (kind: string, value: string) => `${kind}\u0000${value}`;

/**
 * The shared global lock (a re-cluster takes it exclusively), then 64-bit locks
 * on the keys, hashed by Postgres so every client agrees, in ascending order.
 */
async function lockKeys(tx: Tx, keys: string[]) {
  await tx.$queryRawUnsafe(
    `SELECT count(l) FROM (
       SELECT 0 AS o, pg_advisory_xact_lock_shared($2::bigint)::text AS l
       UNION ALL
       SELECT 1, pg_advisory_xact_lock(h)::text FROM (SELECT DISTINCT hashtextextended(k, 7310) AS h FROM unnest($1::text[]) AS k ORDER BY 1) s
     ) locks`,
    keys,
    MATCH_LOCK,
  );
}

/**
 * Matches reports just stored (identifiers included) into cases, inside the
 * caller's transaction. Concurrent transactions that share an identifier or
 * bridge key are serialised by lockForMatching, so two reports naming the
 * same new number always end in one case.
 */
/**
 * Takes the locks matching needs, before the reports' identifiers are stored:
 * every matcher takes them at this one point and in one order, so they never
 * deadlock; a transaction that shares a key with another waits here until the
 * other commits, and then sees its rows.
 */
export async function lockForMatching(tx: Tx, reports: NewReport[], exclusive = false): Promise<void> {
  if (exclusive) {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)`, MATCH_LOCK);
    return;
  }
  await lockKeys(
    tx,
    reports.flatMap((r) =>
      r.identifiers.flatMap((i) => [`id:${i.kind}:${i.value}`, ...bridgesOf(i).map((b) => b.key)]),
    ),
  );
}

/**
 * What matching decided for new reports: either each report's case (cases
 * created and merged already; the reports themselves not yet written), or
 * that investigators' decisions are in play and the region must be re-clustered.
 */
export type MatchPlan =
  | {
      kind: "fast";
      caseOf: Map<number, number>;
      merged: Set<number>;
      created: Set<number>;
      touched: number[];
      summary: MatchSummary;
    }
  | { kind: "region"; seed: number[]; summary: MatchSummary };

/**
 * Web reports: the report and its identifiers are stored; match it now.
 * Call after lockForMatching and storeIdentifiers, in the same transaction.
 */
export async function matchNewReports(
  tx: Tx,
  reports: NewReport[],
  idOf: Map<string, number>,
  opts: ApplyOptions,
): Promise<MatchSummary> {
  const plan = await planMatch(tx, reports, idOf, opts);
  if (plan.kind === "fast" && plan.caseOf.size) {
    await tx.$executeRawUnsafe(
      `UPDATE "Report" r SET "caseId" = v.c FROM unnest($1::int[], $2::int[]) AS v(id, c) WHERE r."id" = v.id`,
      [...plan.caseOf.keys()],
      [...plan.caseOf.values()],
    );
  }
  return finishMatch(
    tx,
    plan,
    reports.map((r) => r.reportId),
    opts,
  );
}

/**
 * After the new reports (with the planned case ids) and their identifiers are
 * written: the cases' figures, or the region re-cluster.
 */
export async function finishMatch(
  tx: Tx,
  plan: MatchPlan,
  newIds: number[],
  opts: ApplyOptions,
): Promise<MatchSummary> {
  if (plan.kind === "region") {
    const check = await blockChecker(tx);
    const region = await expandRegion(tx, plan.seed, check);
    const { clusters, current } = await clusterRegion(tx, region, check);
    return applyClusters(tx, clusters, current, opts);
  }
  // Figures grow by the new reports (new cases start from zero; merged ones
  // already hold their parts' figures), so no case is reread.
  await addToCaseStats(tx, plan.touched, newIds);
  return plan.summary;
}

/**
 * Decides the cases of new reports from their identifiers (already in
 * Identifier, via upsertIdentifiers) and what is stored. The new reports need
 * not exist yet: imports plan first and then insert reports with their case.
 */
export async function planMatch(
  tx: Tx,
  reports: NewReport[],
  idOf: Map<string, number>,
  opts: ApplyOptions,
): Promise<MatchPlan> {
  if (!reports.length)
    return {
      kind: "fast",
      caseOf: new Map(),
      merged: new Set(),
      created: new Set(),
      touched: [],
      summary: emptySummary(),
    };
  const check = await blockChecker(tx);
  const newIds = reports.map((r) => r.reportId);

  // Union-find over new reports ("r<id>"), existing cases ("c<id>") and reports not yet in a case.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let p = parent.get(x) ?? x;
    if (p !== x) p = find(p);
    parent.set(x, p);
    return p;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  newIds.forEach((id) => find(`r${id}`));

  const openIds = new Map<number, string[]>(); // identifier id -> new reports naming it
  const newObs: { node: string; ident: CanonicalIdentifier; id: number }[] = [];
  for (const r of reports) {
    for (const ident of r.identifiers) {
      const id = idOf.get(keyOf(ident.kind, ident.value))!;
      if (check(id, ident, isLinkable(ident))) continue;
      openIds.set(id, [...(openIds.get(id) ?? []), `r${r.reportId}`]);
      newObs.push({ node: `r${r.reportId}`, ident, id });
    }
  }
  for (const nodes of openIds.values()) nodes.forEach((n) => union(nodes[0]!, n));
  // Bridges among the new reports themselves (a partial and a full account in one batch).
  const byKey = new Map<string, typeof newObs>();
  for (const o of newObs) for (const b of bridgesOf(o.ident)) byKey.set(b.key, [...(byKey.get(b.key) ?? []), o]);
  for (const group of byKey.values()) {
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        if (group[x]!.id !== group[y]!.id && canBridge(group[x]!.ident, group[y]!.ident))
          union(group[x]!.node, group[y]!.node);
      }
    }
  }

  const nodeOf = (caseId: number | null, reportId: number) => (caseId === null ? `r${reportId}` : `c${caseId}`);
  // One report per identifier is enough to learn its case: without decisions
  // (checked below) every report naming a linkable identifier is in one case.
  const direct = await tx.$queryRawUnsafe<{ identifierId: number; caseId: number | null; reportId: number }[]>(
    `SELECT x.id AS "identifierId", r."caseId", r."id" AS "reportId"
     FROM unnest($1::int[]) AS x(id)
     CROSS JOIN LATERAL (
       SELECT ri."reportId" FROM "ReportIdentifier" ri WHERE ri."identifierId" = x.id AND NOT (ri."reportId" = ANY($2::int[])) LIMIT 1
     ) one
     JOIN "Report" r ON r."id" = one."reportId"`,
    [...openIds.keys()],
    newIds,
  );
  for (const d of direct) union(openIds.get(d.identifierId)![0]!, nodeOf(d.caseId, d.reportId));

  const keys = [...new Set(newObs.flatMap((o) => bridgesOf(o.ident).map((b) => b.key)))];
  if (keys.length) {
    const cands = await tx.$queryRawUnsafe<
      {
        reportId: number;
        identifierId: number;
        caseId: number | null;
        kind: IdentifierKind;
        value: string;
        imeta: Record<string, MetaValue>;
        ometa: Record<string, MetaValue>;
        linkable: boolean;
      }[]
    >(
      `SELECT s."identifierId", s."meta" AS ometa, i."kind"::text AS kind, i."value", i."meta" AS imeta, i."linkable", one."reportId", r."caseId"
       FROM "BridgeSignature" s
       JOIN "Identifier" i ON i."id" = s."identifierId"
       CROSS JOIN LATERAL (
         SELECT ri."reportId" FROM "ReportIdentifier" ri WHERE ri."identifierId" = s."identifierId" AND NOT (ri."reportId" = ANY($3::int[])) LIMIT 1
       ) one
       JOIN "Report" r ON r."id" = one."reportId"
       WHERE s."key" = ANY($1::text[]) AND NOT (s."identifierId" = ANY($2::int[]))`,
      keys,
      // Reports naming the same identifier were found above; a bridge joins different ones.
      [...new Set(newObs.map((o) => o.id))],
      newIds,
    );
    for (const c of cands) {
      const ident: CanonicalIdentifier = { kind: c.kind, value: c.value, display: "", meta: c.ometa };
      if (check(c.identifierId, { ...ident, meta: c.imeta }, c.linkable)) continue;
      for (const o of newObs) if (canBridge(o.ident, ident)) union(o.node, nodeOf(c.caseId, c.reportId));
    }
  }
  const caseIds = [...new Set([...parent.keys()].filter((n) => n.startsWith("c")).map((n) => Number(n.slice(1))))];
  const loose = [...parent.keys()]
    .filter((n) => n.startsWith("r"))
    .map((n) => Number(n.slice(1)))
    .filter((id) => !newIds.includes(id));
  const decided =
    caseIds.length || loose.length
      ? await tx.$queryRawUnsafe<{ one: number }[]>(
          `SELECT 1 AS one FROM "MatchDecision" d JOIN "Report" r ON r."id" = ANY(d."reportIds")
         WHERE d."revokedAt" IS NULL AND d."type" <> 'no_link_identifier' AND (r."caseId" = ANY($1::int[]) OR r."id" = ANY($2::int[])) LIMIT 1`,
          caseIds,
          loose,
        )
      : [];
  if (decided.length || loose.length) {
    // Decisions (or reports never matched) in play: re-cluster the closed region.
    const members = caseIds.length
      ? (await tx.report.findMany({ where: { caseId: { in: caseIds } }, select: { id: true } })).map((r) => r.id)
      : [];
    return { kind: "region", seed: [...newIds, ...loose, ...members], summary: emptySummary() };
  }

  // No decisions: cases are plain connected components, so joining is enough.
  const summary = emptySummary();
  const groups = new Map<string, { cases: number[]; reports: number[] }>();
  for (const node of parent.keys()) {
    const root = find(node);
    const g = groups.get(root) ?? { cases: [], reports: [] };
    if (node.startsWith("c")) g.cases.push(Number(node.slice(1)));
    else g.reports.push(Number(node.slice(1)));
    groups.set(root, g);
  }
  const touched: number[] = [];
  const fresh = [...groups.values()].filter((g) => g.cases.length === 0);
  // New cases in one statement: an import batch creates hundreds.
  if (fresh.length) {
    // Numbers, cases and their "created" events in one statement.
    const created = await tx.$queryRawUnsafe<{ id: number }[]>(
      `WITH c AS (
         INSERT INTO "Case" ("number", "updatedAt")
         SELECT $1 || lpad(n::text, greatest(5, length(n::text)), '0'), now() FROM (SELECT nextval('case_number_seq') AS n FROM generate_series(1, $2::int)) seq
         RETURNING "id"
       ), e AS (
         INSERT INTO "CaseEvent" ("caseId", "type", "actorId", "data") SELECT "id", 'created', $3, $4::jsonb FROM c
       )
       SELECT "id" FROM c`,
      caseNumber(0).slice(0, -5),
      fresh.length,
      opts.actorId ?? null,
      JSON.stringify({ cause: opts.cause }),
    );
    fresh.forEach((g, k) => g.cases.push(created[k]!.id));
    summary.casesCreated += fresh.length;
  }
  const assignIds: number[] = [];
  const assignTo: number[] = [];
  const moves: { from: number; into: number; rootReportId: number | null }[] = [];
  const merged = new Set<number>();
  for (const g of groups.values()) {
    g.cases.sort((a, b) => a - b);
    const into = g.cases[0]!;
    for (const from of g.cases.slice(1)) moves.push({ from, into, rootReportId: null });
    if (g.cases.length > 1) merged.add(into);
    for (const r of g.reports) {
      assignIds.push(r);
      assignTo.push(into);
    }
    touched.push(into);
  }
  if (moves.length) {
    const roots = await tx.$queryRawUnsafe<{ caseId: number; first: number }[]>(
      `SELECT "caseId", min("id")::int AS first FROM "Report" WHERE "caseId" = ANY($1::int[]) GROUP BY "caseId"`,
      moves.map((m) => m.from),
    );
    const rootOf = new Map(roots.map((r) => [r.caseId, r.first]));
    moves.forEach((m) => (m.rootReportId = rootOf.get(m.from) ?? null));
    summary.reportsMoved += await tx.$executeRawUnsafe(
      `UPDATE "Report" r SET "caseId" = m.dst FROM unnest($1::int[], $2::int[]) AS m(src, dst) WHERE r."caseId" = m.src`,
      moves.map((m) => m.from),
      moves.map((m) => m.into),
    );
    await mergeCaseStats(tx, moves);
    await absorbCases(tx, moves, opts);
    summary.casesMerged += moves.length;
  }
  const created = new Set(fresh.flatMap((g) => g.cases));
  const caseOf = new Map(assignIds.map((r, k) => [r, assignTo[k]!]));
  return { kind: "fast", caseOf, merged, created, touched, summary };
}
