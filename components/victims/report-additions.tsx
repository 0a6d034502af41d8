import { getFormatter, getTranslations } from "next-intl/server";
import { formatMinor } from "@/lib/vocab";
import type { AdditionView } from "@/lib/victims/additions-view";

/**
 * Under a report on the case page: what the victim added later, each with
 * its time (lib/victims/additions-view.ts decides what the viewer may see).
 * The added rows are also in the report's own lists above; this says which
 * came later, and when.
 */
export async function ReportAdditions({
  additions,
  locale,
}: {
  additions: AdditionView[] | undefined;
  locale: string;
}) {
  if (!additions?.length) return null;
  const t = await getTranslations("additions");
  const c = await getTranslations("cases");
  const o = await getTranslations("options");
  const format = await getFormatter();
  return (
    <div className="mt-2 rounded-md bg-slate-50 p-2 text-sm" data-testid="report-additions">
      <h4 className="font-medium">{t("staffTitle")}</h4>
      <ul className="mt-1 space-y-1">
        {additions.map((a) => (
          <li key={a.id}>
            <time dateTime={a.at.toISOString()} className="font-medium">
              {format.dateTime(a.at, { dateStyle: "medium", timeStyle: "short" })}
            </time>
            {a.contacts.length ? (
              <span>
                {" "}
                · {c("contacts")}:{" "}
                {a.contacts.map((x) => `${x.value} (${o(`contactKind.${x.kind}` as never)})`).join(", ")}
              </span>
            ) : null}
            {a.payments.length ? (
              <span>
                {" "}
                · {c("payments")}:{" "}
                {a.payments
                  .map(
                    (p) =>
                      `${formatMinor(p.amountMinor, p.currency, locale)} → ${p.payeeValue}${p.payeeName ? ` (${p.payeeName})` : ""}`,
                  )
                  .join(", ")}
              </span>
            ) : null}
            {a.platforms.length ? (
              <span>
                {" "}
                · {c("platforms")}:{" "}
                {a.platforms.map((p) => `${p.name} (${o(`platformRole.${p.role}` as never)})`).join(", ")}
              </span>
            ) : null}
            {a.evidence.length ? (
              <span>
                {" "}
                · {c("evidence")}:{" "}
                {a.evidence.map((e) => (
                  <a key={e.id} href={`/api/evidence/${e.id}`} className="mr-2 text-brand-700 underline">
                    {e.originalName} ({c("download")})
                  </a>
                ))}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
