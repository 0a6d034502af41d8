import { afterAll, expect, it } from "vitest";
import { inject } from "vitest";
import { createPrisma } from "./client";
import { OuterClientInTransactionError } from "./transaction-guard";

// Tests run with NODE_ENV=test, so the guard is on.
const client = createPrisma(inject("databaseUrl"), { max: 4 });
afterAll(() => client.$disconnect());

it("refuses a query through the outer client inside a transaction, instead of waiting for itself", async () => {
  await expect(
    client.$transaction(async (tx) => {
      await tx.user.count();
      await client.user.count(); // the bug: not `tx`
    }),
  ).rejects.toBeInstanceOf(OuterClientInTransactionError);
  await expect(client.$transaction(async () => client.$transaction(async () => 1))).rejects.toBeInstanceOf(
    OuterClientInTransactionError,
  );
});

it("also refuses a second client on the same database, which would wait just the same", async () => {
  const other = createPrisma(inject("databaseUrl"), { max: 1 });
  try {
    await expect(
      client.$transaction(async (tx) => {
        await tx.user.count();
        await other.user.count();
      }),
    ).rejects.toBeInstanceOf(OuterClientInTransactionError);
  } finally {
    await other.$disconnect();
  }
});

it("lets transactions and plain queries of independent callers run side by side", async () => {
  const results = await Promise.all([
    client.$transaction(async (tx) => (await tx.$queryRaw<{ n: number }[]>`SELECT 1::int AS n`)[0]!.n),
    client.$transaction(async (tx) => (await tx.$queryRaw<{ n: number }[]>`SELECT 2::int AS n`)[0]!.n),
    client.$queryRaw<{ n: number }[]>`SELECT 3::int AS n`.then((r) => r[0]!.n),
    client.$transaction([client.$queryRaw<{ n: number }[]>`SELECT 4::int AS n`]).then(([r]) => r[0]!.n),
  ]);
  expect(results).toEqual([1, 2, 3, 4]);
});
