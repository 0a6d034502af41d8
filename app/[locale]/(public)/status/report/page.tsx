import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Button } from "@/components/ui/field";
import { RecoveryWarning } from "@/components/victims/recovery-warning";
import { StatusAdvice } from "@/components/victims/status-advice";
import { StatusDetails } from "@/components/victims/status-details";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
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
  const view = await statusView(await db(), { actor: null, ip: clientIpFrom(await headers()) }, session);
  if (!view) redirect(`/${locale}/status`);
  const t = await getTranslations("status");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t("reportTitle", { reference: view.reference })}</h1>
          <p className="mt-2 text-sm text-slate-700">{t("signedInNote", { minutes: env().STATUS_SESSION_MINUTES })}</p>
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
      <section aria-labelledby="status-bulletins" className="space-y-2">
        <h2 id="status-bulletins" className="text-lg font-semibold">
          {t("bulletinsHeading")}
        </h2>
        {/* TODO(issue 10, branch `updates`): render bulletinsForReport(db, session.reportId)
            from lib/victims/bulletins.ts here once that branch is merged into main. */}
        <p>{t("noBulletins")}</p>
      </section>
      <StatusAdvice scamType={view.scamType} />
      {/* TODO(issue 10, branch `updates`): render <AddInformationForm /> from
          components/victims/add-information-form.tsx here (its action reads currentStatusReport()). */}
    </div>
  );
}
