import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

// Every unknown address ends here, also under /en/ (a page calling notFound()
// too): no locale layout wraps it, so it speaks both languages, Chinese first.
export default function GlobalNotFound() {
  return (
    <html lang="zh-CN">
      <body className="p-8 font-sans text-slate-900">
        {/* No locale layout supplies a title here; React moves this one into the head. */}
        <title>{`${zh.notFound.title} · ${en.notFound.title}`}</title>
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
