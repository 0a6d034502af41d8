import "server-only";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { platformKey } from "./platforms";

type Tx = Prisma.TransactionClient | PrismaClient;

/** Platform rows by key, created on first mention; safe under concurrency. */
export async function upsertPlatforms(tx: Tx, names: string[]): Promise<Map<string, number>> {
  const byKey = new Map<string, string>();
  // The first spelling in a report names a new platform.
  for (const n of names) if (n.trim() && !byKey.has(platformKey(n))) byKey.set(platformKey(n), n.trim());
  if (byKey.size === 0) return new Map();
  await tx.platform.createMany({
    data: [...byKey].map(([key, name]) => ({ key, name })),
    skipDuplicates: true,
  });
  const rows = await tx.platform.findMany({
    where: { key: { in: [...byKey.keys()] } },
    select: { id: true, key: true },
  });
  return new Map(rows.map((r) => [r.key, r.id]));
}
