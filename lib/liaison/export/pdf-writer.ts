/**
 * A small flowing-layout writer over pdf-lib for the export PDFs: paragraphs
 * that wrap (Chinese between any two characters, other text at spaces, long
 * account numbers and URLs anywhere), label/value blocks, and tables whose
 * rows wrap and continue on the next page under a repeated header. Every page
 * gets a footer (the export id and "page n of N") when the document is saved.
 */
import "server-only";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb, type RGB } from "pdf-lib";
import { cjkFontBytes } from "./pdf-font";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER_SPACE = 40;
const LINE = 1.45; // line height as a multiple of the font size
const CELL_PAD = 4;
export const INK = rgb(0.1, 0.1, 0.12);
export const GREY = rgb(0.4, 0.42, 0.46);
export const RED = rgb(0.72, 0.08, 0.08);
const RULE = rgb(0.78, 0.8, 0.84);
const HEADER_FILL = rgb(0.93, 0.94, 0.96);

export interface Column {
  title: string;
  /** Share of the text width; the shares of a table add up to 1. */
  share: number;
}

interface TextOptions {
  size?: number;
  color?: RGB;
  align?: "left" | "center";
  after?: number;
}

// Characters that may break anywhere: CJK ideographs, kana, hangul, full-width forms and punctuation.
const BREAK_ANY = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/;

