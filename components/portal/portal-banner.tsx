import { getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import type { PortalBanner } from "@/lib/liaison";

/**
 * The outcome of the last portal action, from the URL the action redirected
 * to (lib/liaison/portal-params.ts lets only known codes through, so the URL
 * cannot put text of its own on the page). The id lets the redirect's
 * fragment bring it into view without JavaScript.
 */
export async function PortalBannerView({ banner }: { banner: PortalBanner | null }) {
  if (!banner) return null;
  const t = await getTranslations("portal");
  if (banner.kind === "done")
    return (
      <p id="result" role="status" className="mt-3 rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
        {t(`done.${banner.what}`)}
      </p>
    );
  const text = await errorText(banner);
  return (
    <p id="result" role="alert" className="mt-3 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
      {text}
    </p>
  );
}

async function errorText(banner: Extract<PortalBanner, { kind: "error" }>): Promise<string> {
  if (banner.namespace === "portal") {
    const t = await getTranslations("portal.errors");
    // Every portal error may name the size limit; those that do not ignore it.
    return t(banner.code as "attachmentTooLarge", { maxMb: env().MAX_EVIDENCE_MB });
  }
  if (banner.namespace === "liaisonErrors") return (await getTranslations("liaisonErrors"))(banner.code as never);
  const te = await getTranslations("errors");
  if (banner.code === "unexpected" && !banner.errorId) return te("unexpectedNoId");
  return te(banner.code as "unexpected", { errorId: banner.errorId ?? "" });
}
