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

  it("every part file on disk is in the catalogues (a part left out of messages/index.ts would show keys)", () => {
    const dir = path.resolve(import.meta.dirname, "../messages");
    const files = (sub: string): string[] =>
      fs
        .readdirSync(path.join(dir, sub), { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(path.join(sub, e.name)) : [path.join(sub, e.name)]));
    for (const locale of ["en", "zh-CN"] as const) {
      const onDisk = files("").filter((f) => f.endsWith(`.${locale}.json`) || f === `${locale}.json`);
      expect(parts[locale].length, onDisk.join(", ")).toBe(onDisk.length);
    }
  });

  it("no message is empty and both languages use the same placeholders", () => {
    const flat = (obj: object, prefix = ""): [string, string][] =>
      Object.entries(obj).flatMap(([k, v]): [string, string][] =>
        v && typeof v === "object" ? flat(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
      );
    // Simple arguments and the argument of a plural or select: {count, plural, ...} names "count".
    const args = (text: string) =>
      [...new Set([...text.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]))].sort();
    const zhByKey = new Map(flat(zh));
    for (const [key, text] of flat(en)) {
      const other = zhByKey.get(key) ?? "";
      expect(text.trim(), `en ${key}`).not.toBe("");
      expect(other.trim(), `zh-CN ${key}`).not.toBe("");
      expect(args(other), key).toEqual(args(text));
    }
  });

  it("the public pages' Chinese is Chinese (not English left untranslated)", () => {
    // The namespaces the victim-facing pages read. Codes and names ("PIN", "QQ",
    // "96110") are fine; so is the language switch, which names English in English.
    const han = /\p{Script=Han}/u;
    const flat = (obj: object, prefix = ""): [string, string][] =>
      Object.entries(obj).flatMap(([k, v]): [string, string][] =>
        v && typeof v === "object" ? flat(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
      );
    const allowed = new Set(["common.switchTo"]);
    for (const ns of ["common", "home", "report", "receipt", "options", "errors", "limits", "notFound"] as const) {
      const texts = flat((zh as Record<string, object>)[ns]!, `${ns}.`);
      expect(texts.length, ns).toBeGreaterThan(0);
      const untranslated = texts.filter(([k, v]) => !allowed.has(k) && /[a-z]{4,}/i.test(v) && !han.test(v));
      expect(untranslated, ns).toEqual([]);
    }
  });
});
