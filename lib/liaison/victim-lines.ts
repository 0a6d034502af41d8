import "server-only";
import type { Tx } from "@/lib/cases";
import type { ReportPaid } from "./case-money";
import type { Disclosure } from "./shared";
import { openJson, openPii, sealJson } from "@/lib/pii";
import type { Prisma } from "@/lib/db";

/**
 * One victim's line as shared with an organisation: the report's reference and
 * what it paid to the request's identifiers, plus only the personal fields the
 * investigator included (with a justification). Stored on the request when it
 * is sent, so the request page and every export show exactly what was shared.
 * Amounts travel as strings of fen (JSON has no BigInt).
 */
export interface SharedVictim {
  reference: string;
  paidMinor: string;
  firstPaidAt: string | null;
  name?: string;
  phone?: string;
  narrative?: string;
}

export async function sharedVictimLines(
  tx: Tx,
  byReport: Map<number, ReportPaid>,
  disclosures: readonly Disclosure[],
): Promise<SharedVictim[]> {
  const ids = [...byReport.keys()];
  if (!ids.length) return [];
  const fields = new Set(disclosures.map((d) => d.field));
  const reports = await tx.report.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      reference: true,
      victimName: fields.has("victimNames"),
      victimPhone: fields.has("victimPhones"),
      narrative: fields.has("narratives"),
    },
    orderBy: { id: "asc" },
  });
  return reports.map((r) => {
    const paid = byReport.get(r.id)!;
    const line: SharedVictim = {
      reference: r.reference,
      paidMinor: paid.paidMinor.toString(),
      firstPaidAt: paid.firstPaidAt?.toISOString() ?? null,
    };
    if (fields.has("victimNames")) line.name = openPii("Report.victimName", r.victimName ?? "");
    if (fields.has("victimPhones")) line.phone = openPii("Report.victimPhone", r.victimPhone ?? "");
    if (fields.has("narratives")) line.narrative = openPii("Report.narrative", r.narrative ?? "");
    return line;
  });
}

/**
 * The stored snapshot (encrypted at rest: sealSharedVictims), with nothing but
 * the disclosed fields (defence in depth for old or edited rows).
 */
export function readSharedVictims(stored: unknown, disclosures: readonly Disclosure[]): SharedVictim[] {
  const raw = openJson("LiaisonRequest.sharedVictims", stored);
  if (!Array.isArray(raw)) return [];
  const fields = new Set(disclosures.map((d) => d.field));
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  return raw
    .filter((v): v is Record<string, unknown> => !!v && typeof v === "object")
    .map((v) => {
      const line: SharedVictim = {
        reference: str(v.reference),
        paidMinor: /^\d+$/.test(str(v.paidMinor)) ? str(v.paidMinor) : "0",
        firstPaidAt: typeof v.firstPaidAt === "string" ? v.firstPaidAt : null,
      };
      if (fields.has("victimNames")) line.name = str(v.name);
      if (fields.has("victimPhones")) line.phone = str(v.phone);
      if (fields.has("narratives")) line.narrative = str(v.narrative);
      return line;
    });
}

/** The snapshot as stored on the request: one encrypted JSON string (ADR 0015); no victims stays []. */
export function sealSharedVictims(lines: SharedVictim[]): Prisma.InputJsonValue {
  return sealJson("LiaisonRequest.sharedVictims", lines) as Prisma.InputJsonValue;
}

/** Disclosures as stored (JSON), checked. */
export function readDisclosures(raw: unknown): Disclosure[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (d): d is Disclosure =>
      !!d &&
      typeof d === "object" &&
      ["victimNames", "victimPhones", "narratives"].includes((d as Disclosure).field) &&
      typeof (d as Disclosure).justification === "string",
  );
}
