import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Button, inputClass } from "@/components/ui/field";
import { db } from "@/lib/db";
import { auditFiltersToQuery, listAudit, parseAuditFilters } from "@/lib/audit";
import { pageData, pageUser } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "audit" });
  return { title: t("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = "/staff/admin/audit";
  const user = await pageUser(locale, path, "read:audit:any");
  const sp = await searchParams;
  const filters = parseAuditFilters(sp);
  const cursorParam = Number(typeof sp.cursor === "string" ? sp.cursor : "");
  // AuditEvent ids are 32-bit: anything else is no page at all, not a database error.
  const cursor =
    Number.isInteger(cursorParam) && cursorParam > 0 && cursorParam <= 2_147_483_647 ? cursorParam : undefined;
  const client = await db();
  const page = await pageData(locale, path, () => listAudit(client, user, { filters, cursor, limit: 50 }));
  const t = await getTranslations("audit");
  const format = await getFormatter();
  const query = auditFiltersToQuery(filters);
  const nextHref = page.nextCursor ? `?${new URLSearchParams([...query, ["cursor", String(page.nextCursor)]])}` : null;
  const exportHref = (fmt: string) => `/api/audit/export?${new URLSearchParams([...query, ["format", fmt]])}`;
  const fields = [
    { name: "actor", label: t("filters.actor"), type: "email" },
    { name: "action", label: t("filters.action"), type: "text" },
    { name: "resourceType", label: t("filters.resourceType"), type: "text" },
    { name: "resourceId", label: t("filters.resourceId"), type: "text" },
    { name: "from", label: t("filters.from"), type: "date" },
    { name: "to", label: t("filters.to"), type: "date" },
  ] as const;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
      </div>

      <form
        method="get"
        className="grid gap-3 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-3"
        role="search"
        aria-label={t("filters.label")}
      >
        {fields.map((f) => (
          <div key={f.name} className="space-y-1">
            <label htmlFor={`audit-${f.name}`} className="block text-sm font-medium">
              {f.label}
            </label>
            <input
              id={`audit-${f.name}`}
              name={f.name}
              type={f.type}
              defaultValue={filters[f.name] ?? ""}
              className={inputClass}
            />
          </div>
        ))}
        <div className="flex flex-wrap items-end gap-3 sm:col-span-3">
          <Button type="submit">{t("filters.apply")}</Button>
          <a href={`/${locale}${path}`} className="text-brand-700 underline">
            {t("filters.clear")}
          </a>
        </div>
      </form>

      {can(user, "export:audit:any") ? (
        <p className="flex flex-wrap gap-4 text-sm">
          <a href={exportHref("csv")} className="text-brand-700 underline" download>
            {t("exportCsv")}
          </a>
          <a href={exportHref("jsonl")} className="text-brand-700 underline" download>
            {t("exportJsonl")}
          </a>
        </p>
      ) : null}

      {page.rows.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("columns.at")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("columns.actor")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("columns.action")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("columns.resource")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("columns.ip")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("columns.detail")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-200 align-top">
                  <td className="whitespace-nowrap px-3 py-2">
                    {format.dateTime(r.at, { dateStyle: "short", timeStyle: "medium" })}
                  </td>
                  <td className="break-all px-3 py-2">{r.actorEmail ?? t("system")}</td>
                  <td className="px-3 py-2 font-mono">{r.action}</td>
                  <td className="break-all px-3 py-2 font-mono">
                    {r.resourceType}
                    {r.resourceId ? `:${r.resourceId}` : ""}
                  </td>
                  <td className="px-3 py-2">{r.ip ?? ""}</td>
                  <td className="max-w-md break-all px-3 py-2 font-mono text-xs">{JSON.stringify(r.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {nextHref ? (
        <p>
          <a href={nextHref} className="text-brand-700 underline">
            {t("older")}
          </a>
        </p>
      ) : null}
    </div>
  );
}
