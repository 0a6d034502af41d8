import "server-only";
import {
  bridgesOf,
  isLinkable,
  sharedNumberRole,
  type CanonicalIdentifier,
  type IdentifierKind,
  type MetaValue,
} from "@/lib/matching";
import { caseNumber } from "@/lib/vocab";
import { Prisma, sequences, table } from "@/lib/db/sql";
import { absorbCases, applyClusters, setReportCases, type ApplyOptions } from "./apply";
import { identifierKey } from "./identifiers";
import { groupNewReports, type BridgeCandidate, type Holder, type JoinGroup, type OpenObservation } from "./join-plan";
import { clusterRegion, reclusterRegion } from "./region";
import { casesBehind, casesToGuard, markGuarded, recordHolds } from "./shared-numbers";
import { lockAllMatching } from "./locks";
import { activeReportDecision } from "./decisions-load";
import { addToCaseStats, mergeCaseStats } from "./stats";
import { blockChecker, type BlockCheck } from "./warning-list";
import { addSummary, emptySummary, type MatchSummary, type Tx } from "./types";

export interface NewReport {
  reportId: number;
  identifiers: CanonicalIdentifier[];
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
      touched: number[];
      /** Cases that absorbed others, and cases a new report naming a landline-like number joined: the guard looks at these (ADR 0011). */
      merged: number[];
      named: number[];
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
  opts: ApplyOptions & { lockCases?: boolean },
): Promise<MatchSummary> {
  const plan = await planMatch(tx, reports, idOf, opts);
  if (plan.kind === "fast") await setReportCases(tx, [...plan.caseOf.keys()], [...plan.caseOf.values()]);
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
    const { touched: _, ...summary } = await reclusterRegion(tx, plan.seed, opts);
    return summary;
  }
  // Figures grow by the new reports (new cases start from zero; merged ones
  // already hold their parts' figures), so no case is reread.
  await addToCaseStats(tx, plan.touched, newIds);
  // A merge a new report naming a landline-like number made is what fuses
  // rings: looked at however big the case. Any other merge is looked at as a
  // join is (big cases each time they grow by a tenth): rereading a case of
  // thousands of reports on every merge made submissions wait on it.
  const named = new Set(plan.named);
  const always = plan.merged.filter((c) => named.has(c));
  return addSummary(plan.summary, await guardCases(tx, [...plan.named, ...plan.merged], opts, always));
}

/**
 * The over-correlation guard on cases reports just joined (ADR 0011): a case
 * is a closed region, so it is re-clustered on its own; only when the guard
 * holds a number are the cases rewritten (split, numbers kept by the part
 * with the first report).
 */
export async function guardCases(
  tx: Tx,
  caseIds: number[],
  opts: ApplyOptions,
  always: number[] = [],
): Promise<MatchSummary> {
  const cases = await casesToGuard(tx, [...new Set(caseIds)], always);
  if (!cases.length) return emptySummary();
  const members = await tx.report.findMany({
    where: { caseId: { in: cases.map((c) => c.caseId) } },
    select: { id: true },
  });
  const { clusters, current, held } = await clusterRegion(
    tx,
    members.map((m) => m.id),
  );
  await markGuarded(tx, cases);
  if (!held.length) return emptySummary();
  await recordHolds(tx, held);
  const { touched: _, ...summary } = await applyClusters(tx, clusters, current, {
    ...opts,
    cause: `shared-number:${held.map((h) => h.identifierId).join(",")}`,
  });
  return summary;
}

/**
 * Decides the cases of new reports from their identifiers (already in
 * Identifier, via upsertIdentifiers) and stores the cases this needs. The new
 * reports need not exist yet: imports plan first and then insert reports with
 * their case.
 */
