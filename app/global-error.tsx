"use client";
import "./globals.css";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/errors/digest";
import en from "@/messages/ops/error-page.en.json";
import zh from "@/messages/ops/error-page.zh-CN.json";

/**
 * When even the locale layout failed: no layout wraps this page, so, like the
 * not-found page, it speaks both languages, Chinese first.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const digest = error.digest ?? "";
  const unavailable = digest.startsWith(DATABASE_UNAVAILABLE_DIGEST);
  const id = unavailable ? digest.slice(DATABASE_UNAVAILABLE_DIGEST.length) : "";
  const [z, e] = [zh.errorPage, en.errorPage];
  return (
    <html lang="zh-CN">
      <body className="p-8 font-sans text-slate-900">
        <main className="space-y-2">
          <h1 className="text-xl font-semibold">
            {unavailable ? z.unavailableTitle : z.title} ·{" "}
            <span lang="en">{unavailable ? e.unavailableTitle : e.title}</span>
          </h1>
          <p>{unavailable ? z.unavailableBody : z.body}</p>
          <p lang="en">{unavailable ? e.unavailableBody : e.body}</p>
          {id ? (
            <p>
              {z.requestId} <code>{id}</code>
            </p>
          ) : null}
          <p>
            {/* Outside every locale layout: a full page load is intended. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/zh-CN" className="text-brand-700 underline">
              {z.home}
            </a>
            {" · "}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/en" lang="en" className="text-brand-700 underline">
              {e.home}
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
