/**
 * Authorization table: every staff page and API, requested as each kind of
 * visitor. Expected answers:
 *   anonymous      → pages: redirect to /{locale}/login?next=…; APIs: 401
 *   role not in `allow` → 403 (a liaison may also get 404)
 *   role in `allow`     → 200
 * To cover a new route, append a row. `path` may be a function when the URL
 * needs a record: it gets the database and users of each role, and may create
 * what it needs (e.g. a case) and return its URL.
 */
import { randomInt } from "node:crypto";
import { importRing, someEvidence } from "./case-data";
import { answerWithAttachment, sentFreezeRequest } from "./liaison-data";
import type { APIRequestContext } from "@playwright/test";
import type { Db } from "../lib/db/client";
import { actions, formAlert, formKey, postAction, type ActionRef } from "./form-actions";
import {
  test,
  expect,
  createUser,
  createUsersOfEveryRole,
  messages,
  signIn,
  uniqueSuffix,
  type Role,
  type TestUser,
} from "./staff-fixtures";

export interface AuthzContext {
  db: Db;
  users: Record<Role, TestUser>;
}

export interface AuthzRow {
  /** Shown in failures. */
  name: string;
  kind: "page" | "api";
  method?: "GET" | "HEAD";
  path: string | ((ctx: AuthzContext) => string | Promise<string>);
  /** Roles that get 200. */
  allow: readonly Role[];
  /** A record that does not exist: staff get 404 (after the permission check). */
  absent?: boolean;
}

const STAFF = ["admin", "investigator"] as const;

/** A request sent to the liaison's organisation, and one sent to an organisation of nobody here. */
const ownRequest = ({ db, users }: AuthzContext) =>
  sentFreezeRequest(db, { orgId: users.liaison.orgId!, investigatorId: users.investigator.id });
const othersRequest = async ({ db, users }: AuthzContext) => {
  const org = await db.organisation.create({ data: { name: `E2E Bank ${uniqueSuffix()}`, kind: "bank" } });
  return sentFreezeRequest(db, { orgId: org.id, investigatorId: users.investigator.id });
};
async function attachmentUrl({ db }: AuthzContext, r: { number: string; itemIds: number[] }) {
  await answerWithAttachment(db, r.itemIds[0]!);
  return `/api/liaison/requests/${r.number}/attachments/${r.itemIds[0]}`;
}
/** Staff who read cases: analysts too (without victims' details, evidence or exports). */
const READERS = ["admin", "investigator", "analyst"] as const;