export async function planMatch(
  tx: Tx,
  reports: NewReport[],
  idOf: Map<string, number>,
  opts: ApplyOptions & { lockCases?: boolean },
): Promise<MatchPlan> {
  if (!reports.length)
    return { kind: "fast", caseOf: new Map(), touched: [], merged: [], named: [], summary: emptySummary() };
  const check = await blockChecker(tx);
  const newIds = reports.map((r) => r.reportId);
  const observations = openObservations(reports, idOf, check);
  const read = async () => ({
    holders: await holdersOf(tx, observations, newIds),
    candidates: await bridgeCandidates(tx, observations, newIds, check),
  });
  const { holders, candidates } = opts.lockCases ? await withCasesLocked(tx, read) : await read();
  const groups = groupNewReports(newIds, observations, holders, candidates);
  if (await decisionsInPlay(tx, groups))
    return { kind: "region", seed: await regionSeed(tx, groups), summary: emptySummary() };
  const plan = await joinGroups(tx, groups, opts);
  if (plan.kind === "fast") {
    // Incremental matching holds only landlines and the like (mobiles are left to
    // the full re-cluster): a case needs a look when a merge made it, or a new
    // report naming such a number joined it. Decided here, from what the new
    // reports name, so nearly every case a batch touches is spared a load.
    const naming = new Set(
      observations
        .filter((o) => {
          const role = sharedNumberRole(o.ident);
          return role.eligible && !role.strict;
        })
        .map((o) => o.reportId),
    );
    plan.named = [...new Set([...naming].map((r) => plan.caseOf.get(r)!))];
  }
  return plan;
}

/**
 * The identifier locks (lockForMatching) keep two reports naming the same
 * identifier apart, but not two reports that reach one case through different
 * identifiers: one may merge that case away while the other attaches to it.
 * So a submission also locks the cases its identifiers are in, in ascending
 * order, and reads again until no case it has not locked turns up (a merge
 * that committed meanwhile moved them). The global lock makes this needless
 * for imports and re-clusters, which run alone.
 */
async function withCasesLocked<
  T extends { holders: { caseId: number | null }[]; candidates: { caseId: number | null }[] },
>(tx: Tx, read: () => Promise<T>): Promise<T> {
  const locked = new Set<number>();
  for (let round = 0; ; round++) {
    const seen = await read();
    const fresh = [...new Set([...seen.holders, ...seen.candidates].map((h) => h.caseId))]
      .filter((id): id is number => id !== null && !locked.has(id))
      .sort((a, b) => a - b);
    if (!fresh.length) return seen;
    // A case that turned up only after others were locked may be taken out of
    // order; PostgreSQL then ends a deadlock and the caller runs the
    // transaction again (lib/db/retry.ts).
    if (round >= 8) throw Object.assign(new Error("cases kept moving while matching"), { code: "40001" });
    await tx.$queryRaw(Prisma.sql`
      SELECT count(l) FROM (
        SELECT pg_advisory_xact_lock(hashtextextended('case:' || c::text, 7310))::text AS l
        FROM unnest(${fresh}::int[]) AS c ORDER BY c
      ) locks`);
    for (const id of fresh) locked.add(id);
  }
}

/** Step 1: what the new reports name that may link (warning-listed, unlinkable and do-not-link left out). */
function openObservations(reports: NewReport[], idOf: Map<string, number>, check: BlockCheck): OpenObservation[] {
  return reports.flatMap((r) =>
    r.identifiers.flatMap((ident) => {
      const identifierId = idOf.get(identifierKey(ident.kind, ident.value))!;
      return check(identifierId, ident, isLinkable(ident)) ? [] : [{ reportId: r.reportId, identifierId, ident }];
    }),
  );
}

const RI = table("ReportIdentifier", "ri");
const R = table("Report", "r");
const S = table("BridgeSignature", "s");
const I = table("Identifier", "i");

/** One existing report (other than the new ones), and its case, per identifier. */
const oneHolder = (identifierId: Prisma.Sql, newIds: number[]) => Prisma.sql`
  CROSS JOIN LATERAL (
    SELECT ${RI.reportId} AS "reportId" FROM ${RI}
    WHERE ${RI.identifierId} = ${identifierId} AND NOT (${RI.reportId} = ANY(${newIds}::int[])) LIMIT 1
  ) one
  JOIN ${R} ON ${R.id} = one."reportId"`;

