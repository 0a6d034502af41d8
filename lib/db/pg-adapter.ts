import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { assertOutsideTransaction } from "./transaction-guard";

// Catalog types the pg driver adapter of Prisma 6.19 cannot map; the WASM
// schema engine selects them while migrating ("Column type 'name' could not be
// deserialized"). They are plain strings, so we report them as text.
const TEXT_OID = 25;
const TEXT_LIKE_OIDS = new Set([18 /* "char" */, 19 /* name */]);

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function retype<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of (r as QueryResultLike)?.fields ?? []) {
      if (TEXT_LIKE_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogTolerantClient extends pg.Client {
  // pg's query() has many overloads: the adapter awaits the promise form on
  // transaction clients, and Pool.query passes a callback.
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const cb = args[last] as (err: unknown, res: unknown) => void;
      args[last] = (err: unknown, res: unknown) => cb(err, err ? res : retype(res));
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then(retype) as never;
    }
    return out as never;
  }
}

export interface AdapterOptions {
  /** Pool size; the embedded server multiplexes, a real server has its own limit. */
  max?: number;
  /** Short for one-shot CLI processes, which otherwise linger until idle clients close. */
  idleTimeoutMillis?: number;
  /**
   * Give up on a new connection (or a free one from the pool) after this long.
   * Unset: wait as long as it takes, which a server that is down answers at
   * once but an unreachable host only after the system's TCP timeout (minutes).
   */
  connectTimeoutMs?: number;
  /** Refuse pool queries inside a transaction callback on the same database (lib/db/transaction-guard.ts). */
  guardTransactions?: boolean;
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/** The pool-level entry points (not a transaction's own connection) check the guard first. */
function guarded(adapter: Adapter, database: string): Adapter {
  for (const method of ["queryRaw", "executeRaw", "startTransaction"] as const) {
    const original = adapter[method].bind(adapter) as (...a: unknown[]) => Promise<unknown>;
    (adapter as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      assertOutsideTransaction(database);
      return original(...args);
    };
  }
  return adapter;
}

export function createPgAdapter(connectionString: string, opts: AdapterOptions = {}) {
  const factory = new PrismaPg({
    connectionString,
    // Short OLTP statements over a growing table: PostgreSQL's JIT kicked in on
    // cost estimates and spent ~0.8 s compiling a stats update that runs in
    // 0.18 s without it (measured at 530k reports). PGlite has no JIT and
    // ignores startup options.
    options: "-c jit=off",
    max: opts.max ?? 10,
    idleTimeoutMillis: opts.idleTimeoutMillis ?? 10_000,
    allowExitOnIdle: opts.idleTimeoutMillis !== undefined,
    ...(opts.connectTimeoutMs ? { connectionTimeoutMillis: opts.connectTimeoutMs } : {}),
    Client: CatalogTolerantClient as unknown as typeof pg.Client,
  });
  if (opts.guardTransactions) {
    const connect = factory.connect.bind(factory);
    factory.connect = async () => guarded(await connect(), connectionString);
  }
  return factory;
}
