import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { StaffShell } from "@/components/staff/staff-shell";
import { AnswerForms } from "@/components/portal/answer-forms";
import { PortalBannerView } from "@/components/portal/portal-banner";
import { RequestItems } from "@/components/portal/request-items";
import { RequestSummary } from "@/components/portal/request-summary";
import { SharedVictims } from "@/components/portal/shared-victims";
import { pageData, pageUser } from "@/lib/auth/page";
import { db } from "@/lib/db";
import { clientIpFrom } from "@/lib/http/client-ip";
import { getInboxRequest, portalBannerOf, requestNumberFromPath } from "@/lib/liaison";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; number: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, number } = await params;
  const t = await getTranslations({ locale, namespace: "portal" });
  return { title: t("request.title", { number: requestNumberFromPath(number) ?? "—" }) };
}

/**
 * One request of the liaison's organisation, exactly as shared (the view is
 * audited by the service); another organisation's number, a draft or a
 * malformed number is a 404.
 */
export default async function PortalRequestPage({ params, searchParams }: Props) {
  const { locale, number: raw } = await params;
  setRequestLocale(locale);
  const number = requestNumberFromPath(raw);
  const path = `/portal/requests/${number ?? ""}`;
  const user = await pageUser(locale, path, "read:request:own-org");
  if (!number) notFound();
  const ctx = { actor: user, ip: clientIpFrom(await headers()) };
  const r = await pageData(locale, path, async () => getInboxRequest(await db(), ctx, { number }));
  const t = await getTranslations("portal");

  return (
    <StaffShell user={user}>
      <div className="space-y-6">
        <div>
          <p>
            <a href={`/${locale}/portal`} className="text-brand-700 underline">
              ← {t("request.back")}
            </a>
          </p>
          <h1 className="mt-1 text-2xl font-bold">{t("request.title", { number: r.number })}</h1>
          <p className="text-slate-700">
            {t(`kinds.${r.kind}`)} · {r.org.name}
          </p>
          <PortalBannerView banner={portalBannerOf(await searchParams)} />
        </div>
        <RequestSummary r={r} locale={locale} />
        <RequestItems r={r} locale={locale} />
        <AnswerForms r={r} locale={locale} />
        <SharedVictims r={r} locale={locale} />
      </div>
    </StaffShell>
  );
}
