/**
 * The message catalogues: one base file per locale, plus the liaison, victims
 * and ops areas' parts (split so each part is edited on its own). The parts hold their own
 * top-level namespaces; a part never redefines a base namespace.
 */
import en from "./en.json";
import zh from "./zh-CN.json";
import routingEn from "./liaison/routing.en.json";
import routingZh from "./liaison/routing.zh-CN.json";
import requestsEn from "./liaison/requests.en.json";
import requestsZh from "./liaison/requests.zh-CN.json";
import portalEn from "./liaison/portal.en.json";
import portalZh from "./liaison/portal.zh-CN.json";
import exportsEn from "./liaison/exports.en.json";
import exportsZh from "./liaison/exports.zh-CN.json";
import signalsEn from "./liaison/signals.en.json";
import signalsZh from "./liaison/signals.zh-CN.json";
import lookupEn from "./victims/lookup.en.json";
import lookupZh from "./victims/lookup.zh-CN.json";
import updatesEn from "./victims/updates.en.json";
import updatesZh from "./victims/updates.zh-CN.json";
import statusEn from "./victims/status.en.json";
import statusZh from "./victims/status.zh-CN.json";
import errorPageEn from "./ops/error-page.en.json";
import errorPageZh from "./ops/error-page.zh-CN.json";

export const catalogues = {
  en: {
    ...en,
    ...routingEn,
    ...requestsEn,
    ...portalEn,
    ...exportsEn,
    ...signalsEn,
    ...lookupEn,
    ...updatesEn,
    ...statusEn,
    ...errorPageEn,
  },
  "zh-CN": {
    ...zh,
    ...routingZh,
    ...requestsZh,
    ...portalZh,
    ...exportsZh,
    ...signalsZh,
    ...lookupZh,
    ...updatesZh,
    ...statusZh,
    ...errorPageZh,
  },
} as const;

/** Every part, for the test that checks no part shadows another's namespace. */
export const parts = {
  en: [en, routingEn, requestsEn, portalEn, exportsEn, signalsEn, lookupEn, updatesEn, statusEn, errorPageEn],
  "zh-CN": [zh, routingZh, requestsZh, portalZh, exportsZh, signalsZh, lookupZh, updatesZh, statusZh, errorPageZh],
} as const;
