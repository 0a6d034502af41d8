import { getTranslations } from "next-intl/server";
import { inboxStatusFilters, requestKinds, type InboxParams } from "@/lib/liaison";
import { inputClass } from "@/components/ui/field";

/** The inbox's filters: a plain GET form, so it works without JavaScript and the URL can be bookmarked. */
export async function InboxFilters({ locale, params }: { locale: string; params: InboxParams }) {
  const t = await getTranslations("portal");
  return (
    <form
      method="get"
      action={`/${locale}/portal`}
      aria-labelledby="filters-h"
      className="rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="filters-h" className="mb-3 text-lg font-semibold">
        {t("inbox.filters")}
      </h2>
      <div className="grid gap-4 sm:grid-cols-3 sm:items-end">
        <div className="space-y-1">
          <label htmlFor="f-status" className="block text-sm font-medium">
            {t("inbox.status")}
          </label>
          <select id="f-status" name="status" defaultValue={params.status ?? ""} className={inputClass}>
            <option value="">{t("inbox.any")}</option>
            {inboxStatusFilters.map((s) => (
              <option key={s} value={s}>
                {s === "open" ? t("inbox.statusOpen") : t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="f-kind" className="block text-sm font-medium">
            {t("inbox.kind")}
          </label>
          <select id="f-kind" name="kind" defaultValue={params.kind ?? ""} className={inputClass}>
            <option value="">{t("inbox.any")}</option>
            {requestKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-center gap-2 sm:pb-2">
          <input
            id="f-overdue"
            type="checkbox"
            name="overdue"
            value="1"
            defaultChecked={!!params.overdue}
            className="h-5 w-5 rounded border-slate-500"
          />
          <label htmlFor="f-overdue" className="font-medium">
            {t("inbox.overdueOnly")}
          </label>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("inbox.apply")}
        </button>
        <a href={`/${locale}/portal`} className="text-brand-700 underline">
          {t("inbox.clear")}
        </a>
      </div>
    </form>
  );
}
