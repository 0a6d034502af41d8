/**
 * Types we accept, decided from the bytes, never from the name or the
 * browser's claim, with the extension a download of each gets.
 */
export const EVIDENCE_EXTENSIONS: Readonly<Record<string, string>> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/heic": "heic",
  "image/heif": "heif",
  "image/bmp": "bmp",
  "image/tiff": "tif",
  "application/pdf": "pdf",
};
