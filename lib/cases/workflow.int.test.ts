/** Status workflow, assignment, notes, the victim-PII gate and the re-cluster's actor, at service level. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { systemActor, type ServiceContext } from "@/lib/auth/permissions";
import { transitions } from "./workflow/transitions";
import { setStatus } from "./workflow/status";
import { assignCase, assignableStaff } from "./workflow/assignment";
import { addNote } from "./workflow/notes";
import { CaseError } from "./workflow/errors";
import { getCaseDetail } from "./views/detail";
import { reclusterAll } from "./store/recluster";
import { add, caseOf, phone, staff } from "./test-support";

afterAll(async () => (await db()).$disconnect());

let investigator: ServiceContext;
let analyst: ServiceContext;
let admin: ServiceContext;
let liaison: ServiceContext;
let number: string;

beforeAll(async () => {
  [investigator, analyst, admin, liaison] = await Promise.all([
    staff("investigator"),
    staff("analyst"),
    staff("admin"),
    staff("liaison"),
  ]);
  const x = phone();
  const [first] = await add(
    {
      contacts: [{ kind: "phone", value: x }],
      victimName: "Zhang Min",
      victimPhone: "13912345678",
      narrative: "The caller knew my order number.",
    },
    { contacts: [{ kind: "phone", value: x }], victimName: "Li Hua", narrative: "Same caller." },
  );
  number = (await caseOf(first!)).number;
});

const statusOf = async () =>
  (await (await db()).case.findUniqueOrThrow({ where: { number }, select: { status: true } })).status;

describe("status workflow", () => {
  it("moves one step at a time along the allowed transitions, recording an event and an audit row each", async () => {
    const client = await db();
    await expect(setStatus(client, investigator, { number, status: "referred" })).rejects.toEqual(
      new CaseError("invalidTransition"),
    );
    expect(await statusOf()).toBe("new");
    for (const to of ["triage", "investigating", "referred", "closed", "investigating"] as const) {
      const from = await statusOf();
      expect(transitions[from]).toContain(to);
      await setStatus(client, investigator, { number, status: to });
      expect(await statusOf()).toBe(to);
    }
    const events = await client.caseEvent.findMany({
      where: { case: { number }, type: "status" },
      select: { data: true },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => (e.data as { to: string }).to)).toEqual([
      "triage",
      "investigating",
      "referred",
      "closed",
      "investigating",
    ]);
    expect(
      await client.auditEvent.count({
        where: { action: "case.status", resourceId: number, actorId: investigator.actor.id },
      }),
    ).toBe(5);
  });

  it("is refused to analysts and liaisons, and to nonsense statuses", async () => {
    for (const ctx of [analyst, liaison])
      await expect(setStatus(await db(), ctx, { number, status: "closed" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setStatus(await db(), investigator, { number, status: "gone" as never })).rejects.toEqual(
      new CaseError("invalidChoice"),
    );
    expect(await statusOf()).toBe("investigating");
  });
});

describe("assignment", () => {
  it("assigns to active staff who can work cases, and unassigns", async () => {
    const client = await db();
    const other = await staff("investigator");
    await assignCase(client, investigator, { number, assigneeId: other.actor.id });
    expect((await client.case.findUniqueOrThrow({ where: { number }, select: { assigneeId: true } })).assigneeId).toBe(
      other.actor.id,
    );
    await assignCase(client, admin, { number, assigneeId: null });
    expect(
      (await client.case.findUniqueOrThrow({ where: { number }, select: { assigneeId: true } })).assigneeId,
    ).toBeNull();
  });

  it("refuses analysts, liaisons, disabled and unknown users as assignees", async () => {
    const client = await db();
    const disabled = await staff("investigator");
    await client.user.update({ where: { id: disabled.actor.id }, data: { disabled: true } });
    for (const assigneeId of [analyst.actor.id, liaison.actor.id, disabled.actor.id, "no-such-user"])
      await expect(assignCase(client, investigator, { number, assigneeId })).rejects.toEqual(
        new CaseError("invalidAssignee"),
      );
    const offered = (await assignableStaff(client, investigator)).map((u) => u.id);
    expect(offered).toContain(investigator.actor.id);
    expect(offered).toContain(admin.actor.id);
    expect(offered).not.toContain(analyst.actor.id);
    expect(offered).not.toContain(disabled.actor.id);
    await expect(assignCase(client, analyst, { number, assigneeId: null })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the victim-PII gate", () => {
  it("an analyst sees the case, its figures and identifiers, but no victim names, phones, narratives, notes or evidence", async () => {
    const client = await db();
    await addNote(client, investigator, { number, body: "Victim Zhang Min asked us to call back." });
    await expect(addNote(client, analyst, { number, body: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    const viewsBefore = await client.auditEvent.count({ where: { action: "victim.view", resourceId: number } });

    const seen = await getCaseDetail(client, analyst, { number });
    expect(seen).toMatchObject({ number, reportCount: 2, piiVisible: false, notesHidden: true, notes: [] });
    expect(seen.identifiers.some((i) => i.kind === "phone" && i.linking)).toBe(true);
    expect(seen.reports.every((r) => r.victim === null && r.evidence.length === 0)).toBe(true);
    const text = JSON.stringify(seen, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    for (const secret of ["Zhang Min", "13912345678", "knew my order", "call back", "Li Hua"])
      expect(text).not.toContain(secret);
    expect(await client.auditEvent.count({ where: { action: "victim.view", resourceId: number } })).toBe(viewsBefore);

    const full = await getCaseDetail(client, investigator, { number });
    expect(full.reports.map((r) => r.victim?.name).sort()).toEqual(["Li Hua", "Zhang Min"]);
    expect(full.notes.map((n) => n.body)).toEqual(["Victim Zhang Min asked us to call back."]);
    expect(await client.auditEvent.count({ where: { action: "victim.view", resourceId: number } })).toBe(
      viewsBefore + 1,
    );
  });
});

describe("re-cluster", () => {
  it("is done by an admin or a command-line tool acting as the system, never by an investigator; audited", async () => {
    const client = await db();
    await expect(reclusterAll(client, investigator)).rejects.toBeInstanceOf(ForbiddenError);
    const r = await reclusterAll(client, { actor: systemActor("npm run recluster") });
    expect(r.reports).toBeGreaterThan(0);
    const audit = await client.auditEvent.findFirstOrThrow({
      where: { action: "case.recluster" },
      orderBy: { id: "desc" },
      select: { actorId: true, detail: true },
    });
    expect(audit).toMatchObject({ actorId: null, detail: { tool: "npm run recluster" } });
  });
});
