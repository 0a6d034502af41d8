import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { Panel } from "@/components/admin/panel";
import { OrganisationForm, type RouteKeyOption } from "@/components/admin/organisation-form";
import { routeKeyName } from "@/components/liaison/route-key-name";
import { db } from "@/lib/db";
import { pageData, pageUser } from "@/lib/auth/page";
import { platformFilterOptions } from "@/lib/cases";
import { KNOWN_ROUTE_KEYS } from "@/lib/liaison/route-keys";
import { getOrganisation } from "@/lib/users/service";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "routing" });
  return { title: t("admin.orgTitle") };
}

/** An organisation: its kind, linked platform and routing keys (docs/liaison-routing.md). Admins only. */
export default async function OrganisationPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const path = `/staff/admin/organisations/${encodeURIComponent(id)}`;
  const actor = await pageUser(locale, path, "manage:organisation:any");
  const client = await db();
  const org = await pageData(locale, path, () => getOrganisation(client, { actor }, id));
  // The platforms staff know (curated, linked, or named often), as the board's filter offers them.
  const platforms = await pageData(locale, path, () =>
    platformFilterOptions(client, { actor }, { selected: org.platform?.id }),
  );
  const t = await getTranslations("admin");
  const tr = await getTranslations("routing");
  const messages = await getMessages();
  const keyOptions: RouteKeyOption[] = KNOWN_ROUTE_KEYS.map((k) => ({
    key: k.key,
    group: k.group,
    label: routeKeyName(k.key, locale, tr),
  }));
  return (
    <div className="space-y-8">
      <p>
        <a href={`/${locale}/staff/admin/users`} className="text-brand-700 underline">
          {tr("admin.backToOrgs")}
        </a>
      </p>
      <div>
        <h1 className="text-2xl font-bold break-words">{org.name}</h1>
        <dl className="mt-3 grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("orgKind")}</dt>
          <dd>{t(`orgKinds.${org.kind}`)}</dd>
          <dt className="font-medium">{tr("admin.users")}</dt>
          <dd>{t("orgUsers", { count: org.userCount })}</dd>
          <dt className="font-medium">{tr("admin.platform")}</dt>
          <dd>{org.platform?.name ?? "—"}</dd>
          <dt className="font-medium">{tr("admin.routeKeys")}</dt>
          <dd className="font-mono break-all">{org.routeKeys.join(", ") || tr("admin.routeKeysNone")}</dd>
        </dl>
      </div>
      <NextIntlClientProvider
        messages={{ admin: messages.admin, routing: messages.routing, staff: messages.staff, errors: messages.errors }}
      >
        <Panel id="org-edit" title={tr("admin.edit")}>
          <OrganisationForm
            org={{
              id: org.id,
              name: org.name,
              kind: org.kind,
              platformId: org.platform?.id ?? null,
              routeKeys: org.routeKeys,
            }}
            platforms={platforms}
            keyOptions={keyOptions}
          />
        </Panel>
      </NextIntlClientProvider>
    </div>
  );
}
