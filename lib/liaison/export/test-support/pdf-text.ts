/**
 * Reads a generated PDF back the way a viewer does (pdfjs-dist, the legacy
 * build for Node): text per page, from the embedded font's ToUnicode map. If a
 * CJK glyph were missing or mis-mapped, the Chinese would not come back.
 */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdfjs takes ownership of (detaches) the buffer it is given
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((i) => ("str" in i ? i.str : "")).join("\n"));
  }
  await doc.destroy();
  return pages;
}
