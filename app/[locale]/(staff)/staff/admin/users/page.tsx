import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getFormatter, getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { CreateOrganisationForm, CreateUserForm } from "@/components/admin/user-forms";
import { db } from "@/lib/db";
import { pageData, pageUser } from "@/lib/auth/page";
import { listOrganisations, listUsers } from "@/lib/users/service";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "admin" });
  return { title: t("usersTitle") };
}

export default async function UsersPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = "/staff/admin/users";
  const user = await pageUser(locale, path, "manage:user:any");
  const client = await db();
  const [users, orgs] = await pageData(locale, path, () =>
    Promise.all([listUsers(client, { actor: user }), listOrganisations(client, { actor: user })]),
  );
  const t = await getTranslations("admin");
  const ts = await getTranslations("staff");
  const tr = await getTranslations("routing");
  const format = await getFormatter();
  const messages = await getMessages();
  const orgOptions = orgs.map((o) => ({ id: o.id, name: o.name }));

  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-bold">{t("usersTitle")}</h1>

      <section aria-labelledby="users-heading" className="space-y-3">
        <h2 id="users-heading" className="text-xl font-semibold">
          {t("usersList")}
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("email")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("name")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("role")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("organisation")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("status")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("created")}
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">
                    <a href={`/${locale}/staff/admin/users/${u.id}`} className="break-all text-brand-700 underline">
                      {u.email}
                    </a>
                  </td>
                  <td className="px-3 py-2">{u.name}</td>
                  <td className="px-3 py-2">{ts(`roles.${u.role}`)}</td>
                  <td className="px-3 py-2">{u.orgName ?? "—"}</td>
                  <td className="px-3 py-2">{u.disabled ? t("disabled") : t("active")}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {format.dateTime(u.createdAt, { dateStyle: "medium" })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <NextIntlClientProvider
        messages={{ admin: messages.admin, routing: messages.routing, staff: messages.staff, errors: messages.errors }}
      >
        <section
          aria-labelledby="create-user-heading"
          className="space-y-3 rounded-lg border border-slate-300 bg-white p-5"
        >
          <h2 id="create-user-heading" className="text-xl font-semibold">
            {t("createUser")}
          </h2>
          <CreateUserForm orgs={orgOptions} />
        </section>

        <section aria-labelledby="orgs-heading" className="space-y-3">
          <h2 id="orgs-heading" className="text-xl font-semibold">
            {t("orgsTitle")}
          </h2>
          <p className="text-slate-700">{t("orgsIntro")}</p>
          {orgs.length > 0 ? (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
              {orgs.map((o) => (
                <li key={o.id} className="flex flex-wrap justify-between gap-2 px-3 py-2 text-sm">
                  <a
                    href={`/${locale}/staff/admin/organisations/${o.id}`}
                    className="font-medium text-brand-700 underline"
                  >
                    {o.name}
                  </a>
                  <span className="text-slate-700">
                    {t(`orgKinds.${o.kind}`)} · {t("orgUsers", { count: o.userCount })} · {tr("admin.routeKeys")}:{" "}
                    <span className="font-mono">{o.routeKeys.join(", ") || tr("admin.routeKeysNone")}</span>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">{t("noOrgs")}</p>
          )}
          <div className="space-y-3 rounded-lg border border-slate-300 bg-white p-5">
            <h3 id="create-org-heading" className="text-lg font-semibold">
              {t("createOrg")}
            </h3>
            <CreateOrganisationForm />
          </div>
        </section>
      </NextIntlClientProvider>
    </div>
  );
}
