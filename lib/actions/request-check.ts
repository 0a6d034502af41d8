/**
 * Every server action of this app takes a form (FormData), so React always
 * sends it as multipart/form-data. A POST naming an action (Next-Action header)
 * with any other body — "[]", JSON, a bare string — is a crafted call: the
 * proxy answers it 400 before Next decodes it. Next gives an action no way to
 * set its own status; a crafted multipart call that still carries no form is
 * answered by the mutation core with the form's usual "badRequest" error.
 */
import { createTranslator } from "next-intl";
import { catalogues } from "@/messages";

const en = catalogues.en;
const zh = catalogues["zh-CN"];

export function isMalformedActionPost(method: string, headers: Headers): boolean {
  if (method !== "POST" || !headers.get("next-action")) return false;
  return !/^multipart\/form-data\s*;/i.test(headers.get("content-type") ?? "");
}

export function badActionResponse(pathname: string): Response {
  const locale = pathname.startsWith("/en") ? "en" : "zh-CN";
  const t = createTranslator({ locale, messages: locale === "en" ? en : zh, namespace: "errors" });
  return new Response(t("badRequest"), {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
