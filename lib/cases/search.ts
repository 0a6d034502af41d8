import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { bridgesOf, normaliseContact, normalisePayee, sniff, type CanonicalIdentifier } from "@/lib/matching";
import { contactKinds, payeeKinds, toHalfWidth } from "@/lib/vocab";
import { resolveCaseNumber } from "./lookup";

export interface SearchHit {
  /** What matched, for display: a case number, a report reference or an identifier. */
  label: string;
  kind: string;
  caseNumbers: string[];
}

// Every kind with a normaliser of its own ("other" is sniffed; merchants are free text).
const CONTACT_KINDS = contactKinds.filter((k) => k !== "other");
const PAYEE_KINDS = payeeKinds.filter((k) => k !== "other" && k !== "merchant");

/**
 * Every reading of what an investigator typed: "171 2345 6789" is a phone (and
 * maybe a QQ), "尾号8988 Xiao Momin" a partial account with its holder, a URL
 * its domain. The same normalisers as matching, so a search finds exactly
 * what matching linked.
 */
export function readings(q: string): CanonicalIdentifier[] {
  const raw = toHalfWidth(q).trim();
  const out = new Map<string, CanonicalIdentifier>();
  const add = (id: CanonicalIdentifier | null) => {
    if (id && id.value) out.set(`${id.kind}\u0000${id.value}`, id);
  };
  add(sniff(raw));
  for (const k of CONTACT_KINDS) add(normaliseContact(k, raw));
  for (const k of PAYEE_KINDS) add(normalisePayee({ kind: k, value: raw }));
  // "尾号8988 Xiao Momin", "****8988 XIAO MOMIN": an account with a holder name after it.
  const m = /^(.*\d{4})\s+([^\d].*)$/.exec(raw);
  if (m) add(normalisePayee({ kind: "bank_account", value: m[1]!, name: m[2]! }));
  return [...out.values()];
}

export async function searchCases(db: Db, actor: Actor, q: string): Promise<SearchHit[]> {
  assertCan(actor, "read:case:any");
  const text = q.trim();
  if (!text) return [];
  const hits: SearchHit[] = [];
  if (/^C-\d{4}-\d+$/i.test(text)) {
    const c = await resolveCaseNumber(db, text);
    if (c) hits.push({ label: c.via ? `${c.via} → ${c.number}` : c.number, kind: "case", caseNumbers: [c.number] });
  }
  if (/^R-\d{4}-\d+$/i.test(text)) {
    const r = await db.report.findUnique({
      where: { reference: text.toUpperCase() },
      select: { reference: true, case: { select: { number: true } } },
    });
    if (r?.case) hits.push({ label: r.reference, kind: "report", caseNumbers: [r.case.number] });
  }
  const ids = readings(text);
  if (!ids.length) return hits;
  const keys = ids.flatMap((i) => bridgesOf(i).map((b) => b.key));
  const rows = await db.$queryRawUnsafe<{ kind: string; display: string; numbers: string[] }[]>(
    `WITH wanted AS (
       SELECT i."id", i."kind", i."display" FROM "Identifier" i
       JOIN unnest($1::text[], $2::text[]) AS t(k, v) ON i."kind" = t.k::"IdentifierKind" AND i."value" = t.v
       UNION
       SELECT i."id", i."kind", i."display" FROM "ReportBridge" b JOIN "Identifier" i ON i."id" = b."identifierId"
       WHERE b."key" = ANY($3::text[])
     )
     SELECT w."kind"::text AS kind, w."display", array_agg(DISTINCT c."number") AS numbers
     FROM wanted w
     JOIN "ReportIdentifier" ri ON ri."identifierId" = w."id"
     JOIN "Report" r ON r."id" = ri."reportId"
     JOIN "Case" c ON c."id" = r."caseId"
     GROUP BY w."kind", w."display"
     ORDER BY count(*) DESC
     LIMIT 20`,
    ids.map((i) => i.kind),
    ids.map((i) => i.value),
    keys,
  );
  for (const r of rows) hits.push({ label: r.display, kind: r.kind, caseNumbers: r.numbers.slice(0, 20) });
  return hits;
}
