import { getFormatter, getTranslations } from "next-intl/server";
import type { SessionSummary } from "@/lib/auth/sessions";

/** A user's open sessions on the admin's user page (server component; plain table). */
export async function SessionsTable({ sessions }: { sessions: SessionSummary[] }) {
  const t = await getTranslations("admin");
  const format = await getFormatter();
  if (sessions.length === 0) return <p className="text-slate-700">{t("noSessions")}</p>;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const headings = ["sessionStarted", "sessionLastSeen", "sessionExpires", "sessionBrowser", "sessionAddress"] as const;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <thead className="bg-slate-100">
          <tr>
            {headings.map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {t(h)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} className="border-t border-slate-200">
              {[s.createdAt, s.lastSeenAt, s.expiresAt].map((d, i) => (
                <td key={i} className="whitespace-nowrap px-3 py-2">
                  {when(d)}
                </td>
              ))}
              <td className="max-w-xs truncate px-3 py-2" title={s.userAgent}>
                {s.userAgent || "—"}
              </td>
              <td className="px-3 py-2 font-mono">{s.addressTag || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-700">{t("sessionAddressHint")}</p>
    </div>
  );
}
