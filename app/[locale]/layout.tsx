import type { ReactNode } from "react";
import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { headers } from "next/headers";
import { RequestIdProvider } from "@/components/layout/request-id";
import { requestIdFrom } from "@/lib/http/request-id";
import { routing } from "@/i18n/routing";

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#123b77" };

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "common" });
  return { title: { default: t("appName"), template: `%s · ${t("appName")}` }, description: t("tagline") };
}

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const requestId = requestIdFrom(await headers());
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {/* No i18n provider here: pages with client components that translate
            wrap them in one with just the messages they need. */}
        <RequestIdProvider id={requestId}>{children}</RequestIdProvider>
      </body>
    </html>
  );
}
