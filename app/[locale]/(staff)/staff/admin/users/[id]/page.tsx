import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { Panel } from "@/components/admin/panel";
import { SessionsTable } from "@/components/admin/sessions-table";
import { ChangeRoleForm, DisableUserForm, EndSessionsForm, ResetPasswordForm } from "@/components/admin/user-forms";
import { db } from "@/lib/db";
import { pageData, pageUser } from "@/lib/auth/page";
import { getUser, listOrganisations, listUserSessions } from "@/lib/users/service";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "admin" });
  return { title: t("userTitle") };
}

export default async function UserPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const path = `/staff/admin/users/${encodeURIComponent(id)}`;
  const actor = await pageUser(locale, path, "manage:user:any");
  const client = await db();
  const [user, orgs, sessions] = await pageData(locale, path, () =>
    Promise.all([
      getUser(client, { actor }, id),
      listOrganisations(client, { actor }),
      listUserSessions(client, { actor }, id),
    ]),
  );
  const t = await getTranslations("admin");
  const ts = await getTranslations("staff");
  const messages = await getMessages();
  const self = user.id === actor.id;
  return (
    <div className="space-y-8">
      <p>
        <a href={`/${locale}/staff/admin/users`} className="text-brand-700 underline">
          {t("backToUsers")}
        </a>
      </p>
      <div>
        <h1 className="break-all text-2xl font-bold">{user.email}</h1>
        <dl className="mt-3 grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("name")}</dt>
          <dd>{user.name || "—"}</dd>
          <dt className="font-medium">{t("role")}</dt>
          <dd>{ts(`roles.${user.role}`)}</dd>
          <dt className="font-medium">{t("organisation")}</dt>
          <dd>{user.orgName ?? "—"}</dd>
          <dt className="font-medium">{t("status")}</dt>
          <dd>{user.disabled ? t("disabled") : t("active")}</dd>
        </dl>
      </div>
      <NextIntlClientProvider messages={{ admin: messages.admin, staff: messages.staff, errors: messages.errors }}>
        {self ? (
          <p className="rounded-md border border-slate-300 bg-white p-3 text-slate-800">{t("selfNote")}</p>
        ) : (
          <>
            <Panel id="status" title={t("accessTitle")}>
              <p className="text-sm text-slate-700">{user.disabled ? t("enableHint") : t("disableHint")}</p>
              <DisableUserForm userId={user.id} disabled={user.disabled} />
            </Panel>
            <Panel id="role" title={t("changeRole")}>
              <ChangeRoleForm
                userId={user.id}
                role={user.role}
                orgId={user.orgId}
                orgs={orgs.map((o) => ({ id: o.id, name: o.name }))}
              />
            </Panel>
          </>
        )}
        <Panel id="sessions" title={t("sessionsTitle")}>
          <p className="text-sm text-slate-700">{t("sessionsIntro")}</p>
          <SessionsTable sessions={sessions} />
          <EndSessionsForm userId={user.id} />
        </Panel>
        <Panel id="password" title={t("resetPassword")}>
          <ResetPasswordForm userId={user.id} />
        </Panel>
      </NextIntlClientProvider>
    </div>
  );
}
