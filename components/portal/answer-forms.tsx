import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { outcomesByKind, type RequestItemView, type RequestView } from "@/lib/liaison";
import { answerItemForm } from "@/lib/liaison/actions";
import { inputClass } from "@/components/ui/field";

/**
 * One answer form per identifier (plain forms: they work without
 * JavaScript; the file goes up as multipart). Only the answers that fit the
 * request's kind are offered; amounts are typed in yuan and become fen on the
 * server. A closed request takes no answers.
 */
export async function AnswerForms({ r, locale }: { r: RequestView; locale: string }) {
  if (r.status === "closed" || r.items.length === 0) return null;
  const t = await getTranslations("portal");
  return (
    <section id="answers" aria-labelledby="answers-h" className="space-y-4">
      <h2 id="answers-h" className="text-lg font-semibold">
        {t("answer.title")}
      </h2>
      {r.items.map((item) => (
        <AnswerForm key={item.id} r={r} item={item} locale={locale} />
      ))}
    </section>
  );
}

async function AnswerForm({ r, item, locale }: { r: RequestView; item: RequestItemView; locale: string }) {
  const t = await getTranslations("portal");
  const id = (name: string) => `a${item.id}-${name}`;
  const label = (name: string, text: string) => (
    <label htmlFor={id(name)} className="block text-sm font-medium">
      {text}
    </label>
  );
  const hint = (name: string, text: string) => (
    <p id={id(`${name}-hint`)} className="text-xs text-slate-700">
      {text}
    </p>
  );
  return (
    <form
      id={`item-${item.id}`}
      action={answerItemForm}
      aria-labelledby={id("h")}
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h3 id={id("h")} className="font-semibold break-all">
        {t("answer.formTitle", { identifier: item.display })}
      </h3>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="number" value={r.number} />
      <input type="hidden" name="itemId" value={item.id} />
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="space-y-1">
          {label("outcome", t("answer.outcome"))}
          <select id={id("outcome")} name="outcome" required defaultValue={item.outcome ?? ""} className={inputClass}>
            <option value="">{t("answer.choose")}</option>
            {outcomesByKind[r.kind].map((o) => (
              <option key={o} value={o}>
                {t(`outcomes.${o}`)}
              </option>
            ))}
          </select>
        </div>
        {r.kind === "freeze_accounts" ? (
          <>
            <AmountField
              name="frozen"
              id={id}
              label={label}
              hint={hint}
              text={t("answer.frozen")}
              hintText={t("answer.frozenHint")}
              minor={item.frozenMinor}
            />
            <AmountField
              name="recovered"
              id={id}
              label={label}
              hint={hint}
              text={t("answer.recovered")}
              hintText={t("answer.recoveredHint")}
              minor={item.recoveredMinor}
            />
          </>
        ) : null}
      </div>
      <div className="space-y-1">
        {label("note", t("answer.note"))}
        <textarea
          id={id("note")}
          name="note"
          rows={2}
          maxLength={2000}
          defaultValue={item.answerNote}
          className={inputClass}
        />
      </div>
      <div className="space-y-1">
        {label("attachment", t("answer.attachment"))}
        <input
          id={id("attachment")}
          name="attachment"
          type="file"
          accept="application/pdf,image/*"
          aria-describedby={id("attachment-hint")}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-2"
        />
        {hint("attachment", t("answer.attachmentHint", { maxMb: env().MAX_EVIDENCE_MB }))}
      </div>
      <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
        {item.outcome ? t("answer.update") : t("answer.submit")}
      </button>
    </form>
  );
}

// Shown as typed, in yuan: fen with two decimals, never through a float.
const yuan = (minor: bigint | null) =>
  minor === null ? "" : `${minor / 100n}.${String(minor % 100n).padStart(2, "0")}`;

/** An amount in yuan (frozen, returned): typed as text, parsed to fen on the server. */
function AmountField({
  name,
  id,
  label,
  hint,
  text,
  hintText,
  minor,
}: {
  name: string;
  id: (name: string) => string;
  label: (name: string, text: string) => ReactNode;
  hint: (name: string, text: string) => ReactNode;
  text: string;
  hintText: string;
  minor: bigint | null;
}) {
  return (
    <div className="space-y-1">
      {label(name, text)}
      <input
        id={id(name)}
        name={name}
        inputMode="decimal"
        autoComplete="off"
        maxLength={40}
        defaultValue={yuan(minor)}
        aria-describedby={id(`${name}-hint`)}
        className={inputClass}
      />
      {hint(name, hintText)}
    </div>
  );
}
