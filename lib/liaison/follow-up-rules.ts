/**
 * When to suggest a follow-up freeze request (pure). The ring moves money to a
 * new account when the first one is frozen: a new report names an account at
 * the same bank. For each organisation with a freeze request of the case still
 * in play (sent, acknowledged or answered — not a draft, not closed), the
 * case's account identifiers routed to that organisation that no request of
 * the case to it names yet (drafts and closed ones included, so a suggestion
 * goes away once acted on) are suggested as one follow-up of the most
 * recently sent of those requests.
 */
import { identifierKindsByRequest, type RequestKind, type RequestStatus } from "./shared";

export interface FollowUpRequest {
  number: string;
  orgId: string;
  kind: RequestKind;
  status: RequestStatus;
  sentAt: Date | null;
  identifierIds: number[];
}

export interface FollowUpRoute {
  identifierId: number;
  kind: string;
  orgId: string | null;
}

export interface FollowUpSuggestion {
  /** The request it follows up (its number). */
  followUpOf: string;
  orgId: string;
  identifierIds: number[];
}

const inPlay: readonly RequestStatus[] = ["sent", "acknowledged", "answered"];
const accountKinds = new Set(identifierKindsByRequest.freeze_accounts);

export function suggestFollowUps(
  requests: readonly FollowUpRequest[],
  routes: readonly FollowUpRoute[],
): FollowUpSuggestion[] {
  const latest = new Map<string, FollowUpRequest>();
  for (const r of requests) {
    if (r.kind !== "freeze_accounts" || !inPlay.includes(r.status)) continue;
    const seen = latest.get(r.orgId);
    if (!seen || (r.sentAt?.getTime() ?? 0) > (seen.sentAt?.getTime() ?? 0)) latest.set(r.orgId, r);
  }
  const out: FollowUpSuggestion[] = [];
  for (const [orgId, request] of latest) {
    const asked = new Set(requests.filter((r) => r.orgId === orgId).flatMap((r) => r.identifierIds));
    const identifierIds = routes
      .filter((x) => x.orgId === orgId && accountKinds.has(x.kind) && !asked.has(x.identifierId))
      .map((x) => x.identifierId);
    if (identifierIds.length) out.push({ followUpOf: request.number, orgId, identifierIds });
  }
  return out.sort((a, b) => a.followUpOf.localeCompare(b.followUpOf));
}
