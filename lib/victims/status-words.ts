/**
 * Pure: turns case and request data into what the status page says (keys of
 * the "status" messages). No Next.js or Prisma imports; unit-tested beside it.
 */
export type Stage = "received" | "joined" | "investigating" | "closed";

/** A case's status as the victim hears it. A report alone in its case has only been received. */
export function stageOf(caseStatus: string | null, joined: boolean): Stage {
  if (caseStatus === "closed") return "closed";
  if (caseStatus === "investigating" || caseStatus === "referred") return "investigating";
  return joined ? "joined" : "received";
}

export const requestKinds = [
  "freeze_accounts",
  "block_numbers",
  "take_down",
  "data_leak_notice",
  "information",
] as const;
export type RequestKindWord = (typeof requestKinds)[number];
export const orgGroups = ["bank", "payment", "platform", "courier", "telecom", "internet", "hosting", "other"] as const;
export type OrgGroup = (typeof orgGroups)[number];
export const outcomes = ["frozen", "withdrawn", "not_found", "blocked", "taken_down", "provided", "declined"] as const;
export type OutcomeWord = (typeof outcomes)[number];

/** The kind of organisation, never its name. */
export function orgKindGroup(kind: string): OrgGroup {
  return (orgGroups as readonly string[]).includes(kind) ? (kind as OrgGroup) : "other";
}

export interface SentRequest {
  kind: string;
  orgKind: OrgGroup;
  /** Each item's answer, null while unanswered. */
  outcomes: (string | null)[];
}

export interface RequestLine {
  kind: RequestKindWord;
  orgKind: OrgGroup;
  /** Requests of this kind sent to this kind of organisation. */
  count: number;
  /** Answers so far, by outcome, in a fixed order; only those with a count. */
  answers: { outcome: OutcomeWord; count: number }[];
}

/** One line per (kind of request, kind of organisation), in a stable order. */
export function requestLines(sent: readonly SentRequest[]): RequestLine[] {
  const lines = new Map<string, RequestLine>();
  for (const r of sent) {
    if (!(requestKinds as readonly string[]).includes(r.kind)) continue;
    const key = `${r.kind}|${r.orgKind}`;
    const line = lines.get(key) ?? { kind: r.kind as RequestKindWord, orgKind: r.orgKind, count: 0, answers: [] };
    line.count += 1;
    for (const o of r.outcomes) {
      if (!o || !(outcomes as readonly string[]).includes(o)) continue;
      const a = line.answers.find((x) => x.outcome === o);
      if (a) a.count += 1;
      else line.answers.push({ outcome: o as OutcomeWord, count: 1 });
    }
    lines.set(key, line);
  }
  const rank = (l: RequestLine) => requestKinds.indexOf(l.kind) * 100 + orgGroups.indexOf(l.orgKind);
  return [...lines.values()]
    .map((l) => ({
      ...l,
      answers: l.answers.sort((a, b) => outcomes.indexOf(a.outcome) - outcomes.indexOf(b.outcome)),
    }))
    .sort((a, b) => rank(a) - rank(b));
}
