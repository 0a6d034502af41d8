import "server-only";
import type { Db } from "@/lib/db/client";
import type { ServiceContext } from "@/lib/auth/permissions";
import type { CaseGraphData } from "./graph-data";
import type { EnteredAsCount, ReadAs } from "./entered-as";
import {
  getCaseDecisions,
  getCaseGraph,
  getCaseHead,
  getCaseIdentifiers,
  getCaseReports,
  getCaseTimeline,
} from "./case-sections";

export { REPORTS_PER_PAGE } from "./case-sections";

export interface CaseReport {
  id: number;
  reference: string;
  externalId: string | null;
  source: string;
  submittedAt: Date;
  incidentDate: Date | null;
  scamType: string;
  province: string;
  /** Null when the viewer may not see victims' personal data. */
  victim: { name: string; phone: string; city: string; narrative: string } | null;
  contacts: { kind: string; value: string }[];
  payments: {
    amountMinor: bigint;
    currency: string;
    paidAt: Date | null;
    payeeKind: string;
    payeeValue: string;
    payeeName: string;
    payeeBank: string;
  }[];
  platforms: { name: string; role: string }[];
  evidence: { id: string; originalName: string; mime: string; size: number }[];
  /** Its identifiers read as another kind than the field they were typed in. */
  readAs: ReadAs[];
}

export interface CaseIdentifier {
  id: number;
  kind: string;
  display: string;
  /** Reports of the case that name it. */
  reports: number;
  /** It actually joins reports of this case. */
  linking: boolean;
  /** Why it never links: "warning-list:…", "unlinkable", "do-not-link"; null if it may. */
  blockedReason: string | null;
  /** Reports of the case that typed it under another kind ("entered as Other"); the case page loads it. */
  enteredAs?: EnteredAsCount[];
}

export interface CaseDetail {
  id: number;
  number: string;
  /** The number asked for, when it was absorbed into this case by a merge. */
  via: string | null;
  status: string;
  assignee: { id: string; label: string } | null;
  reportCount: number;
  victimCount: number;
  firstIncident: Date | null;
  lastIncident: Date | null;
  provinces: string[];
  platforms: string[];
  lossByCurrency: { currency: string; minor: bigint }[];
  /** From the organisations' answers to the case's requests (fen): frozen, and returned to victims. */
  frozenMinor: bigint;
  recoveredMinor: bigint;
  /** The case's requests still waited on after their due time. */
  overdueRequests: number;
  aliases: string[];
  reports: CaseReport[];
  reportsCursor: number | null;
  identifiers: CaseIdentifier[];
  /** How many distinct identifiers the case's reports name (the list holds the 500 most named). */
  identifierCount: number;
  /** The link graph of the first reports: every edge that holds them together (graph-data.ts). */
  graph: CaseGraphData;
  timeline: {
    at: string;
    type: "incident" | "payment" | "report" | "event";
    label: string;
    amountMinor?: string;
    currency?: string;
    reference?: string;
  }[];
  /** Investigators write victims' details into notes: only shown with read:victim-pii:any. */
  notes: { id: number; body: string; author: string | null; at: Date }[];
  notesHidden: boolean;
  decisions: {
    id: number;
    type: string;
    reason: string;
    at: Date;
    actor: string | null;
    revokedAt: Date | null;
    reportIds: number[];
    identifierId: number | null;
  }[];
  piiVisible: boolean;
}

/**
 * Everything the case page shows, loaded with what the viewer may see: victims'
 * names, phones, cities and narratives, and case notes, only with
 * read:victim-pii:any (every such view is written to the audit log); evidence
 * only with read:evidence:any. A case is found by its number or by a number it
 * absorbed; `afterReport` pages through its reports. The case page itself
 * loads these sections one by one and streams them (case-sections.ts); the
 * exports take them together.
 */
export async function getCaseDetail(
  db: Db,
  ctx: ServiceContext,
  input: { number: string; afterReport?: number },
): Promise<CaseDetail> {
  const head = await getCaseHead(db, ctx, { number: input.number });
  const key = { id: head.id, number: head.number };
  const [page, ids, decisions] = await Promise.all([
    getCaseReports(db, ctx, { case: key, afterReport: input.afterReport }),
    getCaseIdentifiers(db, ctx, { case: key }),
    getCaseDecisions(db, ctx, { case: key }),
  ]);
  const [graph, timeline] = await Promise.all([
    getCaseGraph(db, ctx, { case: key, stats: ids.stats }),
    getCaseTimeline(db, ctx, { case: key, reports: page.reports }),
  ]);
  return {
    ...head,
    ...page,
    identifiers: ids.identifiers,
    identifierCount: ids.identifierCount,
    graph,
    timeline,
    decisions,
  };
}
