// Requests outside any locale (e.g. /nope) end here; there is no locale yet, so bilingual.
export default function GlobalNotFound() {
  return (
    <html lang="zh-CN">
      <body className="p-8 font-sans text-slate-900">
        <main>
          <h1>页面不存在 · Page not found</h1>
          <p>
            {/* Outside every locale layout: a full page load into the other root layout is intended. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/zh-CN">返回首页</a> · <a href="/en">Home</a>
          </p>
        </main>
      </body>
    </html>
  );
}
