import type { getTranslations } from "next-intl/server";
import { knownRouteKey } from "@/lib/liaison/route-keys";

export type RoutingTranslator = Awaited<ReturnType<typeof getTranslations<"routing">>>;

/** A route key as people say it: the bank, operator or company by name, a shop by its key, anything else as it is. */
export function routeKeyName(key: string, locale: string, t: RoutingTranslator): string {
  const known = knownRouteKey(key);
  if (known?.group === "bank") return known.names[locale === "zh-CN" ? "zh-CN" : "en"];
  if (known?.group === "telecom") return t(`operators.${known.id}`);
  if (known?.group === "company") return t(`companies.${known.id}`);
  return key.startsWith("platform:") ? t("platformKey", { key: key.slice("platform:".length) }) : key;
}
