import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { catalogues, parts } from "@/messages";

const en = catalogues.en;
const zh = catalogues["zh-CN"];
import { contactKinds, payeeKinds, paymentMethods, platformRoles, provinces, scamTypes } from "@/lib/vocab";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("messages", () => {
  it("zh-CN and en have exactly the same keys", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it("no part of a catalogue redefines another part's namespace", () => {
    for (const list of [parts.en, parts["zh-CN"]]) {
      const seen = new Set<string>();
      for (const part of list) {
        for (const ns of Object.keys(part)) {
          expect(seen.has(ns), ns).toBe(false);
          seen.add(ns);
        }
      }
    }
  });

  it("every choice in the form has a label in both languages", () => {
    for (const m of [en, zh]) {
      for (const k of scamTypes) expect(m.options.scamType[k]).toBeTruthy();
      for (const k of contactKinds) expect(m.options.contactKind[k]).toBeTruthy();
      for (const k of paymentMethods) expect(m.options.method[k]).toBeTruthy();
      for (const k of payeeKinds) expect(m.options.payeeKind[k]).toBeTruthy();
      for (const k of platformRoles) expect(m.options.platformRole[k]).toBeTruthy();
      for (const k of provinces) expect(m.options.province[k]).toBeTruthy();
    }
  });

  it("every error key the schema can produce is translated", () => {
    const source = fs.readFileSync(path.resolve(import.meta.dirname, "../lib/reports/schema.ts"), "utf8");
    const codes = new Set([...source.matchAll(/"([a-z][a-zA-Z]+)"\)/g)].map((m) => m[1]!));
    codes.add("invalid");
    for (const code of codes) {
      expect(en.errors, code).toHaveProperty(code);
      expect(zh.errors, code).toHaveProperty(code);
    }
  });
});
