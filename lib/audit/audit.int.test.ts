import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { exportAudit, listAudit, recordAudit } from "./index";

async function actorOf(role: "admin" | "investigator"): Promise<Actor & { email: string }> {
  const u = await (
    await db()
  ).user.create({ data: { email: `audit-${randomUUID()}@example.test`, role, passwordHash: "x" } });
  return { id: u.id, role: u.role, orgId: null, email: u.email };
}

async function collect(gen: AsyncGenerator<string>) {
  let out = "";
  for await (const chunk of gen) out += chunk;
  return out;
}

afterAll(async () => {
  await (await db()).$disconnect();
});

describe("audit log", () => {
  it("records events and lists them newest first with keyset pagination and filters", async () => {
    const client = await db();
    const admin = await actorOf("admin");
    const resourceId = `case-${randomUUID()}`;
    for (let i = 0; i < 5; i++) {
      await recordAudit(client, {
        actorId: admin.id,
        action: i % 2 ? "case.merge" : "victim.view",
        resourceType: "case",
        resourceId,
        ip: "192.0.2.1",
        detail: { i },
      });
    }
    const first = await listAudit(client, admin, { filters: { resourceId }, limit: 2 });
    expect(first.rows.map((r) => (r.detail as { i: number }).i)).toEqual([4, 3]);
    expect(first.rows[0]).toMatchObject({ actorEmail: admin.email, resourceType: "case", ip: "192.0.2.1" });
    const second = await listAudit(client, admin, { filters: { resourceId }, cursor: first.nextCursor!, limit: 2 });
    expect(second.rows.map((r) => (r.detail as { i: number }).i)).toEqual([2, 1]);
    const third = await listAudit(client, admin, { filters: { resourceId }, cursor: second.nextCursor!, limit: 2 });
    expect(third.rows.map((r) => (r.detail as { i: number }).i)).toEqual([0]);
    expect(third.nextCursor).toBeNull();

    const merges = await listAudit(client, admin, { filters: { resourceId, action: "case." } });
    expect(merges.rows).toHaveLength(2);
    const byActor = await listAudit(client, admin, { filters: { actor: admin.email, resourceType: "case" } });
    expect(byActor.rows).toHaveLength(5);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect((await listAudit(client, admin, { filters: { resourceId, from: today, to: today } })).rows).toHaveLength(5);
    expect((await listAudit(client, admin, { filters: { resourceId, to: "2000-01-01" } })).rows).toHaveLength(0);
  });

  it("only holders of read:audit:any / export:audit:any may list or export", async () => {
    const client = await db();
    const inv = await actorOf("investigator");
    await expect(listAudit(client, inv)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportAudit(client, inv, { format: "csv" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await client.auditEvent.count({ where: { actorId: inv.id, action: "audit.export" } })).toBe(0);
  });

  it("exports CSV and JSON lines, and records the export itself", async () => {
    const client = await db();
    const admin = await actorOf("admin");
    const resourceId = `user-${randomUUID()}`;
    for (let i = 0; i < 3; i++)
      await recordAudit(client, {
        actorId: admin.id,
        action: "user.create",
        resourceType: "user",
        resourceId,
        detail: { n: `a,"${i}"` },
      });

    const csv = await collect(
      await exportAudit(client, admin, { format: "csv", filters: { resourceId }, ip: "198.51.100.2", batch: 2 }),
    );
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("\uFEFFid,at,actorId,actorEmail,action,resourceType,resourceId,ip,detail");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`"{""n"":""a,\\""2\\""""}"`);

    const jsonl = await collect(
      await exportAudit(client, admin, { format: "jsonl", filters: { resourceId }, batch: 1 }),
    );
    expect(
      jsonl
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).detail.n),
    ).toEqual(['a,"2"', 'a,"1"', 'a,"0"']);

    const exports = await client.auditEvent.findMany({
      where: { actorId: admin.id, action: "audit.export" },
      orderBy: { id: "asc" },
    });
    expect(exports.map((e) => e.detail)).toEqual([
      { format: "csv", filters: { resourceId } },
      { format: "jsonl", filters: { resourceId } },
    ]);
    expect(exports[0]!.ip).toBe("198.51.100.2");
  });

  it("the audit module offers no way to change or remove an event", async () => {
    const mod = await import("./index");
    expect(Object.keys(mod).filter((k) => /update|delete|remove|edit|purge/i.test(k))).toEqual([]);
  });
});

describe("the database itself", () => {
  it("ignores any UPDATE or DELETE of audit rows, even in raw SQL", async () => {
    const client = await db();
    const row = await client.auditEvent.create({
      data: { action: "test.append-only", resourceType: "test", resourceId: "x" },
      select: { id: true },
    });
    expect(await client.$executeRaw`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = ${row.id}`).toBe(0);
    expect(await client.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${row.id}`).toBe(0);
    expect(
      (await client.auditEvent.findUniqueOrThrow({ where: { id: row.id }, select: { action: true } })).action,
    ).toBe("test.append-only");
  });
});
