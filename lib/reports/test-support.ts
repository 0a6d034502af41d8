/** Shared by the report service's integration tests: a minimal report, an injected late failure, the limit's count. */
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { ipKey, REPORT_BUCKET } from "./rate-limit";
import { reportFormSchema, type ReportForm } from "./schema";

/** Accepted reports the address has in its current window, read as the tests' own check of the counts. */
export function reportsInWindow(db: Db, ip: string): Promise<number> {
  const since = new Date(Date.now() - env().REPORT_RATE_WINDOW_MINUTES * 60_000);
  return db.rateLimitHit.count({ where: { bucket: REPORT_BUCKET, key: ipKey(ip), createdAt: { gte: since } } });
}

/** A report with no contacts, payments or platforms (evidence tests add files). */
export function minimalReport(narrative: string): ReportForm {
  return reportFormSchema.parse({
    scamType: "other",
    incidentDate: "2026-05-25",
    narrative,
    contacts: [],
    payments: [],
    platforms: [],
    victimName: "Li Na",
    victimPhone: "13905310000",
    victimProvince: "Shandong",
    victimCity: "",
    consent: true,
  });
}

/** An evidence file of this name fails to be stored while failEvidenceInserts is on. */
export const FAILING_EVIDENCE_NAME = "boom.png";

/**
 * Makes the insert of an evidence row named FAILING_EVIDENCE_NAME fail (the
 * last insert of a report's transaction), until the returned function is called.
 */
export async function failEvidenceInserts(client: Db): Promise<() => Promise<void>> {
  await client.$executeRaw`
    CREATE OR REPLACE FUNCTION fail_evidence_named() RETURNS trigger AS $$
    BEGIN
      IF NEW."originalName" = 'boom.png' THEN RAISE EXCEPTION 'simulated failure'; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql`;
  await client.$executeRaw`DROP TRIGGER IF EXISTS fail_evidence_named ON "Evidence"`;
  await client.$executeRaw`CREATE TRIGGER fail_evidence_named BEFORE INSERT ON "Evidence" FOR EACH ROW EXECUTE FUNCTION fail_evidence_named()`;
  return async () => void (await client.$executeRaw`DROP TRIGGER IF EXISTS fail_evidence_named ON "Evidence"`);
}
