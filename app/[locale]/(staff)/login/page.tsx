import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { StaffShell } from "@/components/staff/staff-shell";
import { SignInForm } from "@/components/staff/sign-in-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { landingPath, safeNext } from "@/lib/auth/paths";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "auth" });
  return { title: t("title"), robots: { index: false } };
}

export default async function LoginPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const sp = await searchParams;
  const next = safeNext(typeof sp.next === "string" ? sp.next : undefined) ?? undefined;
  const user = await getCurrentUser();
  if (user) redirect(landingPath(user.role, locale, next));

  const t = await getTranslations("auth");
  const messages = await getMessages();
  return (
    <StaffShell>
      <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-300 bg-white p-6 shadow-sm">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="mt-1 text-slate-700">{t("intro")}</p>
        </div>
        {sp.signedOut ? (
          <p role="status" className="rounded-md border border-slate-300 bg-slate-50 p-3 text-slate-800">
            {sp.signedOut === "everywhere" ? t("signedOutEverywhere") : t("signedOut")}
          </p>
        ) : next ? (
          <p role="status" className="rounded-md border border-slate-300 bg-slate-50 p-3 text-slate-800">
            {t("signInToContinue")}
          </p>
        ) : null}
        <NextIntlClientProvider messages={{ auth: messages.auth, errors: messages.errors }}>
          <SignInForm locale={locale} next={next} />
        </NextIntlClientProvider>
      </div>
    </StaffShell>
  );
}
