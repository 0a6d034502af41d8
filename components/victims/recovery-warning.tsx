import { getTranslations } from "next-intl/server";

/** On every status page: recovery scams target victim groups. */
export async function RecoveryWarning() {
  const t = await getTranslations("status");
  return (
    <p role="note" className="rounded-md border border-red-700 bg-red-50 p-4 font-medium text-red-900">
      {t("recoveryWarning")}
    </p>
  );
}
