import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "./record";
import type { AuditFilters } from "./filters";

export { recordAudit, type AuditInput, type AuditWriter } from "./record";
export { parseAuditFilters, auditFiltersToQuery, type AuditFilters } from "./filters";

export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string;
  ip: string | null;
  detail: unknown;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

const CHINA_OFFSET = "+08:00";

function whereOf(f: AuditFilters, cursor?: number): Prisma.AuditEventWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (f.from) at.gte = new Date(`${f.from}T00:00:00${CHINA_OFFSET}`);
  if (f.to) at.lt = new Date(new Date(`${f.to}T00:00:00${CHINA_OFFSET}`).getTime() + 24 * 3600_000);
  return {
    ...(f.actor ? { actor: { email: f.actor } } : {}),
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.resourceType ? { resourceType: f.resourceType } : {}),
    ...(f.resourceId ? { resourceId: f.resourceId } : {}),
    ...(f.from || f.to ? { at } : {}),
    ...(cursor ? { id: { lt: cursor } } : {}),
  };
}

async function page(db: Db, filters: AuditFilters, cursor: number | undefined, limit: number): Promise<AuditPage> {
  const rows = await db.auditEvent.findMany({
    where: whereOf(filters, cursor),
    orderBy: { id: "desc" },
    take: limit + 1,
    include: { actor: { select: { email: true } } },
  });
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return {
    rows: shown.map(({ actor, ...r }) => ({ ...r, actorEmail: actor?.email ?? null })),
    nextCursor: more ? shown[shown.length - 1]!.id : null,
  };
}

/** Newest first, `limit` rows per page, keyset pagination on the id. Needs `read:audit:any`. */
export async function listAudit(
  db: Db,
  actor: Actor,
  opts: { filters?: AuditFilters; cursor?: number; limit?: number } = {},
): Promise<AuditPage> {
  assertCan(actor, "read:audit:any");
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  return page(db, opts.filters ?? {}, opts.cursor, limit);
}

export type AuditExportFormat = "csv" | "jsonl";

const CSV_COLUMNS = [
  "id",
  "at",
  "actorId",
  "actorEmail",
  "action",
  "resourceType",
  "resourceId",
  "ip",
  "detail",
] as const;

function csvCell(value: unknown): string {
  let s =
    value == null
      ? ""
      : value instanceof Date
        ? value.toISOString()
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value);
  // A spreadsheet must not run a cell as a formula.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function auditRowToCsv(r: AuditRow): string {
  return CSV_COLUMNS.map((c) => csvCell(r[c])).join(",") + "\r\n";
}

export function auditRowToJsonl(r: AuditRow): string {
  return JSON.stringify({ ...r, at: r.at.toISOString() }) + "\n";
}

/**
 * Every matching event, newest first, as CSV (with a header row) or JSON lines,
 * read in batches so a large log streams. Needs `export:audit:any`; the export
 * itself is recorded (with its filters) before the first row is read.
 */
export async function exportAudit(
  db: Db,
  actor: Actor,
  opts: { filters?: AuditFilters; format: AuditExportFormat; ip?: string; batch?: number },
): Promise<AsyncGenerator<string>> {
  assertCan(actor, "export:audit:any");
  const filters = opts.filters ?? {};
  await recordAudit(db, {
    actorId: actor.id,
    action: "audit.export",
    resourceType: "audit",
    resourceId: "*",
    ip: opts.ip,
    detail: { format: opts.format, filters },
  });
  const batch = opts.batch ?? 1000;
  const toLine = opts.format === "csv" ? auditRowToCsv : auditRowToJsonl;
  return (async function* () {
    // The byte-order mark tells Excel and WPS the file is UTF-8 (Chinese text).
    if (opts.format === "csv") yield "\uFEFF" + CSV_COLUMNS.join(",") + "\r\n";
    let cursor: number | undefined;
    for (;;) {
      const p = await page(db, filters, cursor, batch);
      for (const r of p.rows) yield toLine(r);
      if (p.nextCursor === null) return;
      cursor = p.nextCursor;
    }
  })();
}
