import { describe, expect, it } from "vitest";
import { cleanText, firstControlChar, hasControlChars, safeFileName, stripBidiControls } from "./text";

describe("cleanText", () => {
  it("refuses NUL and other control characters, and offers the text without them", () => {
    for (const c of ["\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F", "\u000B", "\u000C"]) {
      expect(cleanText(`Li${c}Na`)).toEqual({ ok: false, problem: "controlChars", value: "LiNa" });
      expect(cleanText(`Li${c}Na`, "multiline").ok).toBe(false);
    }
  });

  it("keeps tab and line breaks in multi-line text and folds them to a space on one line", () => {
    expect(cleanText("a\r\nb\tc", "multiline")).toEqual({ ok: true, value: "a\r\nb\tc" });
    expect(cleanText("Xiao\tMomin\r\n", "line")).toEqual({ ok: true, value: "Xiao Momin " });
  });

  it("strips bidi embeddings, overrides and isolates instead of refusing them", () => {
    // How a phone's contact list wraps a number, and a name reversed on screen.
    expect(cleanText("\u202A+86 171 2345 6789\u202C")).toEqual({ ok: true, value: "+86 171 2345 6789" });
    expect(cleanText("Li \u202Eexe.gnp\u202C Na", "multiline")).toEqual({ ok: true, value: "Li exe.gnp Na" });
    expect(stripBidiControls("\u2066a\u2067b\u2068c\u2069\u202B\u202D")).toBe("abc");
    // Marks that do not reorder runs, and ordinary text, stay.
    expect(cleanText("\u200Fشكرا 谢谢 ok")).toEqual({ ok: true, value: "\u200Fشكرا 谢谢 ok" });
  });

  it("names the first refused character", () => {
    expect(firstControlChar("ab\u0000c\u0001")).toBe("U+0000");
    expect(firstControlChar("a\tb\n")).toBeNull();
    expect(hasControlChars("x\u0085")).toBe(true);
    expect(hasControlChars("x\u0085")).toBe(true); // no state left in the pattern between calls
  });
});

describe("safeFileName", () => {
  it("drops folders, control and bidi characters, and never refuses", () => {
    expect(safeFileName("C:\\Users\\li\\转账截图.png")).toBe("转账截图.png");
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("photo\u202Egnp.html")).toBe("photognp.html");
    expect(safeFileName("a\u0000b\r\n.png")).toBe("ab.png");
    expect(safeFileName("..")).toBe("");
    expect(safeFileName("x".repeat(300))).toHaveLength(200);
  });
});
