import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { RecoveryWarning } from "@/components/victims/recovery-warning";
import { StatusSignInForm } from "@/components/victims/status-sign-in-form";
import { currentStatusReport } from "@/lib/victims/status-session";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "status" });
  return { title: t("title") };
}

/** Reference + PIN from the receipt. Already signed in to a report: straight to its status. */
export default async function StatusPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  if (await currentStatusReport()) redirect(`/${locale}/status/report`);
  const t = await getTranslations("status");
  const messages = await getMessages();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-2 text-slate-700">{t("intro")}</p>
      </div>
      <RecoveryWarning />
      <NextIntlClientProvider messages={{ status: messages.status, errors: messages.errors }}>
        <StatusSignInForm locale={locale} />
      </NextIntlClientProvider>
      <p className="text-sm text-slate-700">{t("lostPin")}</p>
    </div>
  );
}
