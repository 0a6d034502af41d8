import { defineRouting } from "next-intl/routing";

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];

export const routing = defineRouting({
  locales,
  defaultLocale: "zh-CN",
  // Every URL names its language, so a link or bookmark always opens in the
  // language it was shared in; "/" picks one from the cookie or Accept-Language.
  localePrefix: "always",
});
