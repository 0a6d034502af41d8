/**
 * `npx tsx scripts/make-icons.ts`: writes public/favicon.svg, public/favicon.ico
 * (16 and 32 px) and the manifest's PNG icons from ONE shape description, so the
 * vector and the bitmaps cannot drift apart. Hand-written rather than an npm
 * tool: the converters (sharp, png-to-ico) bring native binaries or a large
 * image stack for three small files (DEVELOPERS.md, "Offline by design").
 * The outputs are committed; run this again only when the design changes.
 *
 * The design: the brand-blue rounded square with a white shield and a check mark.
 */
import fs from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

type Pt = [number, number];
type Rgb = [number, number, number];

const BLUE: Rgb = [0x17, 0x4c, 0x99]; // --color-brand-700 (app/globals.css)
const WHITE: Rgb = [0xff, 0xff, 0xff];
const VIEW = 32; // the SVG's viewBox; the pixel grids are scaled from it
const CORNER = 6;
// The shield: straight shoulders, then two cubic curves down to the point.
const SHIELD_TOP: Pt[] = [
  [16, 4.5],
  [25.5, 8],
  [25.5, 15],
];
const SHIELD_RIGHT: [Pt, Pt, Pt] = [
  [25.5, 21.5],
  [21, 25.5],
  [16, 28],
];
const SHIELD_LEFT: [Pt, Pt, Pt] = [
  [11, 25.5],
  [6.5, 21.5],
  [6.5, 15],
];
const SHIELD_END: Pt = [6.5, 8];
const CHECK: Pt[] = [
  [11, 16.5],
  [14.5, 20],
  [21, 12.5],
];
const CHECK_WIDTH = 3;

function svg(): string {
  const p = (pt: Pt) => pt.join(" ");
  const shield =
    `M${p(SHIELD_TOP[0]!)} L${p(SHIELD_TOP[1]!)} L${p(SHIELD_TOP[2]!)} ` +
    `C${SHIELD_RIGHT.map(p).join(" ")} C${SHIELD_LEFT.map(p).join(" ")} L${p(SHIELD_END)} Z`;
  const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${VIEW} ${VIEW}">`,
    `<rect width="${VIEW}" height="${VIEW}" rx="${CORNER}" fill="${hex(BLUE)}"/>`,
    `<path d="${shield}" fill="${hex(WHITE)}"/>`,
    `<polyline points="${CHECK.map((c) => c.join(",")).join(" ")}" fill="none" stroke="${hex(BLUE)}" ` +
      `stroke-width="${CHECK_WIDTH}" stroke-linecap="round" stroke-linejoin="round"/>`,
    `</svg>`,
    "",
  ].join("\n");
}

function cubic(a: Pt, [b, c, d]: [Pt, Pt, Pt], steps = 24): Pt[] {
  const out: Pt[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    const f = (k: 0 | 1) => u * u * u * a[k] + 3 * u * u * t * b[k] + 3 * u * t * t * c[k] + t * t * t * d[k];
    out.push([f(0), f(1)]);
  }
  return out;
}

const SHIELD: Pt[] = [
  ...SHIELD_TOP,
  ...cubic(SHIELD_TOP[2]!, SHIELD_RIGHT),
  ...cubic(SHIELD_RIGHT[2], SHIELD_LEFT),
  SHIELD_END,
];

function inPolygon([x, y]: Pt, poly: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRoundedSquare([x, y]: Pt): boolean {
  const dx = Math.max(CORNER - x, x - (VIEW - CORNER), 0);
  const dy = Math.max(CORNER - y, y - (VIEW - CORNER), 0);
  return x >= 0 && y >= 0 && x <= VIEW && y <= VIEW && dx * dx + dy * dy <= CORNER * CORNER;
}

function nearPolyline([x, y]: Pt, line: Pt[], width: number): boolean {
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1]!;
    const [bx, by] = line[i]!;
    const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / len2));
    if ((x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= (width / 2) ** 2) return true;
  }
  return false;
}

/** The colour at a point of the viewBox, or null outside the icon (transparent). */
function colourAt(pt: Pt): Rgb | null {
  if (!inRoundedSquare(pt)) return null;
  if (nearPolyline(pt, CHECK, CHECK_WIDTH)) return BLUE;
  return inPolygon(pt, SHIELD) ? WHITE : BLUE;
}

/** size × size RGBA pixels, top row first, each averaged over 4 × 4 samples. */
function raster(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt([((x + (sx + 0.5) / n) * VIEW) / size, ((y + (sy + 0.5) / n) * VIEW) / size]);
          if (!c) continue;
          for (let k = 0; k < 3; k++) sum[k]! += c[k]!;
          sum[3]! += 1;
        }
      }
      const o = (y * size + x) * 4;
      const covered = sum[3]!;
      for (let k = 0; k < 3; k++) px[o + k] = covered ? Math.round(sum[k]! / covered) : 0;
      px[o + 3] = Math.round((covered / (n * n)) * 255);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function png(size: number): Buffer {
  const px = raster(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(px.subarray(y * size * 4, (y + 1) * size * 4)).copy(rows, y * (size * 4 + 1) + 1);
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** An ICO whose images are 32-bit BMPs (bottom row first, BGRA, plus the 1-bit AND mask every reader expects). */
function ico(sizes: number[]): Buffer {
  const images = sizes.map((size) => {
    const px = raster(size);
    const header = Buffer.alloc(40);
    header.writeUInt32LE(40, 0);
    header.writeInt32LE(size, 4);
    header.writeInt32LE(size * 2, 8); // colour + mask heights
    header.writeUInt16LE(1, 12);
    header.writeUInt16LE(32, 14);
    const colour = Buffer.alloc(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const s = (y * size + x) * 4;
        const d = ((size - 1 - y) * size + x) * 4;
        colour.set([px[s + 2]!, px[s + 1]!, px[s]!, px[s + 3]!], d);
      }
    }
    const maskRow = Math.ceil(size / 32) * 4;
    const mask = Buffer.alloc(maskRow * size); // all zero: the alpha channel decides
    return Buffer.concat([header, colour, mask]);
  });
  const dir = Buffer.alloc(6 + 16 * sizes.length);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2); // icon
  dir.writeUInt16LE(sizes.length, 4);
  let offset = dir.length;
  sizes.forEach((size, i) => {
    const e = 6 + 16 * i;
    dir[e] = size % 256;
    dir[e + 1] = size % 256;
    dir.writeUInt16LE(1, e + 4);
    dir.writeUInt16LE(32, e + 6);
    dir.writeUInt32LE(images[i]!.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += images[i]!.length;
  });
  return Buffer.concat([dir, ...images]);
}

const out = path.resolve(import.meta.dirname, "../public");
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, "favicon.svg"), svg());
fs.writeFileSync(path.join(out, "favicon.ico"), ico([16, 32]));
fs.writeFileSync(path.join(out, "icon-192.png"), png(192));
fs.writeFileSync(path.join(out, "icon-512.png"), png(512));
fs.writeFileSync(path.join(out, "apple-touch-icon.png"), png(180));
console.log(`icons written to ${out}`);
