"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compactYuan } from "./format";
import { useMounted } from "./use-mounted";

export interface FrozenDatum {
  /** Translated month, e.g. "Mar 2026" / "2026年3月". */
  label: string;
  /** Yuan, for the geometry only. */
  lost: number;
  frozen: number;
  /** The exact amounts as shown in the table (from minor units). */
  lostDisplay: string;
  frozenDisplay: string;
}

const LOST = "#174c99";
const FROZEN = "#047857";

/**
 * Lost and frozen per month as pairs of bars on one axis (both CNY).
 * role="img" with a summary; the exact figures are in the ChartCard's table.
 * Drawn in the browser only; the key is plain HTML (hidden from screen
 * readers, which get the table's column headings instead). The two series
 * differ by position as well as colour: lost is always the left bar.
 */
export function FrozenChart({
  data,
  locale,
  lostName,
  frozenName,
  summary,
}: {
  data: FrozenDatum[];
  locale: string;
  lostName: string;
  frozenName: string;
  summary: string;
}) {
  const mounted = useMounted();
  const ticks = compactYuan(locale);
  return (
    <div className="space-y-2">
      <div role="img" aria-label={summary} className="h-80 w-full">
        {mounted ? (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="label" tick={{ fill: "#334155", fontSize: 12 }} stroke="#64748b" minTickGap={16} />
              <YAxis tickFormatter={ticks} tick={{ fill: "#334155", fontSize: 12 }} stroke="#64748b" width={72} />
              <Tooltip
                formatter={(_value, name, item) => {
                  const d = item?.payload as FrozenDatum | undefined;
                  return [item?.dataKey === "frozen" ? d?.frozenDisplay : d?.lostDisplay, name];
                }}
              />
              <Bar dataKey="lost" name={lostName} fill={LOST} isAnimationActive={false} />
              <Bar dataKey="frozen" name={frozenName} fill={FROZEN} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <p aria-hidden="true" className="flex flex-wrap justify-center gap-x-5 text-sm text-slate-800">
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-5 rounded-sm" style={{ backgroundColor: LOST }} />
          {lostName}
        </span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-5 rounded-sm" style={{ backgroundColor: FROZEN }} />
          {frozenName}
        </span>
      </p>
    </div>
  );
}