/** Control characters have no glyph: tabs and the like become spaces (line breaks are handled first). */
function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, " ");
}

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  readonly width = A4[0] - 2 * MARGIN;

  private constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
  ) {
    this.newPage();
  }

  static async create(meta: { title: string; lang: string; created: Date }): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(await cjkFontBytes(), { subset: true });
    doc.setTitle(meta.title, { showInWindowTitleBar: true });
    doc.setLanguage(meta.lang);
    doc.setCreator("scam-casework");
    doc.setProducer("scam-casework (pdf-lib)");
    doc.setCreationDate(meta.created);
    doc.setModificationDate(meta.created);
    return new PdfWriter(doc, font);
  }

  private newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Room left above the footer. */
  private get room() {
    return this.y - (MARGIN - 16 + FOOTER_SPACE);
  }

  private ensure(height: number) {
    if (height > this.room) this.newPage();
  }

  space(h: number) {
    this.y -= h;
  }

  /** Lines of at most `max` points at `size`, breaking as described above. */
  wrap(text: string, size: number, max: number): string[] {
    const out: string[] = [];
    const w = (s: string) => this.font.widthOfTextAtSize(s, size);
    for (const raw of clean(text).split(/\r\n|\r|\n/)) {
      const tokens = raw.match(/\s+|[^\s]/gu) ?? [];
      // Join runs of non-CJK, non-space characters into words.
      const words: string[] = [];
      for (const tok of tokens) {
        const last = words.length - 1;
        const joinable = (s: string) => !/\s/.test(s) && !BREAK_ANY.test(s);
        if (last >= 0 && joinable(tok) && joinable(words[last]!.slice(-1))) words[last] += tok;
        else words.push(tok);
      }
      let line = "";
      let width = 0;
      const flush = () => {
        out.push(line.trimEnd());
        line = "";
        width = 0;
      };
      for (const word of words) {
        const ww = w(word);
        if (width + ww <= max) {
          if (!(line === "" && /^\s+$/.test(word))) [line, width] = [line + word, width + ww];
          continue;
        }
        if (/^\s+$/.test(word)) {
          flush();
          continue;
        }
        if (line !== "") flush();
        if (ww <= max) [line, width] = [word, ww];
        else {
          // A word longer than the line (an account number, a URL): break it anywhere.
          for (const ch of word) {
            const cw = w(ch);
            if (width + cw > max && line !== "") flush();
            [line, width] = [line + ch, width + cw];
          }
        }
      }
      out.push(line.trimEnd());
    }
    return out;
  }

  text(text: string, opts: TextOptions = {}) {
    const size = opts.size ?? 10.5;
    for (const line of this.wrap(text, size, this.width)) {
      this.ensure(size * LINE);
      this.y -= size * LINE;
      const x = opts.align === "center" ? MARGIN + (this.width - this.font.widthOfTextAtSize(line, size)) / 2 : MARGIN;
      this.page.drawText(line, { x, y: this.y + size * 0.3, size, font: this.font, color: opts.color ?? INK });
    }
    this.y -= opts.after ?? 4;
  }

  heading(text: string) {
    this.ensure(60); // never a heading alone at the foot of a page
    this.space(8);
    this.text(text, { size: 13, after: 2 });
    this.rule();
  }

  rule(color: RGB = RULE, thickness = 0.8) {
    this.y -= 3;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: MARGIN + this.width, y: this.y },
      thickness,
      color,
    });
    this.y -= 6;
  }

  /** Label and value side by side; the value wraps under itself. */
  keyValues(pairs: [string, string][], size = 10.5) {
    const labelWidth = Math.min(130, this.width * 0.3);
    for (const [label, value] of pairs) {
      const labels = this.wrap(label, size, labelWidth - 8);
      const values = this.wrap(value || "—", size, this.width - labelWidth);
      for (let i = 0; i < Math.max(labels.length, values.length); i++) {
        this.ensure(size * LINE);
        this.y -= size * LINE;
        const base = this.y + size * 0.3;
        const l = labels[i];
        const v = values[i];
        if (l) this.page.drawText(l, { x: MARGIN, y: base, size, font: this.font, color: GREY });
        if (v) this.page.drawText(v, { x: MARGIN + labelWidth, y: base, size, font: this.font, color: INK });
      }
    }
    this.y -= 4;
  }

  /** A table; rows wrap, and a row too tall for the page continues on the next under the header again. */
  table(columns: Column[], rows: string[][], size = 9) {
    const lineH = size * LINE;
    const widths = columns.map((c) => c.share * this.width);
    const layout = (cells: string[]) => cells.map((c, i) => this.wrap(c, size, widths[i]! - 2 * CELL_PAD));
    const header = layout(columns.map((c) => c.title));
    const headerH = Math.max(...header.map((l) => l.length)) * lineH + 2 * CELL_PAD;

    const drawRow = (cells: string[][], height: number, fill?: RGB) => {
      const top = this.y;
      if (fill) this.page.drawRectangle({ x: MARGIN, y: top - height, width: this.width, height, color: fill });
      let x = MARGIN;
      cells.forEach((lines, i) => {
        lines.forEach((line, n) => {
          const y = top - CELL_PAD - (n + 1) * lineH + size * 0.3;
          if (line) this.page.drawText(line, { x: x + CELL_PAD, y, size, font: this.font, color: fill ? GREY : INK });
        });
        x += widths[i]!;
      });
      this.y = top - height;
      this.page.drawLine({
        start: { x: MARGIN, y: this.y },
        end: { x: MARGIN + this.width, y: this.y },
        thickness: 0.5,
        color: RULE,
      });
    };
    const drawHeader = () => drawRow(header, headerH, HEADER_FILL);

    // Lines of one row that fit on a page of their own, under the header.
    const freshFit = Math.floor((A4[1] - MARGIN - (MARGIN - 16 + FOOTER_SPACE) - headerH - 2 * CELL_PAD) / lineH);
    this.ensure(headerH + lineH + 2 * CELL_PAD);
    drawHeader();
    for (const row of rows) {
      let cells = layout(row);
      while (cells.some((l) => l.length > 0)) {
        const tallest = Math.max(1, ...cells.map((l) => l.length));
        let fit = Math.floor((this.room - 2 * CELL_PAD) / lineH);
        if (fit < tallest && (fit < 2 || tallest <= freshFit)) {
          // The row would fit whole on a fresh page (or not even its start fits here): carry it over.
          this.newPage();
          drawHeader();
          fit = Math.floor((this.room - 2 * CELL_PAD) / lineH);
        }
        const take = Math.min(tallest, fit);
        drawRow(
          cells.map((l) => l.slice(0, take)),
          take * lineH + 2 * CELL_PAD,
        );
        cells = cells.map((l) => l.slice(take));
        if (cells.some((l) => l.length > 0)) {
          this.newPage();
          drawHeader();
        }
      }
    }
    this.y -= 8;
  }

  /** Footers on every page, then the file's bytes. */
  async save(footer: (page: number, pages: number) => string): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const size = 8;
      const text = footer(i + 1, pages.length);
      const x = MARGIN + (this.width - this.font.widthOfTextAtSize(text, size)) / 2;
      page.drawLine({
        start: { x: MARGIN, y: MARGIN - 12 },
        end: { x: MARGIN + this.width, y: MARGIN - 12 },
        thickness: 0.5,
        color: RULE,
      });
      page.drawText(text, { x, y: MARGIN - 26, size, font: this.font, color: GREY });
    });
    return this.doc.save();
  }
}
