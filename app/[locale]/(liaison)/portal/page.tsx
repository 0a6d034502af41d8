import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/i18n/page-title";
import type { SearchParams } from "@/lib/vocab";
import { StaffShell } from "@/components/staff/staff-shell";
import { InboxFilters } from "@/components/portal/inbox-filters";
import { InboxTable } from "@/components/portal/inbox-table";
import { PortalBannerView } from "@/components/portal/portal-banner";
import { pageData, pageUser } from "@/lib/auth/page";
import { db } from "@/lib/db";
import { clientIpFrom } from "@/lib/http/client-ip";
import { inboxCounts, listInbox, parseInboxParams, portalBannerOf } from "@/lib/liaison";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
};

export const generateMetadata = pageTitle("portal");

/** The liaison's inbox: its organisation's requests only (the services scope them), with filters and counts. */
export default async function PortalInboxPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = "/portal";
  const user = await pageUser(locale, path, "read:request:own-org");
  const sp = await searchParams;
  const filter = parseInboxParams(sp);
  const client = await db();
  const ctx = { actor: user, ip: clientIpFrom(await headers()) };
  const [rows, counts] = await pageData(locale, path, () =>
    Promise.all([listInbox(client, ctx, filter), inboxCounts(client, ctx)]),
  );
  const t = await getTranslations("portal");
  const filtered = Object.keys(filter).length > 0;

  return (
    <StaffShell user={user}>
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-bold">{t("inbox.title", { org: user.orgName ?? "" })}</h1>
          <p className="mt-1 text-slate-700">{t("inbox.intro")}</p>
          <PortalBannerView banner={portalBannerOf(sp)} />
        </div>

        <section aria-labelledby="counts-h">
          <h2 id="counts-h" className="sr-only">
            {t("inbox.counts")}
          </h2>
          <dl className="flex flex-wrap gap-4">
            <div className="min-w-36 rounded-lg border border-slate-300 bg-white p-3">
              <dt className="text-sm text-slate-700">{t("inbox.open")}</dt>
              <dd className="text-2xl font-bold" data-testid="open-count">
                {counts.open}
              </dd>
            </div>
            <div
              className={`min-w-36 rounded-lg border p-3 ${counts.overdue ? "border-red-700 bg-red-50" : "border-slate-300 bg-white"}`}
            >
              <dt className="text-sm text-slate-700">{t("inbox.overdueCount")}</dt>
              <dd className="text-2xl font-bold" data-testid="overdue-count">
                {counts.overdue}
              </dd>
            </div>
          </dl>
        </section>

        <InboxFilters locale={locale} params={filter} />
        <InboxTable rows={rows} locale={locale} filtered={filtered} />
      </div>
    </StaffShell>
  );
}
