import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/i18n/page-title";
import { firstParam, type SearchParams } from "@/lib/vocab";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { pageData, pageUser } from "@/lib/auth/page";
import {
  leakSignalSettings,
  listLeakSignals,
  liaisonErrorCodes,
  parseRequestNumber,
  signalErrorCodes,
} from "@/lib/liaison";
import { LeakSignalsTable } from "@/components/liaison/leak-signals-table";

export const dynamic = "force-dynamic";

export const generateMetadata = pageTitle("signals");

type SP = Promise<SearchParams>;
const one = firstParam;

/** Platform signals: shops whose customers' order data the scammers knew (lib/liaison/signals.ts). */
export default async function SignalsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: SP;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const path = "/staff/signals";
  const user = await pageUser(locale, path, "read:signal:any");
  const signals = await pageData(locale, path, async () => listLeakSignals(await db(), { actor: user }));
  const settings = leakSignalSettings();
  const t = await getTranslations("signals");
  const sp = await searchParams;
  const message = await bannerMessage(one(sp.created), one(sp.error), one(sp.errorId));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="max-w-3xl text-slate-700">{t("intro")}</p>
      <p className="max-w-3xl text-slate-700">{t("rule", settings)}</p>
      {message ? (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={`rounded-md p-3 ${message.kind === "error" ? "bg-red-50 text-red-900" : "bg-green-50 text-green-900"}`}
        >
          {message.text}
        </p>
      ) : null}
      {signals.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <LeakSignalsTable locale={locale} signals={signals} canCreate={can(user, "create:request:any")} />
      )}
    </div>
  );
}

/** The outcome of the notice form, from the query string: only known codes and well-formed numbers are shown. */
async function bannerMessage(created?: string, error?: string, errorId?: string) {
  const t = await getTranslations("signals");
  const number = parseRequestNumber(created);
  if (number) return { kind: "done" as const, text: t("created", { number }) };
  if (!error) return null;
  const e = await getTranslations("errors");
  const l = await getTranslations("liaisonErrors");
  const id = errorId && /^[A-Za-z0-9-]{1,64}$/.test(errorId) ? errorId : "";
  const text = (signalErrorCodes as readonly string[]).includes(error)
    ? t(error as (typeof signalErrorCodes)[number])
    : (liaisonErrorCodes as readonly string[]).includes(error)
      ? l(error as (typeof liaisonErrorCodes)[number])
      : error === "unexpected"
        ? id
          ? e("unexpected", { errorId: id })
          : e("unexpectedNoId")
        : ["forbidden", "unauthenticated", "notFound", "badRequest"].includes(error)
          ? e(error as "forbidden")
          : e("invalid");
  return { kind: "error" as const, text: t("failed", { message: text }) };
}
