import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Button, inputClass } from "@/components/ui/field";
import { ChartCard, type ChartTable } from "@/components/staff/charts/chart-card";
import { CategoryBarChart, type BarDatum } from "@/components/staff/charts/category-bar-chart";
import { MonthChart, type MonthDatum } from "@/components/staff/charts/month-chart";
import { FrozenChart, type FrozenDatum } from "@/components/staff/charts/frozen-chart";
import { minorToYuan } from "@/components/staff/charts/format";
import { db } from "@/lib/db";
import { pageData, pageUser } from "@/lib/auth/page";
import { loadDashboard, parseDashboardRange } from "@/lib/cases";
import { formatMinor } from "@/lib/vocab";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "dashboard" });
  return { title: t("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

interface Category {
  key: string;
  label: string;
  reports: number;
  lossCnyMinor: bigint;
}

export default async function DashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = "/staff/dashboard";
  const user = await pageUser(locale, path, "read:case:any");
  const range = parseDashboardRange(await searchParams);
  const client = await db();
  const data = await pageData(locale, path, () => loadDashboard(client, { actor: user }, { range }));

  const t = await getTranslations("dashboard");
  const o = await getTranslations("options");
  const format = await getFormatter();
  const money = (minor: bigint) => formatMinor(minor, "CNY", locale);
  const count = (n: number) => format.number(n);
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const monthLabel = (m: string) =>
    format.dateTime(new Date(`${m}-01T00:00:00Z`), { year: "numeric", month: "short", timeZone: "UTC" });
  const cardLabels = { showTable: t("showTable"), noScript: t("noScript"), empty: t("empty") };

  const rangeText =
    range.from && range.to
      ? t("range.between", { from: day(range.from), to: day(range.to) })
      : range.from
        ? t("range.from", { from: day(range.from) })
        : range.to
          ? t("range.to", { to: day(range.to) })
          : t("range.all");

  // Months: area + line, table with victims too.
  const months: MonthDatum[] = data.months.map((m) => ({
    label: monthLabel(m.month),
    loss: minorToYuan(m.lossCnyMinor),
    lossDisplay: money(m.lossCnyMinor),
    reports: m.reports,
  }));
  const monthTable: ChartTable = {
    columns: [t("months.column"), t("colReports"), t("colVictims"), t("colLoss")],
    rows: data.months.map((m) => ({
      key: m.month,
      cells: [monthLabel(m.month), count(m.reports), count(m.victims), money(m.lossCnyMinor)],
    })),
  };
  const firstMonth = data.months[0];
  const lastMonth = data.months[data.months.length - 1];
  const monthSummary =
    firstMonth && lastMonth
      ? t("monthSummary", {
          count: data.months.length,
          first: monthLabel(firstMonth.month),
          last: monthLabel(lastMonth.month),
          total: money(data.totals.lossCnyMinor),
        })
      : "";

  // Frozen vs lost: pairs of bars, table with both amounts.
  const frozen: FrozenDatum[] = data.frozen.map((m) => ({
    label: monthLabel(m.month),
    lost: minorToYuan(m.lostMinor),
    frozen: minorToYuan(m.frozenMinor),
    lostDisplay: money(m.lostMinor),
    frozenDisplay: money(m.frozenMinor),
  }));
  const frozenTable: ChartTable = {
    columns: [t("frozen.column"), t("colLoss"), t("colFrozen")],
    rows: data.frozen.map((m) => ({
      key: m.month,
      cells: [monthLabel(m.month), money(m.lostMinor), money(m.frozenMinor)],
    })),
  };
  const firstFrozen = data.frozen[0];
  const lastFrozen = data.frozen[data.frozen.length - 1];
  const frozenSummary =
    firstFrozen && lastFrozen
      ? t("frozenSummary", {
          count: data.frozen.length,
          first: monthLabel(firstFrozen.month),
          last: monthLabel(lastFrozen.month),
          lost: money(data.frozen.reduce((s, m) => s + m.lostMinor, 0n)),
          frozen: money(data.frozen.reduce((s, m) => s + m.frozenMinor, 0n)),
        })
      : "";

  // Categories: bars by loss, table with reports and loss.
  const scamTypes: Category[] = data.scamTypes.map((s) => ({
    key: s.scamType,
    label: o.has(`scamType.${s.scamType}`) ? o(`scamType.${s.scamType}`) : s.scamType,
    ...s,
  }));
  const platforms: Category[] = data.platforms.map((p) => ({ key: String(p.platformId), label: p.name, ...p }));
  const provinces: Category[] = data.provinces.map((p) => ({
    key: p.province || "-",
    label: !p.province
      ? t("provinces.unknown")
      : o.has(`province.${p.province}`)
        ? o(`province.${p.province}`)
        : p.province,
    ...p,
  }));

  const categoryCard = (id: string, title: string, column: string, rows: Category[], description?: string) => {
    const bars: BarDatum[] = rows.map((r) => ({
      label: r.label,
      value: minorToYuan(r.lossCnyMinor),
      display: money(r.lossCnyMinor),
    }));
    const top = rows[0];
    const summary = top
      ? `${title}. ${t("barSummary", { count: rows.length, label: top.label, value: money(top.lossCnyMinor) })}`
      : "";
    return (
      <ChartCard
        id={id}
        title={title}
        description={description}
        labels={cardLabels}
        chart={<CategoryBarChart data={bars} locale={locale} valueName={t("lossSeries")} summary={summary} />}
        table={{
          columns: [column, t("colReports"), t("colLoss")],
          rows: rows.map((r) => ({ key: r.key, cells: [r.label, count(r.reports), money(r.lossCnyMinor)] })),
        }}
      />
    );
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t("intro")}</p>
      </div>

      <form
        method="get"
        aria-label={t("filters.label")}
        className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-300 bg-white p-4"
      >
        <div className="space-y-1">
          <label htmlFor="dashboard-from" className="block text-sm font-medium">
            {t("filters.from")}
          </label>
          <input id="dashboard-from" name="from" type="date" defaultValue={range.from ?? ""} className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="dashboard-to" className="block text-sm font-medium">
            {t("filters.to")}
          </label>
          <input id="dashboard-to" name="to" type="date" defaultValue={range.to ?? ""} className={inputClass} />
        </div>
        <Button type="submit">{t("filters.apply")}</Button>
        <a href={`/${locale}${path}`} className="py-2 text-brand-700 underline">
          {t("filters.clear")}
        </a>
      </form>

      <section aria-labelledby="dashboard-totals" className="space-y-2">
        <h2 id="dashboard-totals" className="sr-only">
          {t("totals.label")}
        </h2>
        <p className="text-slate-700">{rangeText}</p>
        <dl className="grid gap-4 sm:grid-cols-3">
          {[
            { key: "loss", label: t("totals.loss"), value: money(data.totals.lossCnyMinor) },
            { key: "reports", label: t("totals.reports"), value: count(data.totals.reports) },
            { key: "victims", label: t("totals.victims"), value: count(data.totals.victims) },
          ].map((f) => (
            <div key={f.key} className="rounded-lg border border-slate-300 bg-white p-4">
              <dt className="text-sm text-slate-700">{f.label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{f.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <ChartCard
        id="dashboard-months"
        title={t("months.title")}
        description={t("months.description")}
        labels={cardLabels}
        chart={
          <MonthChart
            data={months}
            locale={locale}
            lossName={t("lossSeries")}
            reportsName={t("reportsSeries")}
            summary={`${t("months.title")}. ${monthSummary}`}
          />
        }
        table={monthTable}
      />
      <ChartCard
        id="dashboard-frozen"
        title={t("frozen.title")}
        description={t("frozen.description")}
        labels={cardLabels}
        chart={
          <FrozenChart
            data={frozen}
            locale={locale}
            lostName={t("lossSeries")}
            frozenName={t("frozenSeries")}
            summary={`${t("frozen.title")}. ${frozenSummary}`}
          />
        }
        table={frozenTable}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {categoryCard("dashboard-scam-types", t("scamTypes.title"), t("scamTypes.column"), scamTypes)}
        {categoryCard("dashboard-provinces", t("provinces.title"), t("provinces.column"), provinces)}
      </div>
      {categoryCard(
        "dashboard-platforms",
        t("platforms.title"),
        t("platforms.column"),
        platforms,
        t("platforms.description"),
      )}
    </div>
  );
}
