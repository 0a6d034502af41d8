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
import { importRing, someEvidence } from "./case-data";
import type { APIRequestContext } from "@playwright/test";
import type { Db } from "../lib/db/client";
import { test, expect, createUsersOfEveryRole, signIn, type Role, type TestUser } from "./staff-fixtures";

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
  { name: "audit log", kind: "page", path: "/en/staff/admin/audit", allow: ["admin"] },
  { name: "audit log, filtered", kind: "page", path: "/zh-CN/staff/admin/audit?action=auth.", allow: ["admin"] },
  { name: "audit export CSV", kind: "api", path: "/api/audit/export?format=csv", allow: ["admin"] },
  { name: "audit export JSONL", kind: "api", path: "/api/audit/export?format=jsonl&action=user.", allow: ["admin"] },
  { name: "liaison portal", kind: "page", path: "/en/portal", allow: ["liaison"] },
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
  { name: "unknown case", kind: "page", path: "/en/staff/cases/C-1999-99999", allow: [], absent: true },
  {
    name: "evidence download",
    kind: "api",
    path: async ({ db }) => `/api/evidence/${(await someEvidence(db)).id}`,
    allow: STAFF,
  },
  { name: "dashboard", kind: "page", path: "/en/staff/dashboard", allow: READERS },
  {
    name: "dashboard, date range (zh-CN)",
    kind: "page",
    path: "/zh-CN/staff/dashboard?from=2026-01-01&to=2026-06-30",
    allow: READERS,
  },
];

type Visitor = Role | "anonymous";

function expected(row: AuthzRow, visitor: Visitor): number[] {
  if (visitor === "anonymous") return row.kind === "api" ? [401] : [307];
  if (row.absent) return visitor === "liaison" ? [403, 404] : [404];
  if (row.allow.includes(visitor)) return [200];
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
