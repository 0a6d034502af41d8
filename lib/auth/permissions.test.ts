import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import {
  assertCan,
  can,
  permissions,
  permissionsOf,
  rolePermissions,
  systemActor,
  type Permission,
} from "./permissions";

const admin = { id: "a", role: "admin" as const, orgId: null };
const investigator = { id: "i", role: "investigator" as const, orgId: null };
const liaison = { id: "l", role: "liaison" as const, orgId: "org-1" };

describe("role → permissions", () => {
  it("admins hold every staff permission and none of the own-org ones", () => {
    expect([...rolePermissions.admin].sort()).toEqual(permissions.filter((p) => !p.endsWith(":own-org")).sort());
  });

  it("investigators work cases but do not administer", () => {
    expect([...rolePermissions.investigator].sort()).toEqual(
      [
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
      ].sort(),
    );
    for (const p of [
      "manage:user:any",
      "read:audit:any",
      "export:audit:any",
      "manage:warning-list:any",
      "manage:organisation:any",
    ] as Permission[]) {
      expect(can(investigator, p)).toBe(false);
    }
  });

  it("liaisons see nothing of the case board, only their organisation's requests", () => {
    expect([...permissionsOf(liaison)].sort()).toEqual(["answer:request:own-org", "read:request:own-org"]);
    for (const p of permissions.filter((p) => p.endsWith(":any"))) expect(can(liaison, p)).toBe(false);
  });

  it("analysts read cases but never victims' details, evidence or exports, and change nothing", () => {
    const analyst = { id: "n", role: "analyst" as const, orgId: null };
    expect([...permissionsOf(analyst)].sort()).toEqual(["read:case:any", "read:signal:any", "read:staff-area:any"]);
    for (const p of [
      "read:victim-pii:any",
      "read:evidence:any",
      "write:case:any",
      "decide:matching:any",
      "export:case:any",
      "export:audit:any",
      "read:request:any",
      "export:request:any",
    ] as Permission[])
      expect(can(analyst, p)).toBe(false);
  });

  it("command-line tools act as the system with only what they need, never as a user", () => {
    const tool = systemActor("npm run recluster");
    expect(tool).toMatchObject({ id: null, role: "system", tool: "npm run recluster" });
    expect([...permissionsOf(tool)].sort()).toEqual(["export:case:any", "rebuild:case:any"]);
    expect(can(tool, "read:victim-pii:any")).toBe(false);
    expect(can(tool, "rebuild:case:any")).toBe(true);
    expect(can(investigator, "rebuild:case:any")).toBe(false);
  });

  it("a liaison without an organisation holds nothing", () => {
    expect(permissionsOf({ role: "liaison", orgId: null })).toEqual([]);
  });

  it("every permission string is action:entity:access", () => {
    for (const p of permissions) expect(p).toMatch(/^[a-z]+:[a-z-]+:(any|own-org)$/);
  });
});

describe("checks", () => {
  it("assertCan throws ForbiddenError (403) and nothing for holders", () => {
    expect(() => assertCan(investigator, "manage:user:any")).toThrow(ForbiddenError);
    expect(() => assertCan(null, "read:case:any")).toThrow(ForbiddenError);
    expect(() => assertCan(admin, "manage:user:any")).not.toThrow();
  });
});
