/**
 * Finds seeded personal data in server output (the e2e suite's check that no
 * log line carries a victim's name, phone number or narrative). A phone is
 * also looked for as bare digits (without +86), however the form spelled it.
 */
export interface PiiHit {
  value: string;
  file: string;
  line: number;
}

const PHONE_LIKE = /^[+()\d\s-]{7,}$/;

/** The spellings to look for: the value itself and, for a phone number, its digits alone. */
export function spellings(value: string): string[] {
  const v = value.trim();
  if (!v) return [];
  const digits = v.replace(/\D/g, "");
  if (!PHONE_LIKE.test(v) || digits.length < 7) return [v];
  // +86 / 0086 spellings: the national number is what normalised code would log.
  const national = digits.replace(/^(00)?86(?=1\d{10}$)/, "");
  return [...new Set([v, digits, national])].filter((s) => s !== "");
}

export function findPii(logs: { file: string; text: string }[], values: Iterable<string>): PiiHit[] {
  const needles = [...new Set([...values].flatMap(spellings))];
  const hits: PiiHit[] = [];
  for (const { file, text } of logs) {
    text.split("\n").forEach((line, i) => {
      for (const value of needles) if (line.includes(value)) hits.push({ value, file, line: i + 1 });
    });
  }
  return hits;
}
