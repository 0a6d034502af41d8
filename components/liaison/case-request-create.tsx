import { getFormatter, getTranslations } from "next-intl/server";
import { disclosureFields, requestKinds, type CasePanel, type PanelGroup, type PanelIdentifier } from "@/lib/liaison";
import { createFollowUpForm, createRequestForm } from "@/lib/liaison/actions";
import { formatMinor } from "@/lib/vocab";
import { casePageHref } from "@/lib/cases";
import { inputClass } from "@/components/ui/field";
import { Submit } from "@/components/cases/forms";

/**
 * Creating requests, one step per organisation: each organisation's form
 * comes with the identifiers routed to it checked (those already asked of it
 * by a request still in play are left unchecked), what the victims paid to
 * each, the kind its organisation is usually asked for, an optional message
 * and due time, and the victim fields — redacted unless included with a
 * justification. Identifiers no organisation takes get a form that asks for
 * one (nothing pre-checked there, so listing only the first of them leaves
 * nothing out of a request unseen). Plain forms: they work without JavaScript.
 */
export async function CaseRequestCreate({
  panel,
  locale,
  showAll = false,
  whole = false,
}: {
  panel: CasePanel;
  locale: string;
  /** Every identifier in the form for those with no organisation ("?routing=all"). */
  showAll?: boolean;
  whole?: boolean;
}) {
  const t = await getTranslations("requests");
  return (
    <div className="space-y-4">
      {panel.followUps.length ? <FollowUps panel={panel} locale={locale} /> : null}
      <h3 className="font-semibold">{t("create.title")}</h3>
      <p className="text-sm text-slate-700">{t("create.intro")}</p>
      {panel.groups.length === 0 ? <p className="text-sm">{t("create.none")}</p> : null}
      {panel.groups.map((g) => (
        <GroupForm
          key={g.org?.id ?? "unrouted"}
          group={g}
          panel={panel}
          locale={locale}
          showAll={showAll}
          whole={whole}
        />
      ))}
    </div>
  );
}

/**
 * The form for identifiers with no organisation lists those paid to, then up
 * to this many others, unless all are asked for: a ring names hundreds of
 * QQ ids and phones, none of them checked.
 */
export const UNROUTED_ROWS_SHOWN = 20;

