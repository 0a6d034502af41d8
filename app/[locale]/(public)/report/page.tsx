import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { ReportForm } from "@/components/report/report-form";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "report" });
  return { title: t("title") };
}

function todayInChina(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

export default async function ReportPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("report");
  const messages = await getMessages();
  const { MAX_EVIDENCE_FILES, MAX_EVIDENCE_MB } = env();
  // Only what the form needs goes to the browser.
  const clientMessages = {
    report: messages.report,
    receipt: messages.receipt,
    options: messages.options,
    errors: messages.errors,
  };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p id="report-intro" className="mt-2 text-slate-700">
          {t("intro")}
        </p>
      </div>
      <NextIntlClientProvider messages={clientMessages}>
        <ReportForm
          token={randomUUID()}
          locale={locale}
          maxFiles={MAX_EVIDENCE_FILES}
          maxMb={MAX_EVIDENCE_MB}
          today={todayInChina()}
        />
      </NextIntlClientProvider>
    </div>
  );
}
