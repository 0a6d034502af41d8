import "server-only";
import { caseNumber } from "@/lib/vocab";
import { Prisma, sequences, table } from "@/lib/db/sql";
import { emptySummary, type MatchSummary, type Tx } from "./types";
import { refreshCaseStats } from "./stats";
import { refreshRequestFigures } from "./request-figures";

const CASE = table("Case");
const REPORT = table("Report", "r");
const ALIAS = table("CaseAlias", "a");

export interface ApplyOptions {
  actorId?: string | null;
  /** Recorded on case events: "report", "import", "recluster", "decision:<id>". */
  cause: string;
}

/** `count` fresh case numbers from the sequence. */
export async function newCaseNumbers(tx: Tx, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const rows = await tx.$queryRaw<{ seq: bigint }[]>(
    Prisma.sql`SELECT nextval('${sequences.caseNumber}') AS seq FROM generate_series(1, ${count}::int)`,
  );
  return rows.map((r) => caseNumber(r.seq));
}

/**
 * Turns a clustering into case assignments with stable numbers. Each case is
 * anchored by its first report (lowest id):
 * - the cluster holding a case's anchor keeps that case; a cluster holding
 *   several anchors keeps the oldest case (lowest id) and absorbs the others —
 *   their numbers become aliases, and notes, events and requests move over;
 * - a cluster with no anchor gets a case: an absorbed number is revived when
 *   that case's first report is in the cluster (undoing a merge gives the old
 *   number back), else a new number.
 * So a split leaves the number with the part that holds the first report.
 */
export async function applyClusters(
  tx: Tx,
  clusters: number[][],
  current: Map<number, number | null>,
  opts: ApplyOptions,
): Promise<MatchSummary & { touched: number[] }> {
  const summary = emptySummary();
  const anchor = new Map<number, number>();
  for (const [r, c] of current) if (c !== null && r < (anchor.get(c) ?? Infinity)) anchor.set(c, r);
  const clusterOf = new Map<number, number>();
  clusters.forEach((members, i) => members.forEach((r) => clusterOf.set(r, i)));
  const claims = new Map<number, number[]>();
  for (const [c, r] of anchor) {
    const i = clusterOf.get(r);
    if (i !== undefined) claims.set(i, [...(claims.get(i) ?? []), c]);
  }
  const kept = new Set<number>();
  const absorbedInto = new Map<number, number>(); // absorbed case -> cluster index
  const target: (number | null)[] = clusters.map((_, i) => {
    const mine = (claims.get(i) ?? []).sort((a, b) => a - b);
    if (!mine.length) return null;
    kept.add(mine[0]!);
    for (const other of mine.slice(1)) absorbedInto.set(other, i);
    return mine[0]!;
  });
  const regionCases = [...anchor.keys()];

  const needNew = target.flatMap((t, i) => (t === null ? [i] : []));
  if (needNew.length) {
    // One array parameter: a full re-cluster's region holds every case (a list
    // of 100,000 bind parameters is more than the protocol allows).
    const revivable = regionCases.length
      ? await tx.$queryRaw<{ number: string; rootReportId: number }[]>(Prisma.sql`
          SELECT ${ALIAS.number} AS number, ${ALIAS.rootReportId} AS "rootReportId" FROM ${ALIAS}
          WHERE ${ALIAS.caseId} = ANY(${regionCases}::int[]) AND ${ALIAS.rootReportId} IS NOT NULL`)
      : [];
    const aliasByRoot = new Map(revivable.map((a) => [a.rootReportId!, a.number]));
    const numbers: string[] = [];
    const restored: boolean[] = [];
    let fresh = 0;
    for (const i of needNew) {
      const root = aliasByRoot.size ? clusters[i]!.find((r) => aliasByRoot.has(r)) : undefined;
      if (root !== undefined) {
        numbers.push(aliasByRoot.get(root)!);
        aliasByRoot.delete(root);
        restored.push(true);
      } else {
        numbers.push("");
        restored.push(false);
        fresh++;
      }
    }
    const revived = numbers.filter((n) => n !== "");
    if (revived.length) await tx.caseAlias.deleteMany({ where: { number: { in: revived } } });
    const seqs = await newCaseNumbers(tx, fresh);
    let next = 0;
    for (let k = 0; k < numbers.length; k++) if (numbers[k] === "") numbers[k] = seqs[next++]!;
    const created = await tx.$queryRaw<{ id: number; number: string }[]>(Prisma.sql`
      INSERT INTO ${CASE} (${CASE.$.number}, ${CASE.$.updatedAt}) SELECT n, now() FROM unnest(${numbers}::text[]) AS n
      RETURNING ${CASE.$.id}, ${CASE.$.number}`);
    const idOfNumber = new Map(created.map((c) => [c.number, c.id]));
    needNew.forEach((i, k) => (target[i] = idOfNumber.get(numbers[k]!)!));
    await tx.caseEvent.createMany({
      data: needNew.map((i, k) => ({
        caseId: target[i]!,
        type: restored[k] ? "restored" : "created",
        actorId: opts.actorId ?? null,
        data: { cause: opts.cause },
      })),
    });
    summary.casesCreated += needNew.length;
  }

  const changed = new Set<number>(needNew.map((i) => target[i]!));
  const moveIds: number[] = [];
  const moveTo: number[] = [];
  const destCount = new Map<number, Map<number, number>>(); // old case -> new case -> reports
  clusters.forEach((members, i) => {
    const t = target[i]!;
    for (const r of members) {
      const was = current.get(r) ?? null;
      if (was !== t) {
        moveIds.push(r);
        moveTo.push(t);
        changed.add(t);
        if (was !== null) changed.add(was);
      }
      if (was !== null) {
        const m = destCount.get(was) ?? new Map<number, number>();
        m.set(t, (m.get(t) ?? 0) + 1);
        destCount.set(was, m);
      }
    }
  });
  for (let k = 0; k < moveIds.length; k += 20_000) {
    await setReportCases(tx, moveIds.slice(k, k + 20_000), moveTo.slice(k, k + 20_000));
  }
  summary.reportsMoved = moveIds.filter((r) => current.get(r) != null).length;

  // Cases that kept their number but lost reports to others were split.
  for (const c of kept) {
    const dests = destCount.get(c);
    if (dests && [...dests.keys()].some((d) => d !== c)) {
      summary.casesSplit++;
      await tx.caseEvent.create({
        data: {
          caseId: c,
          type: "split",
          actorId: opts.actorId ?? null,
          data: { cause: opts.cause, into: [...dests.keys()].filter((d) => d !== c) },
        },
      });
    }
  }

  const absorbed = [...absorbedInto.keys()];
  await absorbCases(
    tx,
    absorbed.map((c) => ({ from: c, into: target[absorbedInto.get(c)!]!, rootReportId: anchor.get(c) ?? null })),
    opts,
  );
  summary.casesMerged += absorbed.length;

  // Only cases whose membership changed need their figures recomputed.
  const touched = [...changed].filter((c) => !absorbed.includes(c));
  await refreshCaseStats(tx, touched);
  return { ...summary, touched };
}