/**
 * Step 2: where the identifiers already are. One report per identifier is
 * enough to learn its case: without decisions (checked in step 5) every
 * report naming a linkable identifier is in one case.
 */
async function holdersOf(tx: Tx, observations: OpenObservation[], newIds: number[]): Promise<Holder[]> {
  const ids = [...new Set(observations.map((o) => o.identifierId))];
  if (!ids.length) return [];
  return tx.$queryRaw<Holder[]>(Prisma.sql`
    SELECT x.id AS "identifierId", ${R.caseId} AS "caseId", ${R.id} AS "reportId"
    FROM unnest(${ids}::int[]) AS x(id)
    ${oneHolder(Prisma.sql`x.id`, newIds)}`);
}

/** Step 3: other identifiers sharing a bridge key with what the new reports name, with a holder each. */
async function bridgeCandidates(
  tx: Tx,
  observations: OpenObservation[],
  newIds: number[],
  check: BlockCheck,
): Promise<BridgeCandidate[]> {
  const keys = [...new Set(observations.flatMap((o) => bridgesOf(o.ident).map((b) => b.key)))];
  if (!keys.length) return [];
  const rows = await tx.$queryRaw<
    {
      identifierId: number;
      kind: IdentifierKind;
      value: string;
      imeta: Record<string, MetaValue>;
      ometa: Record<string, MetaValue>;
      linkable: boolean;
      caseId: number | null;
      reportId: number;
      key: string;
    }[]
  >(Prisma.sql`
    SELECT ${S.identifierId} AS "identifierId", ${S.key} AS key, ${S.meta} AS ometa, ${I.kind}::text AS kind, ${I.value} AS value,
           ${I.meta} AS imeta, ${I.linkable} AS linkable, one."reportId", ${R.caseId} AS "caseId"
    FROM ${S}
    JOIN ${I} ON ${I.id} = ${S.identifierId}
    ${oneHolder(S.identifierId, newIds)}
    WHERE ${S.key} = ANY(${keys}::text[])
      -- Reports naming the same identifier were found in step 2; a bridge joins different ones.
      AND NOT (${S.identifierId} = ANY(${[...new Set(observations.map((o) => o.identifierId))]}::int[]))`);
  return rows.flatMap((c) =>
    check(c.identifierId, { kind: c.kind, value: c.value, display: "", meta: c.imeta }, c.linkable)
      ? []
      : [
          {
            identifierId: c.identifierId,
            caseId: c.caseId,
            reportId: c.reportId,
            key: c.key,
            ident: { kind: c.kind, value: c.value, display: "", meta: c.ometa },
          },
        ],
  );
}

/**
 * Step 5: joining is only right when the cases are plain connected
 * components: no investigator's decision names their reports, and no
 * existing report sits outside every case. Otherwise the region is re-clustered.
 */
async function decisionsInPlay(tx: Tx, groups: JoinGroup[]): Promise<boolean> {
  const caseIds = groups.flatMap((g) => g.cases);
  if (groups.some((g) => g.loose.length)) return true;
  if (!caseIds.length) return false;
  const D = table("MatchDecision", "d");
  const found = await tx.$queryRaw<{ one: number }[]>(Prisma.sql`
    SELECT 1 AS one FROM ${D} JOIN ${R} ON ${R.id} = ANY(${D.reportIds})
    WHERE ${activeReportDecision} AND ${R.caseId} = ANY(${caseIds}::int[]) LIMIT 1`);
  return found.length > 0;
}

/** The seed of the region re-cluster: new reports, loose ones, and every report of the cases involved. */
async function regionSeed(tx: Tx, groups: JoinGroup[]): Promise<number[]> {
  const caseIds = groups.flatMap((g) => g.cases);
  const members = caseIds.length
    ? (await tx.report.findMany({ where: { caseId: { in: caseIds } }, select: { id: true } })).map((r) => r.id)
    : [];
  return [...groups.flatMap((g) => [...g.reports, ...g.loose]), ...members];
}

