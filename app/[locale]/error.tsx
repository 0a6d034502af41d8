"use client";
import { useParams, usePathname } from "next/navigation";
import { useRequestId } from "@/components/layout/request-id";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/errors/digest";
import en from "@/messages/ops/error-page.en.json";
import zh from "@/messages/ops/error-page.zh-CN.json";

/**
 * The "please try again" page for any page under a locale whose rendering
 * failed. Next.js gives it no status of its own: the gate (lib/http/edge.ts)
 * answers 503 when the database was unreachable, 500 otherwise. It names the
 * request (the id in X-Request-Id and on every log line of that request) so
 * a person can quote it, and works without JavaScript: "try again" is a link.
 */
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  const { locale } = useParams<{ locale: string }>();
  const pathname = usePathname();
  const t = (locale === "en" ? en : zh).errorPage;
  const fromLayout = useRequestId();
  const digest = error.digest ?? "";
  const unavailable = digest.startsWith(DATABASE_UNAVAILABLE_DIGEST);
  // The failing request's own id travels in the digest; the layout's may be an
  // earlier page's after a client-side navigation.
  const id = (unavailable && digest.slice(DATABASE_UNAVAILABLE_DIGEST.length)) || fromLayout;
  return (
    <main id="main" className="mx-auto max-w-xl space-y-4 px-4 py-12">
      <h1 className="text-2xl font-bold">{unavailable ? t.unavailableTitle : t.title}</h1>
      <p className="text-slate-700">{unavailable ? t.unavailableBody : t.body}</p>
      {id ? (
        <p className="text-sm text-slate-600">
          {t.requestId} <code className="font-mono">{id}</code>
        </p>
      ) : null}
      <p className="flex gap-4">
        <a href={pathname} className="text-brand-700 underline">
          {t.retry}
        </a>
        <a href={`/${locale === "en" ? "en" : "zh-CN"}`} className="text-brand-700 underline">
          {t.home}
        </a>
      </p>
    </main>
  );
}