export const authzTable: AuthzRow[] = [
  { name: "staff home", kind: "page", path: "/en/staff", allow: READERS },
  { name: "staff home (zh-CN)", kind: "page", path: "/zh-CN/staff", allow: READERS },
  { name: "users", kind: "page", path: "/en/staff/admin/users", allow: ["admin"] },
  {
    name: "user detail",
    kind: "page",
    path: ({ users }) => `/en/staff/admin/users/${users.investigator.id}`,
    allow: ["admin"],
  },
  {
    name: "organisation detail",
    kind: "page",
    path: async ({ db }) =>
      `/zh-CN/staff/admin/organisations/${
        (
          await db.organisation.create({
            data: { name: `Authz Org ${uniqueSuffix()}`, kind: "bank", routeKeys: ["bank:ICBC"] },
            select: { id: true },
          })
        ).id
      }`,
    allow: ["admin"],
  },
  {
    name: "organisation detail, none such",
    kind: "page",
    path: "/en/staff/admin/organisations/0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d",
    allow: ["admin"],
    absent: true,
  },
  { name: "audit log", kind: "page", path: "/en/staff/admin/audit", allow: ["admin"] },
  { name: "lookup API keys", kind: "page", path: "/en/staff/admin/api-keys", allow: ["admin"] },
  { name: "audit log, filtered", kind: "page", path: "/zh-CN/staff/admin/audit?action=auth.", allow: ["admin"] },
  { name: "audit export CSV", kind: "api", path: "/api/audit/export?format=csv", allow: ["admin"] },
  { name: "audit export JSONL", kind: "api", path: "/api/audit/export?format=jsonl&action=user.", allow: ["admin"] },
  { name: "liaison portal", kind: "page", path: "/en/portal", allow: ["liaison"] },
  {
    name: "liaison inbox, filtered (zh-CN)",
    kind: "page",
    path: "/zh-CN/portal?status=open&overdue=1&kind=freeze_accounts",
    allow: ["liaison"],
  },
  {
    name: "liaison request page",
    kind: "page",
    path: async (ctx) => `/en/portal/requests/${(await ownRequest(ctx)).number}`,
    allow: ["liaison"],
  },
  {
    name: "another organisation's request page",
    kind: "page",
    path: async (ctx) => `/en/portal/requests/${(await othersRequest(ctx)).number}`,
    allow: [],
  },
  { name: "malformed request number", kind: "page", path: "/en/portal/requests/C-2026-00001", allow: [] },
  {
    name: "answer attachment",
    kind: "api",
    path: async (ctx) => attachmentUrl(ctx, await ownRequest(ctx)),
    allow: ["liaison", "investigator", "admin"],
  },
  {
    name: "another organisation's answer attachment",
    kind: "api",
    path: async (ctx) => attachmentUrl(ctx, await othersRequest(ctx)),
    allow: ["investigator", "admin"],
  },
  { name: "cases board", kind: "page", path: "/en/staff/cases", allow: READERS },
  {
    name: "cases board, filtered and searched",
    kind: "page",
    path: "/zh-CN/staff/cases?status=new&sort=loss&q=95311",
    allow: READERS,
  },
  {
    name: "case detail",
    kind: "page",
    path: async ({ db }) => `/en/staff/cases/${(await importRing(db, 2)).caseNumber}`,
    allow: READERS,
  },
  {
    name: "case detail, why linked",
    kind: "page",
    path: async ({ db }) => {
      const ring = await importRing(db, 2);
      const r = await db.report.findUniqueOrThrow({
        where: { externalId: ring.externalIds[1]! },
        select: { reference: true },
      });
      return `/en/staff/cases/${ring.caseNumber}?why=${r.reference}`;
    },
    allow: READERS,
  },
  {
    name: "unknown case",
    kind: "page",
    path: "/en/staff/cases/C-1999-99999",
    allow: ["analyst", "investigator", "admin"],
    absent: true,
  },
  {
    name: "evidence download",
    kind: "api",
    path: async ({ db }) => `/api/evidence/${(await someEvidence(db)).id}`,
    allow: STAFF,
  },
  {
    name: "request export CSV (the liaison's own organisation)",
    kind: "api",
    path: async ({ db, users }) => `/api/liaison/requests/${await someRequest(db, users.liaison.orgId)}/export/csv`,
    allow: [...STAFF, "liaison"],
  },
  {
    name: "request export JSON (the liaison's own organisation)",
    kind: "api",
    path: async ({ db, users }) => `/api/liaison/requests/${await someRequest(db, users.liaison.orgId)}/export/json`,
    allow: [...STAFF, "liaison"],
  },
  {
    name: "request export PDF (another organisation)",
    kind: "api",
    path: async ({ db }) => `/api/liaison/requests/${await someRequest(db, null)}/export/pdf`,
    allow: STAFF,
  },
  {
    name: "case export MISP",
    kind: "api",
    path: async ({ db }) => `/api/cases/${(await importRing(db, 2)).caseNumber}/export/misp`,
    allow: STAFF,
  },
  {
    name: "case export PDF",
    kind: "api",
    path: async ({ db }) => `/api/cases/${(await importRing(db, 2)).caseNumber}/export/pdf?locale=en`,
    allow: STAFF,
  },
  { name: "dashboard", kind: "page", path: "/en/staff/dashboard", allow: READERS },
  {
    name: "dashboard, date range (zh-CN)",
    kind: "page",
    path: "/zh-CN/staff/dashboard?from=2026-01-01&to=2026-06-30",
    allow: READERS,
  },
  // Every organisation's answer times: staff who work with requests (not analysts).
  { name: "liaison performance", kind: "page", path: "/en/staff/liaison-performance", allow: STAFF },
  { name: "liaison performance (zh-CN)", kind: "page", path: "/zh-CN/staff/liaison-performance", allow: STAFF },
  { name: "platform signals", kind: "page", path: "/en/staff/signals", allow: READERS },
  { name: "platform signals (zh-CN)", kind: "page", path: "/zh-CN/staff/signals", allow: READERS },
];

/** A sent freeze request on a fresh case, to `orgId` (or a new bank): its number. */
async function someRequest(db: Db, orgId: string | null): Promise<string> {
  const ring = await importRing(db, 2);
  const org =
    orgId ?? (await db.organisation.create({ data: { name: `E2E Bank ${uniqueSuffix()}`, kind: "bank" } })).id;
  const number = `Q-2099-${String(randomInt(0, 1e9)).padStart(9, "0")}`;
  await db.liaisonRequest.create({
    data: { number, caseId: ring.caseId, orgId: org, kind: "freeze_accounts", status: "sent", sentAt: new Date() },
  });
  return number;
}

type Visitor = Role | "anonymous";

function expected(row: AuthzRow, visitor: Visitor): number[] {
  if (visitor === "anonymous") return row.kind === "api" ? [401] : [307];
  // Permission first, existence second: only those who may see such a page learn that this one is missing.
  if (row.allow.includes(visitor)) return row.absent ? [404] : [200];
  return visitor === "liaison" ? [403, 404] : [403];
}

async function check(request: APIRequestContext, ctx: AuthzContext, visitor: Visitor) {
  for (const row of authzTable) {
    const url = typeof row.path === "function" ? await row.path(ctx) : row.path;
    const res = await request.fetch(url, { method: row.method ?? "GET", maxRedirects: 0 });
    const want = expected(row, visitor);
    expect.soft(want, `${visitor} → ${row.name} (${url}) answered ${res.status()}`).toContain(res.status());
    if (visitor === "anonymous" && row.kind === "page" && res.status() === 307) {
      const location = new URL(res.headers()["location"]!, "http://x");
      expect.soft(location.pathname, `${row.name}: redirect target`).toMatch(/^\/(en|zh-CN)\/login$/);
      expect.soft(location.searchParams.get("next"), `${row.name}: next`).toBe(url);
    }
  }
}

