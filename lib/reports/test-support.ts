/** Shared by the report service's integration tests: a minimal report, a victim's report, an injected late failure, the limit's count. */
import { randomInt, randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { ipKey, REPORT_BUCKET } from "./rate-limit";
import { reportFormSchema, type ReportForm } from "./schema";
import { submitReport } from "./service";

/** Accepted reports the address has in its current window, read as the tests' own check of the counts. */
export function reportsInWindow(db: Db, ip: string): Promise<number> {
  const since = new Date(Date.now() - env().REPORT_RATE_WINDOW_MINUTES * 60_000);
  return db.rateLimitHit.count({ where: { bucket: REPORT_BUCKET, key: ipKey(ip), createdAt: { gte: since } } });
}

/** A victim's report naming these contacts and payments (each victim with a phone number of their own). */
export function reportWith(
  narrative: string,
  contacts: { kind: string; value: string }[],
  payments: { amount: string; payeeKind: string; payeeValue: string }[] = [],
): ReportForm {
  return reportFormSchema.parse({
    scamType: "fake_customer_service_refund",
    incidentDate: "2026-05-25",
    narrative,
    contacts,
    payments: payments.map((p) => ({
      currency: "CNY",
      method: "bank_transfer",
      payeeName: "",
      payeeBank: "",
      paidAt: "",
      ...p,
    })),
    platforms: [],
    victimName: "Test Victim",
    victimPhone: `13${randomInt(100_000_000, 999_999_999)}`,
    victimProvince: "Shandong",
    victimCity: "Jinan",
    consent: true,
  });
}

/** Submits the report as the public form does, with a fresh form token, from an address of its own. */
export const submitFromNewAddress = (values: ReportForm) =>
  submitReport({
    values,
    files: [],
    token: randomUUID(),
    locale: "en",
    ip: `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`,
  });

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
