import { describe, expect, it } from "vitest";
import { securityTxt } from "./security-txt";

function field(text: string, name: string): string[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith(`${name}: `))
    .map((l) => l.slice(name.length + 2));
}

describe("security.txt", () => {
  const now = new Date("2026-11-29T18:30:00Z");
  const text = securityTxt("https://fanzha.example.cn", now);

  it("has the fields RFC 9116 requires, each once, with the deployment's host", () => {
    expect(field(text, "Contact")).toEqual(["mailto:security@fanzha.example.cn"]);
    expect(field(text, "Canonical")).toEqual(["https://fanzha.example.cn/.well-known/security.txt"]);
    expect(field(text, "Preferred-Languages")).toEqual(["zh, en"]);
    expect(field(text, "Expires")).toHaveLength(1);
  });

  it("expires within a year, in the RFC 3339 form, the same all day", () => {
    const expires = field(text, "Expires")[0]!;
    expect(expires).toBe("2027-05-28T00:00:00Z");
    const ms = Date.parse(expires) - now.getTime();
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(365 * 86_400_000);
    expect(securityTxt("https://fanzha.example.cn", new Date("2026-11-29T00:00:01Z"))).toBe(text);
  });

  it("ends every line with a newline and keeps a port in Canonical", () => {
    expect(text.endsWith("\n")).toBe(true);
    expect(securityTxt("http://localhost:3000", now)).toContain(
      "Canonical: http://localhost:3000/.well-known/security.txt",
    );
  });
});