test.describe("authorization table", () => {
  let users: Record<Role, TestUser>;

  test.beforeAll(async ({ db }) => {
    users = await createUsersOfEveryRole(db);
  });

  test("anonymous", async ({ request, db }) => {
    await check(request, { db, users }, "anonymous");
  });

  for (const role of ["liaison", "analyst", "investigator", "admin"] as const) {
    test(role, async ({ page, db }) => {
      await signIn(page, users[role]);
      await check(page.request, { db, users }, role);
    });
  }
});

/**
 * Server actions of sign-in and user management, sent as raw POSTs (no page,
 * no JavaScript) by each kind of visitor. What counts is what changed in the
 * database: only admins manage users, and sign-out only ever ends the
 * visitor's own sessions whatever the form carries.
 */
test.describe("server actions as raw POSTs", () => {
  const USERS = "/en/staff/admin/users";

  for (const visitor of ["anonymous", "liaison", "investigator", "admin"] as const) {
    test(visitor, async ({ playwright, baseURL, db }) => {
      let n = 0;
      const client = () =>
        playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": `192.0.2.${++n}` } });
      const live = (userId: string) => db.session.count({ where: { userId, revokedAt: null } });
      const key = await formKey(await client(), "/en/login", actions.signIn);
      const signInRaw = (ctx: APIRequestContext, u: TestUser, password = u.password) =>
        postAction(ctx, "/en/login", actions.signIn, { locale: "en", email: u.email, password }, { key });

      const me = await client();
      const me2 = await client();
      let self: TestUser | null = null;
      if (visitor !== "anonymous") {
        self = await createUser(db, visitor);
        // Sign-in: a wrong password opens no session and answers the form again; the right one does.
        const wrong = await signInRaw(me, self, "not-the-password");
        expect(wrong.status()).toBe(200);
        expect(formAlert(await wrong.text())).toBe(messages.en.errors.loginInvalid);
        expect(await live(self.id)).toBe(0);
        expect((await signInRaw(me, self)).status()).toBe(303);
        expect((await signInRaw(me2, self)).status()).toBe(303);
        expect(await live(self.id)).toBe(2);
      }
      const target = await createUser(db, "investigator");
      const bystander = await createUser(db, "admin");
      await signInRaw(await client(), target);
      await signInRaw(await client(), bystander);
      const isAdmin = visitor === "admin";
      const post = async (action: ActionRef, fields: Record<string, string>) => {
        const res = await postAction(me, USERS, action, fields);
        expect.soft(res.status(), `${visitor} → ${action.name}`).toBeLessThan(500);
      };

      // User management: only an admin changes anything.
      await post(actions.endUserSessions, { userId: target.id });
      expect(await live(target.id), "endUserSessions").toBe(isAdmin ? 0 : 1);
      const orgName = `Raw POST Org ${uniqueSuffix()}`;
      await post(actions.createOrganisation, { name: orgName, kind: "bank" });
      expect(await db.organisation.count({ where: { name: orgName } }), "createOrganisation").toBe(isAdmin ? 1 : 0);
      const email = `raw-post-${uniqueSuffix()}@example.test`;
      await post(actions.createUser, { email, name: "", role: "admin", password: "raw-post-password-1" });
      expect(await db.user.count({ where: { email } }), "createUser").toBe(isAdmin ? 1 : 0);
      const hashBefore = (await db.user.findUniqueOrThrow({ where: { id: target.id } })).passwordHash;
      await post(actions.resetPassword, { userId: target.id, password: "raw-post-password-2" });
      await post(actions.changeUserRole, { userId: target.id, role: "admin" });
      await post(actions.setUserDisabled, { userId: target.id, disabled: "true" });
      const after = await db.user.findUniqueOrThrow({ where: { id: target.id } });
      expect(after.passwordHash !== hashBefore, "resetPassword").toBe(isAdmin);
      expect(after.role, "changeUserRole").toBe(isAdmin ? "admin" : "investigator");
      expect(after.disabled, "setUserDisabled").toBe(isAdmin);

      // Sign-out ends this session only; "everywhere" all of the visitor's own, never the user named in the form.
      const signedOut = await postAction(me, "/en/staff", actions.signOut, { locale: "en", userId: bystander.id });
      expect(signedOut.status()).toBe(303);
      expect(signedOut.headers()["location"]).toMatch(/\/en\/login\?signedOut=1$/);
      if (self) expect(await live(self.id), "signOut").toBe(1);
      const everywhere = await postAction(me2, "/en/staff", actions.signOutEverywhere, {
        locale: "en",
        userId: bystander.id,
      });
      expect(everywhere.status()).toBe(303);
      if (self) expect(await live(self.id), "signOutEverywhere").toBe(0);
      expect(await live(bystander.id), "bystander").toBe(1);
      await me.dispose();
      await me2.dispose();
    });
  }
});
