/**
 * Permissions as `action:entity:access` strings (the epic-stack convention):
 * `any` means every record of that kind, `own-org` only the records of the
 * user's own organisation (liaisons). Roles map to fixed sets below; there are
 * no per-user grants. Pure module: no Next.js or database imports, so services,
 * route handlers, scripts and tests can all use it.
 */
import { ForbiddenError } from "@/lib/errors";

export const roles = ["admin", "investigator", "analyst", "liaison"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  /** The staff area (/staff/**) at all: its shell, nav and home page. */
  "read:staff-area:any",
  "read:case:any",
  "write:case:any",
  "read:victim-pii:any",
  "read:evidence:any",
  "decide:matching:any",
  /** Investigators asking an organisation for help: create, send, close, route identifiers. */
  "create:request:any",
  /** Every organisation's requests and answers (the case liaison panel, the performance view). */
  "read:request:any",
  /** Request files (CSV, JSON, PDF letter) and case files (MISP event, case PDF). */
  "export:request:any",
  /** Platform signals: shops whose customers' order data the scammers knew. */
  "read:signal:any",
  /** Organisations, their kinds and routing keys. */
  "manage:organisation:any",
  "manage:warning-list:any",
  /** Rebuild every case from the stored identifiers (npm run recluster). */
  "rebuild:case:any",
  /** Every report's case assignment, in bulk (npm run export:cases). */
  "export:case:any",
  "manage:user:any",
  /** Keys for the public lookup API (issue, list, revoke: lib/lookup/api-keys.ts). */
  "manage:api-key:any",
  "read:audit:any",
  "export:audit:any",
  "read:request:own-org",
  "answer:request:own-org",
] as const;
export type Permission = (typeof permissions)[number];

const investigator: readonly Permission[] = [
  "read:staff-area:any",
  "read:case:any",
  "write:case:any",
  "read:victim-pii:any",
  "read:evidence:any",
  "decide:matching:any",
  "create:request:any",
  "read:request:any",
  "export:request:any",
  "read:signal:any",
];

/**
 * Analysts read cases, their figures and identifiers (patterns across cases)
 * but never victims' personal data, evidence or exports, and change nothing.
 */
const analyst: readonly Permission[] = ["read:staff-area:any", "read:case:any", "read:signal:any"];

export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  // Every staff permission; the own-org ones belong to liaisons only.
  admin: permissions.filter((p) => !p.endsWith(":own-org")),
  investigator,
  analyst,
  liaison: ["read:request:own-org", "answer:request:own-org"],
};

/**
 * A command-line tool (npm run recluster, export:cases) acting for the
 * operator who runs it: no user account (audit rows carry actorId null and the
 * tool's name), and only the permissions such tools need, checked by the
 * services like any user's.
 */
export interface SystemActor {
  id: null;
  role: "system";
  orgId: null;
  /** Shown in the audit log, e.g. "npm run recluster". */
  tool: string;
}
export const systemPermissions: readonly Permission[] = ["rebuild:case:any", "export:case:any"];

export function systemActor(tool: string): SystemActor {
  return { id: null, role: "system", orgId: null, tool };
}

/** Who may call a service that scripts use too. */
export type AnyActor = Actor | SystemActor;

/** What the permission checks need to know about a user. */
export interface Actor {
  id: string;
  role: Role;
  /** A liaison's organisation; null for staff. */
  orgId: string | null;
}

/**
 * The second argument of every exported service: `service(db, ctx, input)`.
 * Who is acting (checked by the service itself with assertCan) and from where
 * (recorded in the audit log). Public services (the report form, the status
 * page) take a context whose actor may be null.
 */
export interface ServiceContext<A extends AnyActor | null = Actor> {
  actor: A;
  ip?: string | null;
}
export type PublicContext = ServiceContext<Actor | null>;

export function permissionsOf(user: Pick<AnyActor, "role" | "orgId">): readonly Permission[] {
  if (user.role === "system") return systemPermissions;
  // A liaison whose organisation was removed belongs to nobody and sees nothing.
  if (user.role === "liaison" && !user.orgId) return [];
  return rolePermissions[user.role] ?? [];
}

export function can(user: Pick<AnyActor, "role" | "orgId"> | null | undefined, permission: Permission): boolean {
  return !!user && permissionsOf(user).includes(permission);
}

/** Throws ForbiddenError unless the user holds the permission. Services call this first. */
export function assertCan(user: Pick<AnyActor, "role" | "orgId"> | null | undefined, permission: Permission): void {
  if (!can(user, permission)) throw new ForbiddenError();
}
