import type { ReactNode } from "react";

export interface ChartTable {
  /** Column headings; the first column holds the row headings (the categories). */
  columns: string[];
  /** Cells as displayed; numeric columns are right-aligned. */
  rows: { key: string; cells: string[] }[];
}

/**
 * A dashboard panel: visible heading, the chart (a client component; drawn
 * only in the browser), and the same figures as a real table under a
 * <details>, so screen readers, keyboard users and visitors without
 * JavaScript get every number. Server component (no client JavaScript itself).
 */
export function ChartCard({
  id,
  title,
  description,
  chart,
  table,
  labels,
}: {
  id: string;
  title: string;
  description?: string;
  chart: ReactNode;
  table: ChartTable;
  labels: { showTable: string; noScript: string; empty: string };
}) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {description ? <p className="text-sm text-slate-700">{description}</p> : null}
      {table.rows.length === 0 ? (
        <p className="text-slate-700">{labels.empty}</p>
      ) : (
        <>
          {chart}
          <noscript>
            <p className="text-sm text-slate-700">{labels.noScript}</p>
          </noscript>
          <details className="group">
            <summary className="cursor-pointer text-sm font-medium text-brand-700 underline underline-offset-2">
              {labels.showTable}
            </summary>
            <div className="mt-2 overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">{title}</caption>
                <thead className="bg-slate-100">
                  <tr>
                    {table.columns.map((c, i) => (
                      <th key={c} scope="col" className={`px-3 py-2 ${i > 0 ? "text-right" : ""}`}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((r) => (
                    <tr key={r.key} className="border-t border-slate-200">
                      {r.cells.map((c, i) =>
                        i === 0 ? (
                          <th key={i} scope="row" className="px-3 py-1.5 font-normal">
                            {c}
                          </th>
                        ) : (
                          <td key={i} className="whitespace-nowrap px-3 py-1.5 text-right tabular-nums">
                            {c}
                          </td>
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
