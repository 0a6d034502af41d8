import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/i18n/page-title";
import type { SearchParams } from "@/lib/vocab";
import { db } from "@/lib/db";
import { pageData, pageUser } from "@/lib/auth/page";
import {
  boardQuery,
  boardSorts,
  caseStatuses,
  listCases,
  parseBoardFilters,
  platformFilterOptions,
  searchCases,
} from "@/lib/cases";
import { formatMinor, provinces, scamTypes } from "@/lib/vocab";
import { inputClass } from "@/components/ui/field";

export const dynamic = "force-dynamic";

export const generateMetadata = pageTitle("cases", "boardTitle");

type SP = Promise<SearchParams>;

export default async function CasesPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: SP;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = "/staff/cases";
  const user = await pageUser(locale, path, "read:case:any");
  const f = parseBoardFilters(await searchParams);
  const client = await db();
  const ctx = { actor: user };
  const [page, hits, platforms] = await pageData(locale, path, () =>
    Promise.all([
      listCases(client, ctx, { filters: f }),
      f.q ? searchCases(client, ctx, { q: f.q }) : Promise.resolve(null),
      platformFilterOptions(client, ctx, { selected: f.platform }),
    ]),
  );
  const t = await getTranslations("cases");
  const hitKinds: Record<string, "platform" | "hitVictimPhone" | "hitVictimName"> = {
    platform: "platform",
    victimPhone: "hitVictimPhone",
    victimName: "hitVictimName",
  };
  const o = await getTranslations("options");
  const format = await getFormatter();
  const base = `/${locale}/staff/cases`;
  const day = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" }) : "—");

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("boardTitle")}</h1>

      <form method="get" action={base} role="search" className="space-y-2">
        <label htmlFor="q" className="block font-medium">
          {t("search")}
        </label>
        <p id="q-hint" className="text-sm text-slate-600">
          {t("searchHint")}
        </p>
        <div className="flex gap-2">
          <input id="q" name="q" defaultValue={f.q ?? ""} aria-describedby="q-hint" className={inputClass} />
          <button className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">{t("searchButton")}</button>
        </div>
      </form>

      {hits ? (
        <section aria-labelledby="hits" className="rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="hits" className="font-semibold">
            {t("searchResults")}
          </h2>
          {hits.length === 0 ? (
            <p>{t("noResults", { q: f.q ?? "" })}</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {hits.map((h) => (
                <li key={`${h.kind}:${h.label}`}>
                  <span className="font-mono">{h.label}</span>{" "}
                  <span className="text-sm text-slate-600">({hitKinds[h.kind] ? t(hitKinds[h.kind]!) : h.kind})</span>{" "}
                  {t("foundIn")}{" "}
                  {h.caseNumbers.map((n) => (
                    <a key={n} href={`${base}/${n}`} className="mr-2 font-mono text-brand-700 underline">
                      {n}
                    </a>
                  ))}
                  {h.platformId ? (
                    <a
                      href={`${base}${boardQuery({ platform: h.platformId })}`}
                      className="text-sm text-brand-700 underline"
                    >
                      {t("platformAllCases", { name: h.label })}
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <details open className="rounded-lg border border-slate-300 bg-white p-4">
        <summary className="cursor-pointer font-semibold">{t("filters")}</summary>
        <form method="get" action={base} className="mt-3 grid gap-3 sm:grid-cols-3">
          <Select
            id="status"
            label={t("status")}
            value={f.status}
            any={t("any")}
            options={caseStatuses.map((s) => [s, t(`statuses.${s}`)])}
          />
          <Select
            id="scamType"
            label={t("scamType")}
            value={f.scamType}
            any={t("any")}
            options={scamTypes.map((s) => [s, o(`scamType.${s}`)])}
          />
          <Select
            id="platform"
            label={t("platform")}
            value={f.platform ? String(f.platform) : undefined}
            any={t("any")}
            options={platforms.map((p) => [String(p.id), p.name])}
          />
          <Select
            id="province"
            label={t("province")}
            value={f.province}
            any={t("any")}
            options={provinces.map((p) => [p, o(`province.${p}`)])}
          />
          <div className="space-y-1">
            <label htmlFor="from" className="block font-medium">
              {t("from")}
            </label>
            <input id="from" name="from" type="date" defaultValue={f.from ?? ""} className={inputClass} />
          </div>
          <div className="space-y-1">
            <label htmlFor="to" className="block font-medium">
              {t("to")}
            </label>
            <input id="to" name="to" type="date" defaultValue={f.to ?? ""} className={inputClass} />
          </div>
          <div className="space-y-1">
            <label htmlFor="minLoss" className="block font-medium">
              {t("minLoss")}
            </label>
            <input
              id="minLoss"
              name="minLoss"
              inputMode="decimal"
              defaultValue={f.minLoss ?? ""}
              className={inputClass}
            />
          </div>
          <Select
            id="sort"
            label={t("sort")}
            value={f.sort}
            options={boardSorts.map((s) => [s, t(`sort${s[0]!.toUpperCase()}${s.slice(1)}`)])}
          />
          <div className="flex items-center gap-2 self-end pb-2">
            <input id="mine" name="mine" type="checkbox" value="1" defaultChecked={!!f.mine} className="h-5 w-5" />
            <label htmlFor="mine">{t("mine")}</label>
          </div>
          <div className="flex items-center gap-2 self-end pb-2">
            <input
              id="frozen"
              name="frozen"
              type="checkbox"
              value="1"
              defaultChecked={!!f.frozen}
              className="h-5 w-5"
            />
            <label htmlFor="frozen">{t("hasFrozen")}</label>
          </div>
          <div className="flex items-center gap-2 self-end pb-2">
            <input
              id="overdue"
              name="overdue"
              type="checkbox"
              value="1"
              defaultChecked={!!f.overdue}
              className="h-5 w-5"
            />
            <label htmlFor="overdue">{t("overdueOnly")}</label>
          </div>
          <div className="flex gap-3 sm:col-span-3">
            <button className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">{t("apply")}</button>
            <a href={base} className="self-center text-brand-700 underline">
              {t("reset")}
            </a>
          </div>
        </form>
      </details>

      <p className="font-medium" aria-live="polite">
        {t("total", { count: page.total })}
      </p>
      {page.rows.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("boardTitle")}</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("colCase")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("colLoss")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("colFrozen")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("colReports")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("colVictims")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colProvinces")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colPlatforms")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colStatus")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colAssignee")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colPeriod")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-200 align-top">
                  {/* A case number is read and typed as one unit: never broken at its hyphen, even at 390px. */}
                  <td className="px-3 py-2 whitespace-nowrap">
                    <a href={`${base}/${r.number}`} className="font-mono text-brand-700 underline">
                      {r.number}
                    </a>
                    {r.overdue ? (
                      <span className="mt-1 block w-fit rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-white">
                        {t("overdueBadge")}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    {formatMinor(r.lossCnyMinor, "CNY", locale)}
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    {r.frozenMinor > 0n ? formatMinor(r.frozenMinor, "CNY", locale) : "—"}
                  </td>
                  <td className="px-3 py-2 text-right">{r.reportCount}</td>
                  <td className="px-3 py-2 text-right">{r.victimCount}</td>
                  <td className="px-3 py-2">
                    {r.provinces
                      .slice(0, 4)
                      .map((p) => o(`province.${p}` as never))
                      .join(", ")}
                    {r.provinces.length > 4 ? " …" : ""}
                  </td>
                  <td className="px-3 py-2">
                    {r.platforms.slice(0, 3).join(", ")}
                    {r.platforms.length > 3 ? " …" : ""}
                  </td>
                  <td className="px-3 py-2">{t(`statuses.${r.status}`)}</td>
                  <td className="px-3 py-2">
                    {r.assignee ?? <span className="text-slate-600">{t("unassigned")}</span>}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {day(r.firstIncident)} – {day(r.lastIncident)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("boardTitle")} className="flex gap-4">
        {f.cursor ? (
          <a href={`${base}${boardQuery(f)}`} className="text-brand-700 underline">
            {t("first")}
          </a>
        ) : null}
        {page.nextCursor ? (
          <a href={`${base}${boardQuery(f, { cursor: page.nextCursor })}`} className="text-brand-700 underline">
            {t("next")}
          </a>
        ) : null}
      </nav>
    </div>
  );
}

function Select({
  id,
  label,
  value,
  any,
  options,
}: {
  id: string;
  label: string;
  value?: string;
  any?: string;
  options: [string, string][];
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select id={id} name={id} defaultValue={value ?? ""} className={inputClass}>
        {any !== undefined ? <option value="">{any}</option> : null}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
