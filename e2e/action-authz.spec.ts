/**
 * Every server action of the built app, posted raw (as a script would, not
 * through a page) by every kind of visitor. The actions come from the build's
 * own manifest (.next/server/server-reference-manifest.json), so an action
 * without a row in `actionTable` fails the test, and so does a row for an
 * action the build no longer has.
 *
 * Each row says who may use the action and prepares a request (its own data,
 * made fresh for every visitor) with, where it can, a check that the change
 * happened. Refused visitors must get a refusal (forbidden / unauthenticated)
 * and leave the database exactly as it was (see fingerprint); allowed ones
 * must not be refused, never get a 5xx, and pass the row's check.
 *
 * To cover a new action, add a row keyed "<file>#<export>" (see action-table.ts).
 */
import { Prisma, table } from "../lib/db/sql";
import type { Db } from "../lib/db/client";
import { test, expect, createUsersOfEveryRole, signIn, type Role, type TestUser } from "./staff-fixtures";
import { actionTable, type ActionContext, type Visitor } from "./action-table";
import { builtActions, isRefusal, pageUrl, postAction } from "./server-actions";

/**
 * Everything a refused action could have touched, as one hash: cases, report
 * placement, notes, events, decisions, shared numbers, the warning list,
 * case bulletins, additions to reports,
 * users, organisations, reports, liaison requests and their answers, and the
 * audit log (less what reading leaves there: sign-ins, PII views, downloads,
 * and the record of the refused attempt itself, checked separately).
 */
async function fingerprint(db: Db): Promise<string> {
  const [c, r, u, d, o, a] = [
    table("Case"),
    table("Report"),
    table("User"),
    table("MatchDecision"),
    table("Organisation"),
    table("AuditEvent"),
  ];
  const sess = table("Session");
  const sn = table("SharedNumber");
  const lr = table("LiaisonRequest");
  const li = table("LiaisonRequestItem");
  const [row] = await db.$queryRaw<{ f: string }[]>(Prisma.sql`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(concat_ws(',', ${c.id}, ${c.number}, ${c.status}, ${c.assigneeId}, ${c.reportCount}), ';' ORDER BY ${c.id}) FROM ${c}),
      (SELECT string_agg(concat_ws(',', ${r.id}, ${r.caseId}), ';' ORDER BY ${r.id}) FROM ${r}),
      (SELECT count(*) FROM ${table("CaseNote")}),
      (SELECT count(*) FROM ${table("CaseEvent")}),
      (SELECT string_agg(concat_ws(',', ${d.id}, ${d.revokedAt}), ';' ORDER BY ${d.id}) FROM ${d}),
      (SELECT string_agg(concat_ws(',', ${u.id}, ${u.role}, ${u.disabled}, ${u.passwordHash}, ${u.orgId}), ';' ORDER BY ${u.id}) FROM ${u}),
      (SELECT count(*) FROM ${o}),
      (SELECT count(*) FROM ${sess} WHERE ${sess.revokedAt} IS NOT NULL),
      (SELECT string_agg(concat_ws(',', ${sn.id}, ${sn.status}), ';' ORDER BY ${sn.id}) FROM ${sn}),
      (SELECT count(*) FROM ${table("WarningListEntry")}),
      (SELECT count(*) FROM ${table("CaseBulletin")}),
      (SELECT count(*) FROM ${table("ReportAddition")}),
      (SELECT string_agg(concat_ws(',', ${lr.number}, ${lr.status}, ${lr.acknowledgedAt}, ${lr.answeredAt}), ';' ORDER BY ${lr.number}) FROM ${lr}),
      (SELECT string_agg(concat_ws(',', ${li.id}, ${li.outcome}, ${li.frozenMinor}, ${li.answerNote}, ${li.attachmentKey}), ';' ORDER BY ${li.id}) FROM ${li}),
      (SELECT count(*) FROM ${a} WHERE ${a.action} NOT LIKE 'auth.%' AND ${a.action} NOT IN ('victim.view', 'evidence.download', 'request.view', 'request.attachment.download', 'action.denied'))
    )) AS f`);
  return row!.f;
}

/** Refused attempts the audit log holds for this user. */
async function denials(db: Db, userId: string): Promise<number> {
  const a = table("AuditEvent");
  const [row] = await db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM ${a} WHERE ${a.action} = 'action.denied' AND ${a.actorId} = ${userId}`);
  return row!.n;
}

test.describe("server actions posted raw, by every visitor", () => {
  test.setTimeout(600_000);
  let users: Record<Role, TestUser>;

  test.beforeAll(async ({ db }) => {
    users = await createUsersOfEveryRole(db);
  });

  test("the table covers exactly the actions in the build", () => {
    const built = builtActions().map((a) => a.key);
    expect(built.length).toBeGreaterThan(0);
    expect(
      built.filter((k) => !(k in actionTable)),
      "actions without a row in e2e/action-table.ts",
    ).toEqual([]);
    expect(
      Object.keys(actionTable).filter((k) => !built.includes(k)),
      "rows for actions the build does not have",
    ).toEqual([]);
  });

  for (const visitor of [
    "anonymous",
    "liaison",
    "analyst",
    "investigator",
    "admin",
  ] as const satisfies readonly Visitor[]) {
    test(`as ${visitor}`, async ({ page, request, db, baseURL }) => {
      const client = visitor === "anonymous" ? request : page.request;
      if (visitor !== "anonymous") await signIn(page, users[visitor]);
      const ctx: ActionContext = { db, users, visitor };
      // Actions that end the session go last, so the others still run signed in.
      const actions = builtActions().sort(
        (a, b) => Number(!!actionTable[a.key]?.endsSession) - Number(!!actionTable[b.key]?.endsSession),
      );
      for (const action of actions) {
        const row = actionTable[action.key];
        if (!row) continue; // reported by the coverage test
        const prepared = await row.prepare(ctx);
        const url = action.pages.map((p) => pageUrl(p, { locale: "en", ...prepared.params })).find((u) => u);
        expect(url, `${action.key}: no page to post to (params?)`).toBeTruthy();
        const allowed = row.allow.includes(visitor);
        const before = allowed ? "" : await fingerprint(db);
        const deniedBefore = allowed || visitor === "anonymous" ? 0 : await denials(db, users[visitor].id);
        const answer = await postAction(client, baseURL!, url!, action.id, row.args, prepared.fields);
        const label = `${visitor} → ${action.key} (${answer.status} ${answer.redirect})`;
        expect.soft(answer.status, `${label}: server error`).toBeLessThan(500);
        if (allowed) {
          expect.soft(isRefusal(answer), `${label}: refused although allowed`).toBe(false);
          if (prepared.check) expect.soft(await prepared.check(), `${label}: did not take effect`).toBe(true);
        } else {
          expect.soft(isRefusal(answer), `${label}: not refused`).toBe(true);
          expect.soft(await fingerprint(db), `${label}: changed the database`).toBe(before);
          if (visitor !== "anonymous")
            expect.soft(await denials(db, users[visitor].id), `${label}: refusal not audited`).toBe(deniedBefore + 1);
        }
      }
    });
  }
});
