import { getFormatter, getTranslations } from "next-intl/server";
import type { ServiceContext } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { listCaseBulletins } from "@/lib/victims/bulletins";
import { BULLETIN_MAX_CHARS } from "@/lib/victims/bulletin-text";
import { postBulletinForm } from "@/lib/victims/actions";
import { inputClass } from "@/components/ui/field";
import { CaseFormFields, Section, Submit } from "@/components/cases/forms";

/**
 * The case page's bulletins to victims: what was posted (both languages as
 * written) and, for those who may write, a form with a text box per language.
 * A plain form (works without JavaScript) posting to postBulletinForm, which
 * comes back here with the case page's outcome banner.
 */
export async function CaseBulletins({
  number,
  locale,
  ctx,
  canWrite,
}: {
  number: string;
  locale: string;
  ctx: ServiceContext;
  canWrite: boolean;
}) {
  const t = await getTranslations("bulletins");
  const format = await getFormatter();
  const list = await listCaseBulletins(await db(), ctx, { caseNumber: number });
  return (
    <Section id="bulletins" title={t("title")}>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {list.length ? (
        <ul className="space-y-3">
          {list.map((b) => (
            <li key={b.id} className="rounded-md border border-slate-200 p-3" data-testid="case-bulletin">
              <p className="text-sm text-slate-700">
                {format.dateTime(b.postedAt, { dateStyle: "medium", timeStyle: "short" })}
                {b.author ? ` · ${b.author}` : ""}
              </p>
              <dl className="mt-1 space-y-1 text-sm">
                <div>
                  <dt className="font-medium">{t("bodyZh")}</dt>
                  <dd lang="zh-CN" className="whitespace-pre-line">
                    {b.bodyZh || <span className="text-slate-600">{t("notWritten")}</span>}
                  </dd>
                </div>
                <div>
                  <dt className="font-medium">{t("bodyEn")}</dt>
                  <dd lang="en" className="whitespace-pre-line">
                    {b.bodyEn || <span className="text-slate-600">{t("notWritten")}</span>}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">{t("none")}</p>
      )}
      {canWrite ? (
        <form
          action={postBulletinForm}
          aria-labelledby="bulletin-new-h"
          className="space-y-3 rounded-md bg-slate-50 p-3"
        >
          <h3 id="bulletin-new-h" className="font-semibold">
            {t("newTitle")}
          </h3>
          <p
            id="bulletin-warning"
            role="note"
            className="rounded-md border border-amber-700 bg-amber-50 p-2 text-amber-950"
          >
            {t("warning")}
          </p>
          <CaseFormFields locale={locale} number={number} />
          <div className="space-y-1">
            <label htmlFor="bulletin-zh" className="block text-sm font-medium">
              {t("bodyZh")}
            </label>
            <textarea
              id="bulletin-zh"
              name="bodyZh"
              lang="zh-CN"
              rows={4}
              maxLength={BULLETIN_MAX_CHARS}
              aria-describedby="bulletin-hint bulletin-warning"
              className={inputClass}
            />
          </div>
          <div className="space-y-1">
            <label htmlFor="bulletin-en" className="block text-sm font-medium">
              {t("bodyEn")}
            </label>
            <textarea
              id="bulletin-en"
              name="bodyEn"
              lang="en"
              rows={4}
              maxLength={BULLETIN_MAX_CHARS}
              aria-describedby="bulletin-hint bulletin-warning"
              className={inputClass}
            />
          </div>
          <p id="bulletin-hint" className="text-xs text-slate-600">
            {t("hint")}
          </p>
          <Submit>{t("post")}</Submit>
        </form>
      ) : null}
    </Section>
  );
}
