/** What the export route handlers share: the file's language and the download response. */
import "server-only";
import contentDisposition from "content-disposition";
import type { ExportFile, ExportLocale } from "./types";

/** `?locale=en|zh-CN`, else the site's language cookie, else Chinese. */
export function exportLocale(url: URL, cookieLocale: string | undefined): ExportLocale {
  const asked = url.searchParams.get("locale") ?? cookieLocale;
  return asked === "en" ? "en" : "zh-CN";
}

export function downloadResponse(file: ExportFile): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": contentDisposition(file.filename),
      "content-length": String(file.body.length),
    },
  });
}
