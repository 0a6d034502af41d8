import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Button, inputClass } from "@/components/ui/field";
import { db } from "@/lib/db";
import { lookupIdentifier, MAX_QUERY_LENGTH, type LookupAnswer } from "@/lib/lookup";

// Rendered per request: every page carries a fresh CSP nonce (proxy.ts), so
// its HTML must not be shared by caches; proxy.ts has already counted this
// lookup against the address's limit (and answered 429 over it).
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "lookup" });
  return { title: t("title") };
}

export default async function LookupPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, MAX_QUERY_LENGTH) ?? "";
  const t = await getTranslations("lookup");
  const answer = q ? await lookupIdentifier(await db(), q) : null;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-2 text-slate-700">{t("intro")}</p>
      </div>
      <form method="get" action={`/${locale}/lookup`} role="search" className="space-y-3">
        <div className="space-y-1">
          <label htmlFor="lookup-q" className="block font-medium text-slate-900">
            {t("label")}
          </label>
          <p id="lookup-q-hint" className="text-sm text-slate-600">
            {t("hint")}
          </p>
          <input
            id="lookup-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={MAX_QUERY_LENGTH}
            autoComplete="off"
            required
            aria-describedby="lookup-q-hint"
            className={inputClass}
          />
        </div>
        <Button type="submit">{t("submit")}</Button>
      </form>
      {answer ? <Answer answer={answer} locale={locale} /> : null}
      <p className="text-sm text-slate-600">{t("privacy")}</p>
    </div>
  );
}

async function Answer({ answer, locale }: { answer: LookupAnswer; locale: string }) {
  const t = await getTranslations("lookup");
  const format = await getFormatter();
  const { result } = answer;
  const month = (m: string) =>
    format.dateTime(new Date(`${m}-15T00:00:00+08:00`), { year: "numeric", month: "long", timeZone: "Asia/Shanghai" });
  const box =
    result.kind === "reported"
      ? "border-red-700 bg-red-50"
      : result.kind === "official"
        ? "border-amber-600 bg-amber-50"
        : "border-slate-400 bg-white";
  return (
    <section aria-labelledby="lookup-result" className={`space-y-2 rounded-lg border-2 p-5 ${box}`}>
      {answer.readAs ? (
        <p className="text-sm text-slate-700">{t("readAs", { value: answer.readAs })}</p>
      ) : (
        <p className="text-sm text-slate-700">{t("notRead")}</p>
      )}
      {result.kind === "official" ? (
        <>
          <h2 id="lookup-result" className="text-xl font-semibold">
            {result.match === "exact"
              ? t("officialTitle", { company: result.company })
              : t("officialPrefixTitle", { company: result.company })}
          </h2>
          <p>{t("officialBody")}</p>
        </>
      ) : result.kind === "reported" ? (
        <>
          <h2 id="lookup-result" className="text-xl font-semibold text-red-900">
            {t("reportedTitle", { count: result.reports })}
          </h2>
          <p>{t("reportedSeen", { first: month(result.firstMonth), last: month(result.lastMonth) })}</p>
          {result.scamTypes.length ? (
            <p>
              {t("reportedTypes")}{" "}
              {result.scamTypes.map((s) => t(`scamTypes.${s}`)).join(locale === "en" ? ", " : "、")}
            </p>
          ) : null}
          <p>{t("reportedBody")}</p>
          <p>
            <a href={`/${locale}/report`} className="font-medium text-brand-700 underline">
              {t("reportCta")}
            </a>
          </p>
        </>
      ) : (
        <>
          <h2 id="lookup-result" className="text-xl font-semibold">
            {t("noneTitle")}
          </h2>
          <p>{t("noneBody")}</p>
        </>
      )}
    </section>
  );
}
