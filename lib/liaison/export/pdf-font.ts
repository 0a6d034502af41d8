/**
 * The CJK font embedded in every export PDF: Noto Sans SC Regular, a TrueType
 * build (glyf outlines) from the npm package @expo-google-fonts/noto-sans-sc
 * (font under the SIL Open Font License 1.1; see docs/liaison-exports.md).
 * TrueType rather than the CFF-based Source Han / Noto Sans CJK OTFs, whose
 * subsetting in fontkit is known to break; embedded with subset: true, a
 * letter carries only the glyphs it uses (tens of KB).
 */
import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

export const CJK_FONT_PACKAGE = "@expo-google-fonts/noto-sans-sc";
const FONT_FILE = "400Regular/NotoSansSC_400Regular.ttf";

let cached: Promise<Uint8Array> | undefined;

/**
 * The font's bytes, read and prepared once per process (about 10 MB). Read
 * from the working directory's node_modules, which `npm start`, the scripts
 * and the tests all run from (a bundler-resolved path would point into .next/).
 */
export function cjkFontBytes(): Promise<Uint8Array> {
  cached ??= readFile(path.join(process.cwd(), "node_modules", CJK_FONT_PACKAGE, FONT_FILE)).then(
    (b) => padGlyphRecords(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
    (e: unknown) => {
      cached = undefined; // let a later export try again
      throw e;
    },
  );
  return cached;
}

const tag = (b: DataView, at: number) =>
  String.fromCharCode(b.getUint8(at), b.getUint8(at + 1), b.getUint8(at + 2), b.getUint8(at + 3));
const pad4 = (n: number) => (n + 3) & ~3;

/** The sfnt table checksum: the sum of big-endian 32-bit words, the last one padded with zeros. */
function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    const word =
      ((bytes[i]! << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0)) >>> 0;
    sum = (sum + word) >>> 0;
  }
  return sum;
}

/**
 * The same font with every glyph record padded to an even length.
 *
 * Why: fontkit 1.1.1 (what pdf-lib uses) copies glyph records into the subset
 * as they are and then writes the subset's `loca` in the short format, which
 * stores offset ÷ 2. Noto Sans SC from Google Fonts uses long offsets and does
 * not pad its records, so after the first odd-length glyph every later glyph
 * of the subset points one byte off and viewers draw nothing or garbage (the
 * text still extracts, so only rendering shows it). With even records the
 * halved offsets are exact. Fonts already padded are returned unchanged.
 */
export function padGlyphRecords(font: Uint8Array): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    tables.set(tag(view, rec), { offset: view.getUint32(rec + 8), length: view.getUint32(rec + 12) });
  }
  const head = tables.get("head");
  const maxp = tables.get("maxp");
  const loca = tables.get("loca");
  const glyf = tables.get("glyf");
  if (!head || !maxp || !loca || !glyf) return font; // not a TrueType-outline font
  if (view.getInt16(head.offset + 50) !== 1) return font; // short offsets are even by construction
  const numGlyphs = view.getUint16(maxp.offset + 4);
  const offsets = Array.from({ length: numGlyphs + 1 }, (_, i) => view.getUint32(loca.offset + 4 * i));
  if (offsets.every((o) => o % 2 === 0)) return font;

  // New glyf and loca (still long offsets).
  const lengths = offsets.slice(0, -1).map((o, i) => offsets[i + 1]! - o);
  const newGlyf = new Uint8Array(lengths.reduce((s, l) => s + l + (l % 2), 0));
  const newLoca = new Uint8Array(4 * (numGlyphs + 1));
  const locaView = new DataView(newLoca.buffer);
  let at = 0;
  lengths.forEach((len, i) => {
    locaView.setUint32(4 * i, at);
    newGlyf.set(font.subarray(glyf.offset + offsets[i]!, glyf.offset + offsets[i]! + len), at);
    at += len + (len % 2);
  });
  locaView.setUint32(4 * numGlyphs, at);

  // Lay the tables out again, 4-byte aligned, in their original order in the directory.
  const names = [...tables.keys()];
  const data = names.map((name) =>
    name === "glyf"
      ? newGlyf
      : name === "loca"
        ? newLoca
        : font.subarray(tables.get(name)!.offset, tables.get(name)!.offset + tables.get(name)!.length),
  );
  const dirSize = 12 + 16 * numTables;
  const out = new Uint8Array(dirSize + data.reduce((s, d) => s + pad4(d.length), 0));
  const outView = new DataView(out.buffer);
  out.set(font.subarray(0, 12));
  let offset = dirSize;
  names.forEach((name, i) => {
    const d = data[i]!;
    const rec = 12 + 16 * i;
    out.set(font.subarray(rec, rec + 4), rec);
    outView.setUint32(rec + 4, name === "head" ? 0 : checksum(d)); // head's is set below
    outView.setUint32(rec + 8, offset);
    outView.setUint32(rec + 12, d.length);
    out.set(d, offset);
    if (name === "head") outView.setUint32(offset + 8, 0); // checkSumAdjustment, recomputed below
    offset += pad4(d.length);
  });
  const headIndex = names.indexOf("head");
  const headAt = outView.getUint32(12 + 16 * headIndex + 8);
  outView.setUint32(12 + 16 * headIndex + 4, checksum(out.subarray(headAt, headAt + head.length)));
  outView.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
