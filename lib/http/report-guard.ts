import type { NextRequest } from "next/server";
import { createTranslator } from "next-intl";
import { routing } from "@/i18n/routing";
import { env } from "@/lib/env";
import { clientIpFrom } from "./client-ip";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

type Refusal = 413 | 429;

const REPORT_PATH = new RegExp(`^/(${routing.locales.join("|")})/report/?$`);

export function maxBodyBytes(): number {
  const { MAX_EVIDENCE_FILES, MAX_EVIDENCE_MB } = env();
  // Files plus a generous allowance for the text fields and multipart framing.
  return MAX_EVIDENCE_FILES * MAX_EVIDENCE_MB * 1024 * 1024 + 2 * 1024 * 1024;
}

export async function reportPostGuard(request: NextRequest): Promise<Refusal | null> {
  if (!REPORT_PATH.test(request.nextUrl.pathname)) return null;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > maxBodyBytes()) return 413;
  // A JavaScript submission gets its answer from the action itself (a 429 here
  // would surface as a broken response in the page); plain form posts get a page.
  if (request.headers.get("next-action")) return null;
  const { isReportLimitedForIp } = await import("@/lib/reports/rate-limit-check");
  return (await isReportLimitedForIp(clientIpFrom(request.headers))) ? 429 : null;
}

function escape(s: string) {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

export function refusePage(status: Refusal, request: NextRequest): Response {
  const locale = request.nextUrl.pathname.startsWith("/en") ? "en" : "zh-CN";
  // The message files are compiled at build time; the translator reads that form.
  const t = createTranslator({ locale, messages: locale === "en" ? en : zh, namespace: "limits" });
  const { MAX_EVIDENCE_FILES: maxFiles, MAX_EVIDENCE_MB: maxMb } = env();
  const title = status === 429 ? t("tooManyTitle") : t("tooLargeTitle");
  const body = status === 429 ? t("tooManyBody") : t("tooLargeBody", { maxFiles, maxMb });
  const back = t("back");
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0f172a;line-height:1.6}h1{font-size:1.5rem}a{color:#174c99}</style>
</head><body><main><h1>${escape(title)}</h1><p>${escape(body)}</p><p><a href="/${locale}/report">${escape(back)}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      ...(status === 429 ? { "retry-after": String(env().REPORT_RATE_WINDOW_MINUTES * 60) } : {}),
      connection: "close",
    },
  });
}
