/**
 * How an evidence download is named and typed. The victim's file name is kept
 * for recognition only: the extension and the type always come from the bytes
 * as sniffed on upload, so a PNG called "report.html" downloads as
 * "report.png", image/png. Pure (unit-tested); the route sets the headers.
 */
import contentDisposition from "content-disposition";
import { safeFileName } from "@/lib/vocab/text";
import { EVIDENCE_EXTENSIONS } from "./evidence-types";

/** "report.html" + image/png → "report.png"; nothing usable left → "evidence.png". */
export function downloadName(originalName: string, mime: string): string {
  const ext = EVIDENCE_EXTENSIONS[mime] ?? "bin";
  // Names stored before uploads were cleaned are cleaned again here.
  const stem = safeFileName(originalName)
    .replace(/\.[A-Za-z0-9]{1,8}$/, "")
    .replace(/["\\/:*?<>|]/g, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  return `${stem || "evidence"}.${ext}`;
}

/** The response headers of a download: always an attachment, never sniffed or rendered. */
export function evidenceHeaders(originalName: string, mime: string): Record<string, string> {
  const name = downloadName(originalName, mime);
  // RFC 6266 with an RFC 5987 filename* for non-ASCII names; plain ASCII fallback.
  const fallback = name.replace(/[^\x20-\x7E]/g, "_");
  return {
    "content-type": EVIDENCE_EXTENSIONS[mime] ? mime : "application/octet-stream",
    "content-disposition": contentDisposition(name, { type: "attachment", fallback }),
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "cache-control": "private, no-store",
  };
}
