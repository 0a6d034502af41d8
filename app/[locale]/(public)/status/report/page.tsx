import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { Button } from "@/components/ui/field";
import { AddInformationForm } from "@/components/victims/add-information-form";
import { RecoveryWarning } from "@/components/victims/recovery-warning";
import { StatusAdvice } from "@/components/victims/status-advice";
import { StatusDetails } from "@/components/victims/status-details";
import { VictimBulletins } from "@/components/victims/victim-bulletins";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { bulletinsForReport } from "@/lib/victims/bulletins";
import { statusSignOutAction } from "@/lib/victims/status-actions";
import { currentStatusReport } from "@/lib/victims/status-session";
import { statusView } from "@/lib/victims/status-view";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "status" });
  return { title: t("title") };
}

/** The status of the one report this browser is signed in to (reference + PIN); otherwise the form. */
export default async function StatusReportPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await currentStatusReport();
  if (!session) redirect(`/${locale}/status`);
  const client = await db();
  const view = await statusView(client, { actor: null, ip: clientIpFrom(await headers()) }, session);
  if (!view) redirect(`/${locale}/status`);
  const bulletins = await bulletinsForReport(client, session.reportId, locale);
  const t = await getTranslations("status");
  const messages = await getMessages();
  const { MAX_EVIDENCE_FILES, MAX_EVIDENCE_MB, STATUS_SESSION_MINUTES } = env();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t("reportTitle", { reference: view.reference })}</h1>
          <p className="mt-2 text-sm text-slate-700">{t("signedInNote", { minutes: STATUS_SESSION_MINUTES })}</p>
        </div>
        <form action={statusSignOutAction}>
          <input type="hidden" name="locale" value={locale} />
          <Button type="submit" variant="secondary">
            {t("signOut")}
          </Button>
        </form>
      </div>
      <RecoveryWarning />
      <StatusDetails view={view} />
      <VictimBulletins bulletins={bulletins} locale={locale} />
      <StatusAdvice scamType={view.scamType} />
      <NextIntlClientProvider
        messages={{
          additions: messages.additions,
          report: messages.report,
          options: messages.options,
          errors: messages.errors,
        }}
      >
        <AddInformationForm maxFiles={MAX_EVIDENCE_FILES} maxMb={MAX_EVIDENCE_MB} />
      </NextIntlClientProvider>
    </div>
  );
}
