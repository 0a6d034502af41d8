import type { Metadata } from "next";
import { headers } from "next/headers";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/lib/db";
import { pageData, pageUser } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { clientIpFrom } from "@/lib/http/client-ip";
import { getCaseDetail } from "@/lib/cases/detail";
import { explainReportChain } from "@/lib/cases/explain";
import { assignableStaff } from "@/lib/cases/workflow";
import { formatMinor } from "@/lib/vocab";
import { CaseIdentifiers } from "@/components/cases/case-identifiers";
import { CaseReports } from "@/components/cases/case-reports";
import { CaseDecisions } from "@/components/cases/case-decisions";
import { CaseWorkflow } from "@/components/cases/case-workflow";
import { CaseVisuals } from "@/components/cases/case-visuals";
import { Section } from "@/components/cases/forms";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; number: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, number } = await params;
  return {
    title: (await getTranslations({ locale, namespace: "cases" }))("caseTitle", { number: decodeURIComponent(number) }),
  };
}

export default async function CasePage({ params, searchParams }: Props) {
  const { locale, number: raw } = await params;
  setRequestLocale(locale);
  const number = decodeURIComponent(raw);
  const sp = await searchParams;
  const path = `/staff/cases/${number}`;
  const user = await pageUser(locale, path, "read:case:any");
  const client = await db();
  const ip = clientIpFrom(await headers());
  const after = Number(sp.after);
  const c = await pageData(locale, path, () =>
    getCaseDetail(client, user, number, { ip, afterReport: Number.isInteger(after) && after > 0 ? after : undefined }),
  );
  const whyRef = sp.why && /^R-\d{4}-\d+$/.test(sp.why) ? sp.why : null;
  const whyReport = whyRef
    ? await client.report.findFirst({ where: { reference: whyRef, caseId: c.id }, select: { id: true } })
    : null;
  const [chain, staff] = await Promise.all([
    whyReport ? explainReportChain(client, whyReport.id) : Promise.resolve(null),
    can(user, "write:case:any") ? assignableStaff(client, user) : Promise.resolve([]),
  ]);
  const t = await getTranslations("cases");
  const te = await getTranslations("errors");
  const o = await getTranslations("options");
  const format = await getFormatter();
  const day = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" }) : "—");
  const canDecide = can(user, "decide:matching:any");

  return (
    <div className="space-y-6">
      <div>
        <p>
          <a href={`/${locale}/staff/cases`} className="text-brand-700 underline">
            ← {t("boardTitle")}
          </a>
        </p>
        <h1 className="text-2xl font-bold">{t("caseTitle", { number: c.number })}</h1>
        {c.via ? (
          <p className="mt-1 rounded-md bg-amber-50 p-2 text-amber-950">{t("absorbed", { via: c.via })}</p>
        ) : null}
        {c.aliases.length ? (
          <p className="text-sm text-slate-700">
            {t("aliases")}: {c.aliases.join(", ")}
          </p>
        ) : null}
        {sp.done ? (
          <p role="status" className="mt-2 rounded-md bg-green-50 p-2 text-green-900">
            {t("done")}
          </p>
        ) : null}
        {sp.error ? (
          <p role="alert" className="mt-2 rounded-md border border-red-700 bg-red-50 p-2 text-red-900">
            {te.has(sp.field || sp.error)
              ? te(sp.field || sp.error, { errorId: sp.errorId ?? "", maxFiles: 10, maxMb: 10, file: "", minutes: 15 })
              : te("invalid")}
          </p>
        ) : null}
      </div>

      <Section id="summary" title={t("summary")}>
        <dl className="grid gap-3 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-700">{t("lossTotal")}</dt>
            <dd className="text-lg font-semibold">
              {c.lossByCurrency.length
                ? c.lossByCurrency.map((l) => formatMinor(l.minor, l.currency.trim(), locale)).join(" + ")
                : "—"}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-700">
              {t("reports")} / {t("victims")}
            </dt>
            <dd className="text-lg font-semibold">
              {c.reportCount} / {c.victimCount}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-700">{t("period")}</dt>
            <dd>
              {day(c.firstIncident)} – {day(c.lastIncident)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-700">{t("provinces")}</dt>
            <dd>{c.provinces.map((p) => o(`province.${p}` as never)).join(", ") || "—"}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-700">{t("platforms")}</dt>
            <dd>{c.platforms.join(", ") || "—"}</dd>
          </div>
        </dl>
      </Section>

      <CaseWorkflow
        c={c}
        locale={locale}
        canWrite={can(user, "write:case:any")}
        staff={staff.map((s) => ({ id: s.id, label: s.name || s.email }))}
      />
      <CaseIdentifiers
        c={c}
        locale={locale}
        canDecide={canDecide}
        chain={chain}
        chainFor={whyRef}
        showAll={sp.identifiers === "all"}
      />
      <CaseVisuals c={c} locale={locale} />
      <CaseReports c={c} locale={locale} canDecide={canDecide} />
      <CaseDecisions c={c} locale={locale} canDecide={canDecide} />
    </div>
  );
}
