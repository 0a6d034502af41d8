import { getTranslations } from "next-intl/server";
import type { CaseBanner } from "@/lib/cases/shared";

/**
 * The outcome of the last case action, from the URL the action redirected to.
 * Only known message keys reach here (lib/cases/shared.ts): the URL cannot put
 * text of its own on the page.
 */
export async function CaseBannerView({ banner }: { banner: CaseBanner | null }) {
  if (!banner) return null;
  const t = await getTranslations("cases");
  const te = await getTranslations("errors");
  if (banner.kind === "done")
    return (
      <p role="status" className="mt-2 rounded-md bg-green-50 p-2 text-green-900">
        {t("done")}
      </p>
    );
  return (
    <p role="alert" className="mt-2 rounded-md border border-red-700 bg-red-50 p-2 text-red-900">
      {banner.code === "unexpected" && !banner.errorId
        ? te("unexpectedNoId")
        : te(banner.code, { errorId: banner.errorId ?? "" })}
    </p>
  );
}
