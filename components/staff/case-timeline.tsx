import { formatMinor } from "@/lib/vocab";
import { groupTimeline, type TimelineEntry } from "./case-timeline-model";

export type { TimelineEntry } from "./case-timeline-model";
export { groupTimeline } from "./case-timeline-model";

export type TimelineLabels = Record<TimelineEntry["type"], string> & { title: string; empty: string };

const dot: Record<TimelineEntry["type"], string> = {
  incident: "bg-red-700",
  payment: "bg-amber-600",
  report: "bg-brand-700",
  event: "bg-slate-500",
};

function amount(minor: string, currency: string, locale: string): string {
  try {
    return formatMinor(BigInt(minor), currency, locale);
  } catch {
    return `${minor} ${currency}`;
  }
}

/**
 * The case's incidents, payments, reports and history as an ordered list
 * grouped by day (China time unless `timeZone` is given), newest last. Server
 * component: plain HTML, no client JavaScript. Each entry shows its type as
 * text (the coloured dot is decoration), its time in a <time dateTime>, the
 * label, the amount (formatMinor, exact) and the report reference unless the
 * label already contains it.
 */
export function CaseTimeline({
  entries,
  locale,
  labels,
  timeZone = "Asia/Shanghai",
}: {
  entries: TimelineEntry[];
  locale: string;
  labels: TimelineLabels;
  timeZone?: string;
}) {
  const days = groupTimeline(entries, timeZone);
  if (days.length === 0) return <p className="text-slate-700">{labels.empty}</p>;
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone });
  return (
    <ol aria-label={labels.title} className="space-y-4">
      {days.map((d) => (
        <li key={d.day}>
          <p className="text-sm font-semibold text-slate-900">
            <time dateTime={d.day}>{dayFormat.format(Date.parse(`${d.day}T00:00:00Z`))}</time>
          </p>
          <ol className="mt-1 space-y-1 border-l-2 border-slate-200 pl-4">
            {d.entries.map((e, i) => (
              <li key={`${e.dateTime}-${i}`} className="relative text-sm">
                <span
                  aria-hidden="true"
                  className={`absolute -left-[1.3rem] top-1.5 h-2.5 w-2.5 rounded-full ${dot[e.type]}`}
                />
                {e.dateOnly ? null : (
                  <>
                    <time dateTime={e.dateTime} className="tabular-nums text-slate-700">
                      {timeFormat.format(e.ms)}
                    </time>{" "}
                  </>
                )}
                <span className="font-medium">{labels[e.type]}</span>
                {e.label ? <span className="break-words">{` · ${e.label}`}</span> : null}
                {e.amountMinor ? (
                  <span className="whitespace-nowrap font-medium tabular-nums">{` · ${amount(e.amountMinor, e.currency ?? "CNY", locale)}`}</span>
                ) : null}
                {e.reference && !e.label.includes(e.reference) ? (
                  <span className="font-mono text-xs text-slate-700">{` · ${e.reference}`}</span>
                ) : null}
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