async function GroupForm({
  group,
  panel,
  locale,
  showAll,
  whole,
}: {
  group: PanelGroup;
  panel: CasePanel;
  locale: string;
  showAll: boolean;
  whole: boolean;
}) {
  const t = await getTranslations("requests");
  const c = await getTranslations("cases");
  const format = await getFormatter();
  const kindName = (k: PanelIdentifier["kind"]) => c(`identifierKind.${k}` as never);
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  const key = group.org ? `org-${group.org.id}` : "unrouted";
  // Organisations' rows come pre-checked and are all listed: one left out would silently leave the request.
  const rows =
    group.org || showAll ? group.rows : group.rows.filter((r, k) => r.paymentCount > 0 || k < UNROUTED_ROWS_SHOWN);
  const title = group.org ? t("create.groupTitle", { org: group.org.name }) : t("create.unrouted");
  const dueList = requestKinds
    .map((k) => t("create.dueHours", { kind: t(`kinds.${k}`), hours: panel.dueHours[k] }))
    .join(t("create.listSeparator"));
  return (
    <form
      action={createRequestForm}
      aria-labelledby={`${key}-h`}
      className="space-y-3 rounded-md border border-slate-300 p-3"
    >
      <h4 id={`${key}-h`} className="font-semibold">
        {title}
      </h4>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="number" value={panel.caseNumber} />
      {group.org ? (
        <input type="hidden" name="orgId" value={group.org.id} />
      ) : (
        <div className="space-y-1">
          <label htmlFor={`${key}-org`} className="block text-sm font-medium">
            {t("create.organisation")}
          </label>
          <select id={`${key}-org`} name="orgId" required defaultValue="" className={inputClass}>
            <option value="">{t("create.chooseOrg")}</option>
            {panel.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {group.leakPlatform ? (
        <>
          <input type="hidden" name="platformId" value={group.leakPlatform.id} />
          <p className="text-sm">{t("create.leakShop", { shop: group.leakPlatform.name })}</p>
        </>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={`${key}-kind`} className="block text-sm font-medium">
          {t("create.kind")}
        </label>
        <select id={`${key}-kind`} name="kind" defaultValue={group.defaultKind} className={inputClass}>
          {requestKinds.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {rows.length ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t("create.identifiers")}</legend>
          {rows.map((row) => (
            <IdentifierChoice
              key={row.identifierId}
              id={`${key}-id-${row.identifierId}`}
              row={row}
              locale={locale}
              checked={!!group.org && row.requestedIn.length === 0}
              t={t}
              kindName={kindName}
              day={day}
            />
          ))}
          {rows.length < group.rows.length ? (
            <p className="text-sm text-slate-700">
              {t("create.unroutedNotShown", { count: group.rows.length - rows.length })}{" "}
              <a
                href={casePageHref(locale, panel.caseNumber, { routing: "all" }, `${key}-h`, whole)}
                className="text-brand-700 underline"
              >
                {t("create.unroutedShowAll", { count: group.rows.length })}
              </a>
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={`${key}-body`} className="block text-sm font-medium">
          {t("create.message")}
        </label>
        <textarea id={`${key}-body`} name="body" rows={3} maxLength={5000} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${key}-due`} className="block text-sm font-medium">
          {t("create.due")}
        </label>
        <input
          id={`${key}-due`}
          name="dueAt"
          type="datetime-local"
          aria-describedby={`${key}-due-hint`}
          className={inputClass}
        />
        <p id={`${key}-due-hint`} className="text-xs text-slate-700">
          {t("create.dueHint", { list: dueList })}
        </p>
      </div>
      <fieldset className="space-y-2" aria-describedby={`${key}-pii-hint`}>
        <legend className="text-sm font-medium">{t("create.victimData")}</legend>
        <p id={`${key}-pii-hint`} className="text-xs text-slate-700">
          {t("create.victimDataHint")}
        </p>
        {disclosureFields.map((f) => {
          const field = t(`fields.${f}`);
          return (
            <div key={f} className="space-y-1 rounded bg-slate-50 p-2">
              <div className="flex items-center gap-2">
                <input id={`${key}-include-${f}`} name={`include.${f}`} type="checkbox" className="h-5 w-5" />
                <label htmlFor={`${key}-include-${f}`} className="text-sm">
                  {t("create.include", { field })}
                </label>
              </div>
              <label htmlFor={`${key}-why-${f}`} className="block text-sm">
                {t("create.justification", { field })}
              </label>
              <textarea
                id={`${key}-why-${f}`}
                name={`justification.${f}`}
                rows={2}
                maxLength={2000}
                className={inputClass}
              />
            </div>
          );
        })}
      </fieldset>
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          name="intent"
          value="send"
          className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800"
        >
          {t("create.send")}
        </button>
        <button
          type="submit"
          name="intent"
          value="draft"
          className="rounded-md border border-brand-700 bg-white px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          {t("create.draft")}
        </button>
      </div>
    </form>
  );
}

/** One checkbox row; synchronous, with the translators passed in (hundreds of rows on a large case). */
function IdentifierChoice({
  id,
  row,
  locale,
  checked,
  t,
  kindName,
  day,
}: {
  id: string;
  row: PanelIdentifier;
  locale: string;
  checked: boolean;
  t: Awaited<ReturnType<typeof getTranslations<"requests">>>;
  kindName: (kind: PanelIdentifier["kind"]) => string;
  day: (d: Date) => string;
}) {
  const figures = t("create.figures", {
    paid: formatMinor(row.paidMinor, "CNY", locale),
    payments: row.paymentCount,
    victims: row.victimCount,
  });
  const period = row.firstPaidAt && row.lastPaidAt ? ` · ${day(row.firstPaidAt)} – ${day(row.lastPaidAt)}` : "";
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={`identifier.${row.identifierId}`}
        type="checkbox"
        defaultChecked={checked}
        aria-describedby={`${id}-d`}
        className="mt-1 h-5 w-5"
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-mono break-all">
          {row.display}
        </label>{" "}
        <span className="text-slate-700">({kindName(row.kind)})</span>
        <p id={`${id}-d`} className="text-xs text-slate-700">
          {figures}
          {period}
          {row.requestedIn.length ? ` · ${t("create.alreadyAsked", { numbers: row.requestedIn.join(", ") })}` : ""}
        </p>
      </div>
    </div>
  );
}

/** Suggested follow-ups: one click makes a draft with the new accounts, sent after a look. */
async function FollowUps({ panel, locale }: { panel: CasePanel; locale: string }) {
  const t = await getTranslations("requests");
  return (
    <div className="space-y-2 rounded-md border border-amber-700 bg-amber-50 p-3">
      <h3 className="font-semibold">{t("followUps.title")}</h3>
      <p className="text-sm">{t("followUps.intro")}</p>
      {panel.followUps.map((f) => (
        <form key={`${f.followUpOf}-${f.org.id}`} action={createFollowUpForm} className="space-y-2">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="number" value={panel.caseNumber} />
          <input type="hidden" name="orgId" value={f.org.id} />
          <input type="hidden" name="followUpOf" value={f.followUpOf} />
          {f.rows.map((r) => (
            <input key={r.identifierId} type="hidden" name={`identifier.${r.identifierId}`} value="on" />
          ))}
          <p className="text-sm font-medium">{t("followUps.item", { number: f.followUpOf, org: f.org.name })}</p>
          <ul className="list-disc pl-5 text-sm">
            {f.rows.map((r) => (
              <li key={r.identifierId}>
                <span className="font-mono">{r.display}</span> · {formatMinor(r.paidMinor, "CNY", locale)}
              </li>
            ))}
          </ul>
          <input type="hidden" name="body" value={t("followUps.message", { number: f.followUpOf })} />
          <p className="text-xs text-slate-700">{t("followUps.hint")}</p>
          <Submit>{t("followUps.create", { number: f.followUpOf })}</Submit>
        </form>
      ))}
    </div>
  );
}
