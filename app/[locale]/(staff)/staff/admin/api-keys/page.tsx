import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getFormatter, getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { CreateApiKeyForm, RevokeApiKeyForm } from "@/components/admin/api-key-forms";
import { db } from "@/lib/db";
import { pageData, pageUser } from "@/lib/auth/page";
import { listApiKeys } from "@/lib/lookup";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "lookup.admin" });
  return { title: t("title") };
}

export default async function ApiKeysPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = "/staff/admin/api-keys";
  const user = await pageUser(locale, path, "manage:api-key:any");
  const client = await db();
  const keys = await pageData(locale, path, () => listApiKeys(client, { actor: user }));
  const t = await getTranslations("lookup.admin");
  const format = await getFormatter();
  const messages = await getMessages();
  const lookup = messages.lookup as { admin: unknown };

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-2 text-slate-700">{t("intro")}</p>
      </div>
      <NextIntlClientProvider messages={{ lookup: { admin: lookup.admin }, errors: messages.errors }}>
        <section aria-labelledby="keys-heading" className="space-y-3">
          <h2 id="keys-heading" className="text-xl font-semibold">
            {t("list")}
          </h2>
          {keys.length === 0 ? (
            <p className="text-slate-700">{t("none")}</p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
              <table className="min-w-full text-left text-sm">
                <thead className="bg-slate-100">
                  <tr>
                    {[t("name"), t("organisation"), t("prefix"), t("rate"), t("created"), t("status")].map((h) => (
                      <th key={h} scope="col" className="px-3 py-2">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {keys.map((k) => (
                    <tr key={k.id} className="border-t border-slate-200 align-top">
                      <td className="px-3 py-2">{k.name}</td>
                      <td className="px-3 py-2">{k.organisation || "—"}</td>
                      <td className="px-3 py-2 font-mono whitespace-nowrap">{k.prefix}…</td>
                      <td className="px-3 py-2">{k.ratePerMinute}</td>
                      <td className="px-3 py-2 whitespace-nowrap">
                        {format.dateTime(k.createdAt, { dateStyle: "medium" })}
                      </td>
                      <td className="px-3 py-2">
                        {k.revokedAt ? (
                          t("revoked", { date: format.dateTime(k.revokedAt, { dateStyle: "medium" }) })
                        ) : (
                          <div className="space-y-1">
                            <span>{t("active")}</span>
                            <RevokeApiKeyForm id={k.id} name={k.name} />
                          </div>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section
          aria-labelledby="create-key-heading"
          className="space-y-3 rounded-lg border border-slate-300 bg-white p-5"
        >
          <h2 id="create-key-heading" className="text-xl font-semibold">
            {t("create")}
          </h2>
          <CreateApiKeyForm />
        </section>
      </NextIntlClientProvider>
    </div>
  );
}
