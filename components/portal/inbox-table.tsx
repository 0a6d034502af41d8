import { getFormatter, getTranslations } from "next-intl/server";
import { INBOX_PAGE, type InboxRow } from "@/lib/liaison";
import { chinaTime, OverdueBadge, ScrollTable } from "./bits";

/** The organisation's requests; overdue rows are tinted and say so in words. */
export async function InboxTable({ rows, locale, filtered }: { rows: InboxRow[]; locale: string; filtered: boolean }) {
  const t = await getTranslations("portal");
  const format = await getFormatter();
  if (rows.length === 0)
    return (
      <p className="rounded-lg border border-slate-300 bg-white p-4">
        {filtered ? t("inbox.emptyFiltered") : t("inbox.empty")}
      </p>
    );
  return (
    <div className="space-y-2">
      <ScrollTable id="inbox" caption={filtered ? t("inbox.captionFiltered") : t("inbox.caption")}>
        <thead className="border-b border-slate-300 bg-slate-100">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("inbox.number")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("inbox.kind")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("inbox.status")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("inbox.sent")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("inbox.due")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("inbox.answered")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.number} className={`border-b border-slate-200 ${r.overdue ? "bg-red-50" : ""}`}>
              <th scope="row" className="whitespace-nowrap px-3 py-2 font-medium">
                <a href={`/${locale}/portal/requests/${r.number}`} className="text-brand-700 underline">
                  {r.number}
                </a>
              </th>
              <td className="min-w-40 px-3 py-2">{t(`kinds.${r.kind}`)}</td>
              <td className="whitespace-nowrap px-3 py-2">
                {t(`statuses.${r.status}`)}
                {r.overdue ? <OverdueBadge>{t("overdue")}</OverdueBadge> : null}
              </td>
              <td className="whitespace-nowrap px-3 py-2">{chinaTime(format, r.sentAt)}</td>
              <td className={`whitespace-nowrap px-3 py-2 ${r.overdue ? "font-semibold text-red-900" : ""}`}>
                {chinaTime(format, r.dueAt)}
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                {t("inbox.answeredOf", { answered: r.answered, items: r.items })}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p className="text-sm text-slate-700">{t("timeZone")}</p>
      {rows.length >= INBOX_PAGE ? (
        <p className="text-sm text-slate-700">{t("inbox.more", { count: INBOX_PAGE })}</p>
      ) : null}
    </div>
  );
}
