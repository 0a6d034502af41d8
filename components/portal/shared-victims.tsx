import { getFormatter, getTranslations } from "next-intl/server";
import { formatMinor } from "@/lib/vocab";
import type { RequestView } from "@/lib/liaison";
import { chinaTime, ScrollTable } from "./bits";

/**
 * The victims' lines exactly as shared when the request was sent: a report
 * reference and what was paid, plus only the personal fields the
 * investigator included, each shown with its written reason. Nothing
 * included: one line says the personal data was withheld.
 */
export async function SharedVictims({ r, locale }: { r: RequestView; locale: string }) {
  const t = await getTranslations("portal");
  const format = await getFormatter();
  const fields = new Set(r.disclosures.map((d) => d.field));
  const th = (label: string) => (
    <th scope="col" className="whitespace-nowrap px-3 py-2">
      {label}
    </th>
  );
  return (
    <section
      id="victims"
      aria-labelledby="victims-h"
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="victims-h" className="text-lg font-semibold">
        {t("victims.title")}
      </h2>
      {r.disclosures.length === 0 ? (
        <div>
          <p className="font-medium">{t("victims.withheld")}</p>
          <p className="text-sm text-slate-700">{t("victims.withheldHint")}</p>
        </div>
      ) : (
        <div>
          <p>{t("victims.disclosedIntro")}</p>
          <ul className="mt-1 list-disc space-y-1 pl-6">
            {r.disclosures.map((d) => (
              <li key={d.field}>
                <span className="font-medium">{t(`victims.fields.${d.field}`)}</span>
                <span className="block whitespace-pre-wrap break-words text-slate-800">
                  {t("victims.reason", { justification: d.justification })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {r.sharedVictims.length === 0 ? (
        <p className="text-slate-700">{t("victims.none")}</p>
      ) : (
        <ScrollTable id="victims-table" caption={t("victims.caption")}>
          <thead className="border-b border-slate-300 bg-slate-100">
            <tr>
              {th(t("victims.reference"))}
              {th(t("victims.paid"))}
              {th(t("victims.firstPaid"))}
              {fields.has("victimNames") ? th(t("victims.fields.victimNames")) : null}
              {fields.has("victimPhones") ? th(t("victims.fields.victimPhones")) : null}
              {fields.has("narratives") ? th(t("victims.fields.narratives")) : null}
            </tr>
          </thead>
          <tbody>
            {r.sharedVictims.map((v) => (
              <tr key={v.reference} className="border-b border-slate-200 align-top">
                <th scope="row" className="whitespace-nowrap px-3 py-2 font-medium">
                  {v.reference}
                </th>
                <td className="whitespace-nowrap px-3 py-2">{formatMinor(BigInt(v.paidMinor), "CNY", locale)}</td>
                <td className="whitespace-nowrap px-3 py-2">{chinaTime(format, instant(v.firstPaidAt))}</td>
                {fields.has("victimNames") ? <td className="px-3 py-2">{v.name}</td> : null}
                {fields.has("victimPhones") ? <td className="whitespace-nowrap px-3 py-2">{v.phone}</td> : null}
                {fields.has("narratives") ? (
                  <td className="min-w-64 whitespace-pre-wrap break-words px-3 py-2">{v.narrative}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

/** A stored ISO time, or null when absent or unreadable (never an Invalid Date for the formatter). */
function instant(iso: string | null): Date | null {
  const d = iso ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}
