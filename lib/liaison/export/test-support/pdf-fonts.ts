/**
 * Checks what a viewer would draw: the TrueType font programs embedded in a
 * PDF (FontFile2), parsed with fontkit, must hold the very outlines of the
 * source font for the given characters. Text extraction alone would not see a
 * broken subset: the ToUnicode map survives when the outlines do not.
 */
import fontkit from "@pdf-lib/fontkit";
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from "pdf-lib";
import { cjkFontBytes } from "../pdf-font";

async function embeddedFontPrograms(pdf: Uint8Array): Promise<Uint8Array[]> {
  const doc = await PDFDocument.load(pdf);
  const out: Uint8Array[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of("Type")) !== PDFName.of("FontDescriptor")) continue;
    const ref = obj.get(PDFName.of("FontFile2"));
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
    if (stream instanceof PDFRawStream) out.push(decodePDFRawStream(stream).decode());
  }
  return out;
}

/** The characters of `text` whose outline is missing from (or wrong in) every embedded font. */
export async function charactersNotDrawn(pdf: Uint8Array, text: string): Promise<string[]> {
  const source = fontkit.create(Buffer.from(await cjkFontBytes()));
  const outlines = new Set<string>();
  for (const program of await embeddedFontPrograms(pdf)) {
    const font = fontkit.create(Buffer.from(program));
    for (let id = 0; id < font.numGlyphs; id++) outlines.add(font.getGlyph(id).path.toSVG());
  }
  return [...new Set(text.replace(/\s/g, ""))].filter(
    (ch) => !outlines.has(source.glyphForCodePoint(ch.codePointAt(0)!).path.toSVG()),
  );
}
