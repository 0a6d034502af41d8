import { getFormatter, getTranslations } from "next-intl/server";
import { formatMinor } from "@/lib/vocab";
import type { RequestView } from "@/lib/liaison";
import { chinaTime, fileSize, ScrollTable } from "./bits";

/** The identifiers as shared (what the victims paid to each, when, how many) with the organisation's answer so far. */
export async function RequestItems({ r, locale }: { r: RequestView; locale: string }) {
  const t = await getTranslations("portal");
  const k = await getTranslations("cases.identifierKind");
  const format = await getFormatter();
  const yuan = (minor: bigint) => formatMinor(minor, "CNY", locale);
  const th = (label: string) => (
    <th scope="col" className="whitespace-nowrap px-3 py-2">
      {label}
    </th>
  );
  return (
    <section id="items" aria-labelledby="items-h" className="space-y-3">
      <h2 id="items-h" className="text-lg font-semibold">
        {t("items.title")}
      </h2>
      <ScrollTable id="items-table" caption={t("items.caption")}>
        <thead className="border-b border-slate-300 bg-slate-100">
          <tr>
            {th(t("items.identifier"))}
            {th(t("items.kind"))}
            {th(t("items.paid"))}
            {th(t("items.payments"))}
            {th(t("items.victims"))}
            {th(t("items.firstPaid"))}
            {th(t("items.lastPaid"))}
            {th(t("items.answer"))}
          </tr>
        </thead>
        <tbody>
          {r.items.map((i) => (
            <tr key={i.id} className="border-b border-slate-200 align-top">
              <th scope="row" className="min-w-52 px-3 py-2 font-mono font-medium break-all">
                {i.display}
              </th>
              <td className="min-w-28 px-3 py-2">{k(i.kind as never)}</td>
              <td className="whitespace-nowrap px-3 py-2">{yuan(i.paidMinor)}</td>
              <td className="px-3 py-2">{i.paymentCount}</td>
              <td className="px-3 py-2">{i.victimCount}</td>
              <td className="whitespace-nowrap px-3 py-2">{chinaTime(format, i.firstPaidAt)}</td>
              <td className="whitespace-nowrap px-3 py-2">{chinaTime(format, i.lastPaidAt)}</td>
              <td className="min-w-48 px-3 py-2" data-testid={`answer-${i.id}`}>
                {i.outcome ? (
                  <>
                    <span className="font-medium">{t(`outcomes.${i.outcome}`)}</span>
                    {i.frozenMinor !== null ? (
                      <span className="block">{t("items.frozenAmount", { amount: yuan(i.frozenMinor) })}</span>
                    ) : null}
                    {i.recoveredMinor !== null ? (
                      <span className="block">{t("items.recoveredAmount", { amount: yuan(i.recoveredMinor) })}</span>
                    ) : null}
                    {i.answerNote ? (
                      <span className="block whitespace-pre-wrap break-words">{i.answerNote}</span>
                    ) : null}
                    {i.attachmentName ? (
                      <a
                        href={`/api/liaison/requests/${encodeURIComponent(r.number)}/attachments/${i.id}`}
                        className="block text-brand-700 underline"
                      >
                        {t("items.attachment", {
                          name: i.attachmentName,
                          size: fileSize(i.attachmentSize ?? 0, locale),
                        })}
                      </a>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-700">{t("items.notAnswered")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
