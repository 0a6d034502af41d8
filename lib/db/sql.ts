/**
 * Table and column names for raw SQL, typed from the generated client, so a
 * renamed model or column fails `tsc` instead of failing at run time. Raw SQL
 * is only ever written as `Prisma.sql` tagged templates (values become bind
 * parameters); these helpers supply the identifiers inside them:
 *
 *   const r = table("Report", "r");
 *   db.$queryRaw(Prisma.sql`SELECT ${r.id} FROM ${r} WHERE ${r.caseId} = ${caseId}`);
 *   // SELECT r."id" FROM "Report" r WHERE r."caseId" = $1
 *
 * `${r}` is the table with its alias (FROM, JOIN), `${r.caseId}` the column
 * qualified by the alias (or by the table name without one), `${r.$.caseId}` the bare column (INSERT column lists, UPDATE … SET),
 * `${r.$table}` the bare table name. Enum casts: `::${pgEnum("CaseStatus")}`.
 * TypedSQL was evaluated and is not usable offline (ADR 0009).
 */
import { Prisma, type $Enums } from "./generated/client";

export type ModelName = Prisma.ModelName;
/** Scalar columns of a model, as named in the schema (no model uses @map). */
export type Column<M extends ModelName> = keyof Prisma.TypeMap["model"][M]["fields"] & string;

type Columns<M extends ModelName> = { readonly [C in Column<M>]: Prisma.Sql };
// A column named like a member of Prisma.Sql ("values", "text", …) would be shadowed: refuse it at compile time.
type NoClash<M extends ModelName> =
  Extract<Column<M>, keyof Prisma.Sql | "$" | "$table"> extends never ? unknown : never;

export type SqlTable<M extends ModelName> = Prisma.Sql &
  Columns<M> & {
    /** Bare column names, for INSERT column lists and UPDATE … SET. */
    readonly $: Columns<M>;
    /** The bare table name (no alias). */
    readonly $table: Prisma.Sql;
  } & NoClash<M>;

const ALIAS = /^[a-z_][a-z0-9_]*$/;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function columns(prefix: string): Record<string, Prisma.Sql> {
  // Names are checked by the types above; the proxy just renders whatever was asked for.
  return new Proxy({} as Record<string, Prisma.Sql>, {
    get: (cache, name) => {
      if (typeof name !== "string") return undefined;
      return (cache[name] ??= Prisma.raw(`${prefix}${quote(name)}`));
    },
  });
}

/** A model's table for raw SQL, optionally aliased (lower-case letters, digits, underscores). */
export function table<M extends ModelName>(model: M, alias?: string): SqlTable<M> {
  if (alias !== undefined && !ALIAS.test(alias)) throw new Error(`table(): bad alias ${JSON.stringify(alias)}`);
  if (!(model in Prisma.ModelName)) throw new Error(`table(): unknown model ${model}`);
  const ref = Prisma.raw(alias ? `${quote(model)} ${alias}` : quote(model));
  const qualified = columns(`${alias ?? quote(model)}.`);
  const bare = columns("");
  const name = Prisma.raw(quote(model));
  return new Proxy(ref, {
    get(target, prop, receiver) {
      if (prop === "$") return bare;
      if (prop === "$table") return name;
      if (typeof prop !== "string" || prop in target) return Reflect.get(target, prop, receiver);
      return qualified[prop];
    },
  }) as SqlTable<M>;
}

/** A database enum type, for casts: `${value}::${pgEnum("CaseStatus")}`. */
export function pgEnum(name: keyof typeof $Enums): Prisma.Sql {
  return Prisma.raw(quote(name));
}

/** Sequences are not models; their names live here, once. */
export const sequences = {
  caseNumber: Prisma.raw("case_number_seq"),
  reportReference: Prisma.raw("report_reference_seq"),
  requestNumber: Prisma.raw("liaison_request_number_seq"),
} as const;

export { Prisma };
