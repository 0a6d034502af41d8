import { describe, expect, it } from "vitest";
import { suggestFollowUps, type FollowUpRequest, type FollowUpRoute } from "./follow-up-rules";

const at = (h: number) => new Date(Date.UTC(2026, 5, 1, h));
const freeze = (over: Partial<FollowUpRequest>): FollowUpRequest => ({
  number: "Q-2026-000001",
  orgId: "bank",
  kind: "freeze_accounts",
  status: "sent",
  sentAt: at(1),
  identifierIds: [1],
  ...over,
});
const account = (identifierId: number, orgId: string | null = "bank", kind = "bank_account"): FollowUpRoute => ({
  identifierId,
  kind,
  orgId,
});

describe("follow-up suggestions", () => {
  it("a new account at the bank of an open freeze request is suggested as its follow-up", () => {
    expect(suggestFollowUps([freeze({})], [account(1), account(2)])).toEqual([
      { followUpOf: "Q-2026-000001", orgId: "bank", identifierIds: [2] },
    ]);
  });

  it("acknowledged and answered requests count; drafts and closed ones do not", () => {
    for (const status of ["acknowledged", "answered"] as const)
      expect(suggestFollowUps([freeze({ status })], [account(2)])).toHaveLength(1);
    for (const status of ["draft", "closed"] as const)
      expect(suggestFollowUps([freeze({ status })], [account(2)])).toEqual([]);
  });

  it("only freeze requests, only accounts, only the same organisation", () => {
    expect(suggestFollowUps([freeze({ kind: "information" })], [account(2)])).toEqual([]);
    expect(suggestFollowUps([freeze({})], [account(2, "bank", "phone")])).toEqual([]);
    expect(suggestFollowUps([freeze({})], [account(2, "other-bank"), account(3, null)])).toEqual([]);
    expect(suggestFollowUps([freeze({})], [account(2, "bank", "alipay")])[0]!.identifierIds).toEqual([2]);
  });

  it("an account already in any request of the case to that organisation (a draft too) is not suggested", () => {
    const draft = freeze({ number: "Q-2026-000002", status: "draft", identifierIds: [2] });
    expect(suggestFollowUps([freeze({}), draft], [account(2), account(3)])).toEqual([
      { followUpOf: "Q-2026-000001", orgId: "bank", identifierIds: [3] },
    ]);
  });

  it("one suggestion per organisation, following the request sent last", () => {
    const later = freeze({ number: "Q-2026-000009", sentAt: at(5), identifierIds: [4] });
    expect(suggestFollowUps([freeze({}), later], [account(2)])).toEqual([
      { followUpOf: "Q-2026-000009", orgId: "bank", identifierIds: [2] },
    ]);
  });
});
