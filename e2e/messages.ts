/**
 * The message catalogues for the tests, merged exactly as messages/index.ts
 * merges them. Playwright loads the specs as native ES modules, where JSON
 * needs an import attribute; messages/index.ts cannot carry one (the
 * Next.js build precompiles the catalogues into JavaScript modules, which an
 * attribute would make it parse as JSON again). i18n/messages.test.ts checks
 * that both agree.
 */
import en from "../messages/en.json" with { type: "json" };
import zh from "../messages/zh-CN.json" with { type: "json" };
import routingEn from "../messages/liaison/routing.en.json" with { type: "json" };
import routingZh from "../messages/liaison/routing.zh-CN.json" with { type: "json" };
import requestsEn from "../messages/liaison/requests.en.json" with { type: "json" };
import requestsZh from "../messages/liaison/requests.zh-CN.json" with { type: "json" };
import portalEn from "../messages/liaison/portal.en.json" with { type: "json" };
import portalZh from "../messages/liaison/portal.zh-CN.json" with { type: "json" };
import exportsEn from "../messages/liaison/exports.en.json" with { type: "json" };
import exportsZh from "../messages/liaison/exports.zh-CN.json" with { type: "json" };
import signalsEn from "../messages/liaison/signals.en.json" with { type: "json" };
import signalsZh from "../messages/liaison/signals.zh-CN.json" with { type: "json" };

export const catalogues = {
  en: { ...en, ...routingEn, ...requestsEn, ...portalEn, ...exportsEn, ...signalsEn },
  "zh-CN": { ...zh, ...routingZh, ...requestsZh, ...portalZh, ...exportsZh, ...signalsZh },
} as const;
