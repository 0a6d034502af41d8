import type { ReactNode } from "react";
import type { getFormatter } from "next-intl/server";

type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/** Request times as the police and the organisations in China read them: Beijing time. */
export function chinaTime(format: Formatter, d: Date | null): string {
  return d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }) : "—";
}

/** "Overdue" as text, not by colour alone (the row's tint only repeats it). */
export function OverdueBadge({ children }: { children: ReactNode }) {
  return (
    <span className="ml-2 inline-block rounded bg-red-800 px-2 py-0.5 text-xs font-semibold text-white">
      {children}
    </span>
  );
}

/** A table that scrolls sideways on a phone; the region is named by the caption and can take focus to scroll. */
export function ScrollTable({ id, caption, children }: { id: string; caption: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-labelledby={`${id}-caption`}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-300 bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
    >
      <table id={id} className="min-w-full text-left text-sm">
        <caption id={`${id}-caption`} className="px-3 py-2 text-left font-medium text-slate-900">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

/** A file size for people: "312 KB", "1.4 MB". */
export function fileSize(bytes: number, locale: string): string {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024
    ? `${n.format(Math.max(1, Math.round(bytes / 1024)))} KB`
    : `${n.format(bytes / 1048576)} MB`;
}
