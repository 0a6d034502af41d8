import { getFormatter, getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { can, type ServiceContext } from "@/lib/auth/permissions";
import {
  listRouteOrganisations,
  routeCaseIdentifiers,
  type IdentifierRouteRow,
  type RouteOrg,
} from "@/lib/liaison/routes";
import { routeKeyName, type RoutingTranslator as T } from "./route-key-name";
import { setIdentifierRouteForm } from "@/lib/liaison/actions";
import { formatMinor } from "@/lib/vocab";
import { casePageHref } from "@/lib/cases";
import { inputClass } from "@/components/ui/field";
import { CaseFormFields, Section, Submit } from "@/components/cases/forms";

/**
 * Rows shown: identifiers with payments always; the others up to this many
 * unless all are asked for (each row carries its own override form: a large
 * ring names a thousand identifiers).
 */
export const ROUTING_ROWS_SHOWN = 20;

/**
 * The case page's "Organisations to ask" section (id "routing"): each
 * identifier that may link, where it routes and why, the organisation, what
 * the case's victims paid to it, and (with create:request:any) a select to
 * choose another organisation, posting to setIdentifierRouteForm, which comes
 * back to #routing. Renders nothing without read:request:any. Pass `rows` when
 * the page already loaded them (routeCaseIdentifiers).
 */
export async function CaseRouting({
  number,
  locale,
  ctx,
  rows: given,
  showAll = false,
  editing = null,
  whole = false,
}: {
  number: string;
  locale: string;
  ctx: ServiceContext;
  rows?: IdentifierRouteRow[];
  /** Every row ("?routing=all" on the case page). */
  showAll?: boolean;
  /** The identifier whose organisation is being chosen ("?route=<id>"): only its row carries the form. */
  editing?: number | null;
  /** The page is rendered whole (no JavaScript): its links stay on such pages, anchors and all. */
  whole?: boolean;
}) {
  if (!can(ctx.actor, "read:request:any")) return null;
  const client = await db();
  const canOverride = can(ctx.actor, "create:request:any");
  const [rows, orgs] = await Promise.all([
    given ?? routeCaseIdentifiers(client, ctx, { caseNumber: number }),
    canOverride && editing !== null ? listRouteOrganisations(client, ctx) : Promise.resolve([] as RouteOrg[]),
  ]);
  const t = await getTranslations("routing");
  const tc = await getTranslations("cases");
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "Asia/Shanghai" });
  const shown = showAll
    ? rows
    : rows.filter((r, k) => r.paymentCount > 0 || k < ROUTING_ROWS_SHOWN || r.identifierId === editing);
  // One row's form at a time: a select of every organisation on every row
  // made the page grow with rows × organisations (docs/benchmarks.md).
  const pageUrl = (route: number | null) =>
    casePageHref(
      locale,
      number,
      { routing: showAll ? "all" : null, route },
      route === null ? "routing" : `route-${route}`,
      whole,
    );
  const unrouted = rows.filter((r) => !r.org).length;

  return (
    <Section id="routing" title={t("title")}>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {rows.length === 0 ? (
        <p className="text-sm">{t("empty")}</p>
      ) : (
        <>
          {unrouted > 0 ? (
            <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-950">{t("unrouted", { count: unrouted })}</p>
          ) : null}
          {/* Wide on purpose: on a phone the table scrolls sideways rather than squeezing each word onto its own line. */}
          <div className="overflow-x-auto">
            <table className="w-full min-w-[56rem] text-left text-sm">
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="px-2 py-1">
                    {t("identifierCol")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("targetCol")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("orgCol")}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right">
                    {t("paidCol")}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right">
                    {t("paymentsCol")}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right">
                    {t("victimsCol")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("periodCol")}
                  </th>
                  {canOverride ? (
                    <th scope="col" className="px-2 py-1">
                      {t("overrideCol")}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.identifierId} className="border-t border-slate-200 align-top">
                    <td className="px-2 py-1">
                      <span className="block min-w-40 font-mono break-all">{r.display}</span>
                      <span className="text-xs text-slate-700">{tc(`identifierKind.${r.kind}`)}</span>
                    </td>
                    <td className="px-2 py-1">
                      {r.target ? (
                        <>
                          <span className="block">{routeKeyName(r.target.key, locale, t)}</span>
                          <span className="text-xs text-slate-700">{t(`basis.${r.target.basis}`)}</span>
                        </>
                      ) : (
                        <span className="text-slate-700">{t("noTarget")}</span>
                      )}
                    </td>
                    <td className="px-2 py-1">
                      {r.org ? (
                        <>
                          <span className="block font-medium">{r.org.name}</span>
                          {r.via ? <span className="text-xs text-slate-700">{t(`via.${r.via}`)}</span> : null}
                        </>
                      ) : r.target ? (
                        <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-950">
                          {t("noOrg")}
                        </span>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="px-2 py-1 text-right whitespace-nowrap">
                      {r.paidMinor > 0n ? formatMinor(r.paidMinor, "CNY", locale) : "—"}
                    </td>
                    <td className="px-2 py-1 text-right">{r.paymentCount}</td>
                    <td className="px-2 py-1 text-right">{r.victimCount}</td>
                    <td className="px-2 py-1 whitespace-nowrap">
                      {r.firstPaidAt && r.lastPaidAt
                        ? r.firstPaidAt.getTime() === r.lastPaidAt.getTime()
                          ? day(r.firstPaidAt)
                          : `${day(r.firstPaidAt)} – ${day(r.lastPaidAt)}`
                        : "—"}
                    </td>
                    {canOverride ? (
                      <td className="px-2 py-1">
                        {r.identifierId === editing ? (
                          <>
                            <OverrideForm row={r} orgs={orgs} number={number} locale={locale} t={t} />
                            <a href={pageUrl(null)} className="text-sm text-brand-700 underline">
                              {t("cancelChange")}
                            </a>
                          </>
                        ) : (
                          <a href={pageUrl(r.identifierId)} className="text-brand-700 underline">
                            {t("change")}
                            <span className="sr-only"> {t("overrideLabel", { identifier: r.display })}</span>
                          </a>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.length < rows.length ? (
            <p className="text-sm text-slate-700">
              {t("notShown", { count: rows.length - shown.length })}{" "}
              <a
                href={casePageHref(locale, number, { routing: "all" }, "routing", whole)}
                className="text-brand-700 underline"
              >
                {t("showAll", { count: rows.length })}
              </a>
            </p>
          ) : null}
        </>
      )}
    </Section>
  );
}

function OverrideForm({
  row,
  orgs,
  number,
  locale,
  t,
}: {
  row: IdentifierRouteRow;
  orgs: RouteOrg[];
  number: string;
  locale: string;
  t: T;
}) {
  const id = `route-${row.identifierId}`;
  return (
    <form action={setIdentifierRouteForm} className="flex flex-wrap items-end gap-2">
      <CaseFormFields locale={locale} number={number} />
      <input type="hidden" name="identifierId" value={row.identifierId} />
      <label htmlFor={id} className="sr-only">
        {t("overrideLabel", { identifier: row.display })}
      </label>
      <select
        id={id}
        name="orgId"
        defaultValue={row.via === "override" ? (row.org?.id ?? "") : ""}
        className={`${inputClass} w-auto max-w-xs min-w-48`}
      >
        <option value="">{t("automatic")}</option>
        {orgs.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <Submit variant="secondary">
        {t("save")}
        <span className="sr-only"> {row.display}</span>
      </Submit>
    </form>
  );
}
