import { PrismaClient } from "./generated/client";
import { createPgAdapter } from "./pg-adapter";

export type Db = PrismaClient;

/** A Prisma client over the pg driver adapter; every process uses this path. */
export function createPrisma(url: string, opts: { max?: number } = {}): PrismaClient {
  return new PrismaClient({ adapter: createPgAdapter(url, { max: opts.max }) });
}