/** Step 6: a new case for each group without one, the oldest case for the others (absorbing the rest). */
async function joinGroups(tx: Tx, groups: JoinGroup[], opts: ApplyOptions): Promise<MatchPlan> {
  const summary = emptySummary();
  const fresh = groups.filter((g) => g.cases.length === 0);
  const created = await createCases(tx, fresh.length, opts);
  fresh.forEach((g, k) => g.cases.push(created[k]!));
  summary.casesCreated += fresh.length;

  const caseOf = new Map<number, number>();
  const moves: { from: number; into: number; rootReportId: number | null }[] = [];
  const touched: number[] = [];
  for (const g of groups) {
    const [into, ...absorbed] = [...g.cases].sort((a, b) => a - b);
    for (const from of absorbed) moves.push({ from, into: into!, rootReportId: null });
    for (const r of g.reports) caseOf.set(r, into!);
    touched.push(into!);
  }
  if (moves.length) {
    summary.reportsMoved += await mergeInto(tx, moves);
    await mergeCaseStats(tx, moves);
    await absorbCases(tx, moves, opts);
    summary.casesMerged += moves.length;
  }
  return { kind: "fast", caseOf, touched, merged: [...new Set(moves.map((m) => m.into))], named: [], summary };
}

/** Cases, their numbers and their "created" events in one statement: an import batch creates hundreds. */
async function createCases(tx: Tx, count: number, opts: ApplyOptions): Promise<number[]> {
  if (!count) return [];
  const C = table("Case");
  const E = table("CaseEvent").$;
  const prefix = caseNumber(0).slice(0, -5); // "C-2026-": the sequence supplies the rest, as caseNumber would
  const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH c AS (
      INSERT INTO ${C} (${C.$.number}, ${C.$.updatedAt})
      SELECT ${prefix} || lpad(n::text, greatest(5, length(n::text)), '0'), now()
      FROM (SELECT nextval('${sequences.caseNumber}') AS n FROM generate_series(1, ${count}::int)) seq
      RETURNING ${C.$.id} AS id
    ), e AS (
      INSERT INTO ${table("CaseEvent")} (${E.caseId}, ${E.type}, ${E.actorId}, ${E.data})
      SELECT id, 'created', ${opts.actorId ?? null}, ${JSON.stringify({ cause: opts.cause })}::jsonb FROM c
    )
    SELECT id FROM c`);
  return rows.map((r) => r.id);
}

/** Moves every report of the absorbed cases into the kept ones; remembers each absorbed case's first report. */
async function mergeInto(
  tx: Tx,
  moves: { from: number; into: number; rootReportId: number | null }[],
): Promise<number> {
  const from = moves.map((m) => m.from);
  const roots = await tx.$queryRaw<{ caseId: number; first: number }[]>(Prisma.sql`
    SELECT ${R.caseId} AS "caseId", min(${R.id})::int AS first FROM ${R} WHERE ${R.caseId} = ANY(${from}::int[]) GROUP BY ${R.caseId}`);
  const rootOf = new Map(roots.map((r) => [r.caseId, r.first]));
  moves.forEach((m) => (m.rootReportId = rootOf.get(m.from) ?? null));
  return tx.$executeRaw(Prisma.sql`
    UPDATE ${R} SET ${R.$.caseId} = m.dst FROM unnest(${from}::int[], ${moves.map((m) => m.into)}::int[]) AS m(src, dst)
    WHERE ${R.caseId} = m.src`);
}

/**
 * Big cases the guard skipped while they grew (it looks at them each time they
 * grow by a tenth): an import calls this at its end, so what it fused is
 * found before anyone works the cases. Takes the global matching lock.
 */
export async function guardCasesBehind(tx: Tx, opts: ApplyOptions): Promise<MatchSummary> {
  await lockAllMatching(tx);
  const ids = await casesBehind(tx);
  return ids.length ? guardCases(tx, ids, opts, ids) : emptySummary();
}
