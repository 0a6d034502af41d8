/** One key per platform however victims spell it: "JD.com", "jd.com ", "ＪＤ．ｃｏｍ". */
export function platformKey(name: string): string {
  return name.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
}
