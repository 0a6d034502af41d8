import { getTranslations } from "next-intl/server";
import type { ScamType } from "@/lib/vocab/choices";

/** Practical steps for every victim, then one for their kind of scam. */
export async function StatusAdvice({ scamType }: { scamType: ScamType }) {
  const t = await getTranslations("status");
  return (
    <section aria-labelledby="status-advice" className="space-y-2">
      <h2 id="status-advice" className="text-lg font-semibold">
        {t("adviceHeading")}
      </h2>
      <ul className="list-disc space-y-1 pl-6">
        <li>{t("advice.call96110")}</li>
        <li>{t("advice.bank")}</li>
        <li>{t("advice.neverPay")}</li>
        <li>{t("advice.evidence")}</li>
        <li>{t(`adviceByType.${scamType}`)}</li>
      </ul>
    </section>
  );
}
