// Pure helpers for the chart props: safe in the browser bundle and in tests.

/**
 * Minor units (fen) to yuan as a number, for chart geometry only: the exact
 * amount is always shown from the minor units (formatMinor), never from this.
 */
export function minorToYuan(minor: bigint | string): number {
  const m = typeof minor === "bigint" ? minor : BigInt(minor);
  const negative = m < 0n;
  const abs = negative ? -m : m;
  const yuan = Number(abs / 100n) + Number(abs % 100n) / 100;
  return negative ? -yuan : yuan;
}

/** Axis ticks: "¥1.2万" / "CN¥12K" — short and rounded, the table has the exact figures. */
export function compactYuan(locale: string): (v: number) => string {
  let f: Intl.NumberFormat;
  try {
    f = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: "CNY",
      notation: "compact",
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    });
  } catch {
    f = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
  }
  return (v) => f.format(v);
}

/** Labels longer than `max` characters are cut with an ellipsis (axis ticks only), without a dangling space or bracket. */
export function shorten(label: string, max = 24): string {
  const chars = [...label];
  if (chars.length <= max) return label;
  return `${chars
    .slice(0, max - 1)
    .join("")
    .replace(/[\s(（“"'/,，、:：·-]+$/u, "")}…`;
}
