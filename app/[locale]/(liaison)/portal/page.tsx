import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { StaffShell } from "@/components/staff/staff-shell";
import { pageUser } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "auth" });
  return { title: t("portal.title") };
}

/** Placeholder: the liaison portal comes with its own issue. Liaisons of an organisation only. */
export default async function PortalPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await pageUser(locale, "/portal", "read:request:own-org");
  const t = await getTranslations("auth");
  return (
    <StaffShell user={user}>
      <div className="space-y-3">
        <h1 className="text-2xl font-bold">{t("portal.title")}</h1>
        <p className="text-slate-700">{t("portal.body", { org: user.orgName ?? "" })}</p>
      </div>
    </StaffShell>
  );
}
