/**
 * The victims' personal data the e2e fixtures seed, in one list, so the check
 * run after the suite (e2e/pii-log-check.ts) can grep the servers' output for
 * it: no log line may carry a victim's name, phone number or narrative.
 *
 * Fixed values are named here and used by the fixtures; values a fixture
 * generates at random go through seedPii(), which records them for the check.
 */
import fs from "node:fs";
import path from "node:path";

/** The victim fillReport() types into the form. */
export const VICTIM = { name: "Li Na", phone: "139 0531 0000" } as const;

/** Narratives the fixtures and specs submit or import. */
export const NARRATIVES = {
  crushedParcel: "A caller said my parcel was crushed and offered double compensation.",
  refundDeposit: "Paid a refund 'deposit' to the account the caller gave.",
  lostParcel: "A caller said my parcel was lost and asked me to move money to a safe account.",
  knewParcel: "The caller knew my parcel number and offered compensation.",
} as const;

export const SEEDED_PII: readonly string[] = [VICTIM.name, VICTIM.phone, ...Object.values(NARRATIVES)];

/** Where the e2e servers' output is kept and where generated PII is recorded (the run's data folder). */
export function e2eLogDir(): string {
  return path.resolve(process.env.E2E_DATA_DIR ?? "test-data/e2e");
}
const RECORDED = "seeded-pii.txt";

/** Records generated personal data (a random victim phone, say) for the log check, and returns it. */
export function seedPii<T extends string>(value: T): T {
  fs.mkdirSync(e2eLogDir(), { recursive: true });
  fs.appendFileSync(path.join(e2eLogDir(), RECORDED), `${JSON.stringify(value)}\n`);
  return value;
}

/** Everything seeded in this run: the fixed list and what seedPii() recorded. */
export function seededPii(): string[] {
  const file = path.join(e2eLogDir(), RECORDED);
  const recorded = fs.existsSync(file)
    ? fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string)
    : [];
  return [...SEEDED_PII, ...recorded];
}