/**
 * Folds cases into others: each absorbed number becomes an alias (remembering
 * the case's first report so a later split can restore it), and its aliases,
 * notes, events, requests and bulletins move over. Set-based, so an import batch that
 * merges dozens of cases costs the same few statements. Reports must already
 * have been moved.
 */
export async function absorbCases(
  tx: Tx,
  moves: { from: number; into: number; rootReportId: number | null }[],
  opts: ApplyOptions,
) {
  if (!moves.length) return;
  const from = moves.map((m) => m.from);
  const into = moves.map((m) => m.into);
  const roots = moves.map((m) => m.rootReportId);
  for (const t of [
    table("CaseAlias", "t"),
    table("CaseNote", "t"),
    table("CaseEvent", "t"),
    table("LiaisonRequest", "t"),
    table("CaseBulletin", "t"),
  ]) {
    await tx.$executeRaw(Prisma.sql`
      UPDATE ${t} SET ${t.$.caseId} = m.dst FROM unnest(${from}::int[], ${into}::int[]) AS m(src, dst) WHERE ${t.caseId} = m.src`);
  }
  // The kept cases now hold the absorbed cases' requests: their frozen sums and due times change.
  await refreshRequestFigures(tx, into);
  const c = table("Case", "c");
  const alias = table("CaseAlias").$;
  const event = table("CaseEvent").$;
  // Status and assignee of the kept case win; the absorbed row goes, its number stays reachable.
  await tx.$executeRaw(Prisma.sql`
    WITH gone AS (
      DELETE FROM ${c} USING unnest(${from}::int[], ${into}::int[], ${roots}::int[]) AS m(src, dst, root)
      WHERE ${c.id} = m.src RETURNING ${c.number} AS "number", m.dst, m.root
    ), alias AS (
      INSERT INTO ${table("CaseAlias")} (${alias.number}, ${alias.caseId}, ${alias.rootReportId}) SELECT "number", dst, root FROM gone
    )
    INSERT INTO ${table("CaseEvent")} (${event.caseId}, ${event.type}, ${event.actorId}, ${event.data})
    SELECT dst, 'merged', ${opts.actorId ?? null}, jsonb_build_object('cause', ${opts.cause}::text, 'absorbed', "number") FROM gone`);
}

/** Sets reports' cases (aligned arrays), one statement. */
export async function setReportCases(tx: Tx, reportIds: number[], caseIds: number[]): Promise<void> {
  if (!reportIds.length) return;
  await tx.$executeRaw(Prisma.sql`
    UPDATE ${REPORT} SET ${REPORT.$.caseId} = v.c FROM unnest(${reportIds}::int[], ${caseIds}::int[]) AS v(id, c)
    WHERE ${REPORT.id} = v.id`);
}
