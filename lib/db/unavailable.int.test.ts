import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DatabaseUnavailableError } from "@/lib/errors";
import { runWithRequest } from "@/lib/http/request-context";
import { sparePort } from "@/scripts/lib/throwaway-postgres";
import { createPrisma } from "./client";
import { OuterClientInTransactionError } from "./transaction-guard";
import { typedUnavailable } from "./unavailable";

afterAll(async () => (await db()).$disconnect());

describe("the app's client", () => {
  it("throws DatabaseUnavailableError, marking the request, when nothing listens at the database's address", async () => {
    const nowhere = typedUnavailable(
      createPrisma(`postgres://postgres@127.0.0.1:${await sparePort()}/none`, { max: 1 }),
    );
    const ctx = { id: "int-test-request" };
    const failed = await runWithRequest(ctx, () => nowhere.user.count().catch((e: unknown) => e));
    expect(failed).toBeInstanceOf(DatabaseUnavailableError);
    expect(ctx).toEqual({ id: "int-test-request", databaseUnavailable: true });
    await expect(nowhere.$queryRaw`SELECT 1`).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await nowhere.$disconnect();
  });

  it("still answers, and keeps the transaction guard, on a database that is up", async () => {
    const client = await db();
    expect(await client.user.count()).toBeGreaterThanOrEqual(0);
    await expect(client.$transaction(async () => client.user.count())).rejects.toBeInstanceOf(
      OuterClientInTransactionError,
    );
    expect(await client.$transaction(async (tx) => tx.user.count())).toBeGreaterThanOrEqual(0);
  });
});
