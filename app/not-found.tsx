import type { Metadata } from "next";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

// Next.js resolves this after the layouts' metadata; "absolute" keeps the locale
// layout's "· app name" template off. (A page that calls notFound() keeps the
// title its own generateMetadata gave, e.g. the case page's "Case …".)
export const metadata: Metadata = { title: { absolute: `${zh.notFound.title} · ${en.notFound.title}` } };

// Every unknown address ends here, also under /en/ (a page calling notFound()
// too): no locale layout wraps it, so it speaks both languages, Chinese first.
export default function GlobalNotFound() {
  return (
    <html lang="zh-CN">
      <body className="p-8 font-sans text-slate-900">
        <main className="space-y-2">
          <h1 className="text-xl font-semibold">
            {zh.notFound.title} · <span lang="en">{en.notFound.title}</span>
          </h1>
          <p>{zh.notFound.body}</p>
          <p lang="en">{en.notFound.body}</p>
          <p>
            {/* Outside every locale layout: a full page load into the other root layout is intended. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/zh-CN" className="text-brand-700 underline">
              {zh.notFound.home}
            </a>
            {" · "}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/en" lang="en" className="text-brand-700 underline">
              {en.notFound.home}
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
