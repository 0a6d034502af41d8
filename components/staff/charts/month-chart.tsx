"use client";
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compactYuan } from "./format";
import { useMounted } from "./use-mounted";

export interface MonthDatum {
  /** Translated month, e.g. "Mar 2026" / "2026年3月". */
  label: string;
  /** Yuan, for the geometry only. */
  loss: number;
  /** The exact amount as shown in the table (from minor units). */
  lossDisplay: string;
  reports: number;
}

/**
 * Loss per month as an area (left axis) with the number of reports as a line
 * (right axis). role="img" with a summary; the exact figures are in the
 * ChartCard's table. Drawn in the browser only; the key is plain HTML (hidden
 * from screen readers, which get the table's column headings instead).
 */
export function MonthChart({
  data,
  locale,
  lossName,
  reportsName,
  summary,
}: {
  data: MonthDatum[];
  locale: string;
  lossName: string;
  reportsName: string;
  summary: string;
}) {
  const mounted = useMounted();
  const ticks = compactYuan(locale);
  const count = new Intl.NumberFormat(locale);
  return (
    <div className="space-y-2">
      <div role="img" aria-label={summary} className="h-80 w-full">
        {mounted ? (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="label" tick={{ fill: "#334155", fontSize: 12 }} stroke="#64748b" minTickGap={16} />
              <YAxis
                yAxisId="loss"
                tickFormatter={ticks}
                tick={{ fill: "#334155", fontSize: 12 }}
                stroke="#64748b"
                width={72}
              />
              <YAxis
                yAxisId="reports"
                orientation="right"
                allowDecimals={false}
                tickFormatter={(v: number) => count.format(v)}
                tick={{ fill: "#334155", fontSize: 12 }}
                stroke="#64748b"
                width={48}
              />
              <Tooltip
                formatter={(value, name, item) =>
                  item?.dataKey === "loss"
                    ? [(item.payload as MonthDatum).lossDisplay, name]
                    : [count.format(Number(value)), name]
                }
              />
              <Area
                yAxisId="loss"
                type="linear"
                dataKey="loss"
                name={lossName}
                stroke="#174c99"
                fill="#bfd7f5"
                isAnimationActive={false}
              />
              <Line
                yAxisId="reports"
                type="linear"
                dataKey="reports"
                name={reportsName}
                stroke="#b45309"
                strokeWidth={2}
                dot={data.length < 40}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <p aria-hidden="true" className="flex flex-wrap justify-center gap-x-5 text-sm text-slate-800">
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-5 rounded-sm border-2 border-[#174c99] bg-[#bfd7f5]" />
          {lossName}
        </span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-0.5 w-5 bg-[#b45309]" />
          {reportsName}
        </span>
      </p>
    </div>
  );
}
