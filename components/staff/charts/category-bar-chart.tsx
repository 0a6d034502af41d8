"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compactYuan, shorten } from "./format";
import { useMounted } from "./use-mounted";

export interface BarDatum {
  /** Translated category label. */
  label: string;
  /** Yuan, for the geometry only. */
  value: number;
  /** The exact amount as shown in the table (from minor units). */
  display: string;
}

const ROW = 34;

/**
 * Horizontal bars, one per category (largest first as given). The drawing is
 * role="img" with a summary; the exact figures are in the ChartCard's table.
 * Drawn in the browser only: the server renders a box of the same height.
 */
export function CategoryBarChart({
  data,
  locale,
  valueName,
  summary,
}: {
  data: BarDatum[];
  locale: string;
  valueName: string;
  summary: string;
}) {
  const mounted = useMounted();
  const height = Math.max(140, data.length * ROW + 48);
  const ticks = compactYuan(locale);
  return (
    <div role="img" aria-label={summary} style={{ height }} className="w-full">
      {mounted ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            layout="vertical"
            data={data}
            margin={{ top: 4, right: 24, bottom: 4, left: 4 }}
            accessibilityLayer={false}
          >
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" tickFormatter={ticks} tick={{ fill: "#334155", fontSize: 12 }} stroke="#64748b" />
            <YAxis
              type="category"
              dataKey="label"
              width={180}
              interval={0}
              tickFormatter={(v: string) => shorten(v)}
              tick={{ fill: "#1e293b", fontSize: 12 }}
              stroke="#64748b"
            />
            <Tooltip
              cursor={{ fill: "#eef6ff" }}
              formatter={(_value, _name, item) => [(item?.payload as BarDatum | undefined)?.display ?? "", valueName]}
            />
            <Bar dataKey="value" name={valueName} fill="#174c99" isAnimationActive={false} barSize={20} />
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
