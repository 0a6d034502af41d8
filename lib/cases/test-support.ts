/**
 * Helpers for lib/cases integration tests: reports imported through the real
 * import path, users of each role, and where a report ended up.
 */
import { randomInt, randomUUID } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";
import type { Actor, Role, ServiceContext } from "@/lib/auth/permissions";
import { importReports } from "@/lib/interchange/import";

/** A fresh mobile number nobody else in the test database uses. */
export const phone = () => `17${randomInt(100_000_000, 999_999_999)}`;
export const ext = () => `T-${randomUUID()}`;

export interface TestReport {
  externalId?: string;
  submittedAt?: string;
  incidentDate?: string;
  scamType?: string;
  province?: string;
  contacts?: { kind: string; value: string }[];
  payees?: { kind: string; value: string; name?: string; bank?: string }[];
  amount?: number;
  platforms?: string[];
  victimPhone?: string;
  victimName?: string;
  narrative?: string;
}

/** Imports the reports (one batch) and returns their externalIds. */
export async function add(...reports: TestReport[]): Promise<string[]> {
  const withIds = reports.map((r) => ({ ...r, externalId: r.externalId ?? ext() }));
  const lines = withIds.map((r) =>
    JSON.stringify({
      externalId: r.externalId,
      submittedAt: r.submittedAt ?? "2026-06-01T10:00:00+08:00",
      incidentDate: r.incidentDate,
      scamType: r.scamType ?? "courier_compensation",
      narrative: r.narrative ?? "",
      victim: { name: r.victimName ?? "V", phone: r.victimPhone ?? phone(), province: r.province ?? "" },
      contacts: r.contacts ?? [],
      payments: (r.payees ?? []).map((p) => ({ amount: r.amount ?? 100, currency: "CNY", payee: p })),
      platforms: (r.platforms ?? []).map((name) => ({ name, role: "order_leaked" })),
    }),
  );
  const summary = await importReports(await db(), lines);
  expect(summary.malformed).toEqual([]);
  return withIds.map((r) => r.externalId);
}

/** The report's id, reference and case. */
export async function caseOf(externalId: string) {
  const r = await (
    await db()
  ).report.findUniqueOrThrow({
    where: { externalId },
    select: { id: true, reference: true, case: { select: { id: true, number: true } } },
  });
  return { reportId: r.id, reference: r.reference, caseId: r.case!.id, number: r.case!.number };
}

/** A user of the role, stored (case events and decisions name their actor), as a service context. */
export async function staff(role: Role): Promise<ServiceContext & { actor: Actor }> {
  const client = await db();
  const org =
    role === "liaison"
      ? await client.organisation.create({
          data: { name: `Org ${randomUUID()}`, kind: "platform" },
          select: { id: true },
        })
      : null;
  const user = await client.user.create({
    data: {
      email: `${role}-${randomUUID()}@example.test`,
      name: `Test ${role}`,
      role,
      orgId: org?.id ?? null,
      passwordHash: "x",
    },
    select: { id: true, role: true, orgId: true },
  });
  return { actor: user, ip: "203.0.113.9" };
}
