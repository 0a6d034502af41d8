"use client";
import { useLocale, useTranslations } from "next-intl";
import type { ReportFormState } from "@/lib/reports/form-state";

export function Receipt({ state }: { state: Exclude<ReportFormState, { status: "editing" }> }) {
  const t = useTranslations("receipt");
  const locale = useLocale();
  if (state.status === "duplicate") {
    return (
      <section aria-labelledby="receipt-title" className="space-y-4 rounded-lg border border-slate-300 bg-white p-6">
        <h2 id="receipt-title" className="text-xl font-semibold">
          {t("duplicateTitle")}
        </h2>
        <p>{t("duplicateLead", { reference: state.reference })}</p>
        <a className="text-brand-700 underline" href="">
          {t("another")}
        </a>
      </section>
    );
  }
  return (
    <section
      aria-labelledby="receipt-title"
      className="space-y-4 rounded-lg border border-green-700 bg-white p-6"
      data-testid="receipt"
    >
      <h2 id="receipt-title" className="text-xl font-semibold text-green-900">
        {t("title")}
      </h2>
      <p>{t("lead")}</p>
      <dl className="grid gap-3 sm:grid-cols-2">
        <div className="rounded-md bg-slate-100 p-4">
          <dt className="text-sm text-slate-700">{t("reference")}</dt>
          <dd className="font-mono text-2xl font-bold tracking-wide" data-testid="reference">
            {state.reference}
          </dd>
        </div>
        <div className="rounded-md bg-slate-100 p-4">
          <dt className="text-sm text-slate-700">{t("pin")}</dt>
          <dd className="font-mono text-2xl font-bold tracking-widest" data-testid="pin">
            {state.pin}
          </dd>
        </div>
      </dl>
      <p className="rounded-md bg-amber-50 p-3 font-medium text-amber-900" role="note">
        {t("pinWarning")}
      </p>
      <p>{t("next")}</p>
      <p>
        <a className="font-medium text-brand-700 underline" href={`/${locale}/status`}>
          {t("statusLink")}
        </a>
      </p>
      <a className="text-brand-700 underline" href="">
        {t("another")}
      </a>
    </section>
  );
}
