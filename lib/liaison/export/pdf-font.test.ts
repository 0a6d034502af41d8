import fontkit from "@pdf-lib/fontkit";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CJK_FONT_PACKAGE, cjkFontBytes, padGlyphRecords } from "./pdf-font";

/** fontkit parses the loca table but does not declare it. */
const locaOffsets = (font: object) => (font as unknown as { loca: { offsets: number[] } }).loca.offsets;

const SAMPLE = "滨江市公安局反诈中心冻结止付 Binjiang ¥38,000.00";

describe("the export font", () => {
  it("is the package's Noto Sans SC TrueType font, with every glyph record of even length", async () => {
    const raw = await readFile(path.join("node_modules", CJK_FONT_PACKAGE, "400Regular/NotoSansSC_400Regular.ttf"));
    const original = fontkit.create(raw);
    const padded = fontkit.create(Buffer.from(await cjkFontBytes()));
    expect(padded.postscriptName).toBe("NotoSansSC-Regular");
    expect(padded.numGlyphs).toBe(original.numGlyphs);
    // The untouched font has odd records: the reason for padding at all.
    const oddBefore = locaOffsets(original).filter((o) => o % 2 === 1).length;
    expect(oddBefore).toBeGreaterThan(0);
    expect(locaOffsets(padded).filter((o) => o % 2 === 1)).toEqual([]);
    // Same outlines and metrics.
    for (const char of SAMPLE) {
      const a = original.glyphForCodePoint(char.codePointAt(0)!);
      const b = padded.glyphForCodePoint(char.codePointAt(0)!);
      expect(b.id).toBe(a.id);
      expect(b.advanceWidth).toBe(a.advanceWidth);
      expect(b.path.toSVG()).toBe(a.path.toSVG());
    }
  });

  it("leaves a font without odd records as it is", async () => {
    const padded = await cjkFontBytes();
    expect(padGlyphRecords(padded)).toBe(padded);
  });

  it("keeps the font's checksums valid", async () => {
    const bytes = await cjkFontBytes();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let sum = 0;
    for (let i = 0; i < bytes.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba); // the whole file sums to the magic number
  });
});
