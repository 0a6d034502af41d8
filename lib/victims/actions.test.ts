import { beforeEach, describe, expect, it, vi } from "vitest";
import { formOf } from "@/lib/actions/test-support";
import { initialAddInformationState } from "./addition-state";

// The action's collaborators: the request's headers, the status sign-in, the service.
const signedIn = vi.hoisted(() => ({ report: null as { reportId: number; reference: string } | null }));
const addToReport = vi.hoisted(() =>
  vi.fn(async (..._args: unknown[]) => ({ additionId: 1, createdAt: new Date("2026-11-29T10:00:00Z") })),
);
vi.mock("next/headers", async () => {
  const { EDGE_HEADER, edgeToken } = await import("@/lib/http/edge-mark");
  return { headers: async () => new Headers({ "x-forwarded-for": "198.51.100.8", [EDGE_HEADER]: edgeToken() }) };
});
vi.mock("./status-session", () => ({ currentStatusReport: async () => signedIn.report }));
vi.mock("./additions", () => ({ addToReport }));
vi.mock("@/lib/db", () => ({ db: async () => ({ fake: "db" }) }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));
vi.mock("@/lib/log", () => ({ log: () => undefined, logError: () => "err12345" }));

const { addInformationForm } = await import("./actions");

const fields = {
  reportId: "7",
  "contacts.0.kind": "phone",
  "contacts.0.value": "171 2345 6789",
  "payments.0.currency": "CNY",
  "payments.0.method": "bank_transfer",
  "payments.0.payeeKind": "bank_account",
};

beforeEach(() => {
  signedIn.report = null;
  addToReport.mockClear();
});

describe("addInformationForm", () => {
  it("without a status sign-in nothing runs, whatever report the form names", async () => {
    const state = await addInformationForm(initialAddInformationState, formOf(fields));
    expect(state).toMatchObject({ seq: 1, status: "error", code: "statusSignedOut" });
    expect(addToReport).not.toHaveBeenCalled();
  });

  it("adds to the report the visitor is signed in to, never the one a form field names", async () => {
    signedIn.report = { reportId: 42, reference: "R-2026-000042" };
    const state = await addInformationForm(initialAddInformationState, formOf(fields));
    expect(state).toEqual({ seq: 1, status: "added", addedAt: "2026-11-29T10:00:00.000Z" });
    expect(addToReport).toHaveBeenCalledTimes(1);
    const [, ctx, input] = addToReport.mock.calls[0]! as [unknown, unknown, { reportId: number; input: unknown }];
    expect(ctx).toEqual({ actor: null, ip: "198.51.100.8" });
    expect(input.reportId).toBe(42);
    expect(input.input).toEqual({ contacts: [{ kind: "phone", value: "171 2345 6789" }], payments: [], platforms: [] });
  });

  it("a call without a form is a bad request", async () => {
    const state = await addInformationForm(initialAddInformationState, "x" as unknown as FormData);
    expect(state).toMatchObject({ status: "error", code: "badRequest" });
    expect(addToReport).not.toHaveBeenCalled();
  });
});
