import { parse as parseDomain } from "tldts";
import type { CanonicalIdentifier } from "./types";
import { CJK, fold, isJunk } from "./text";

/**
 * URLs. A scammer controls a whole registrable domain, so every page, port,
 * scheme and subdomain of "claim-center.cn" is one identifier. On hub hosts
 * (short links, survey forms, article platforms, big platforms' own domains)
 * the domain belongs to someone else and only the page identifies the scammer:
 * there the key is host + path, and the query only where the host puts the
 * page's identity into it (HUB_QUERY_KEYS).
 */

/** Hosts where each path is somebody's page. Matched on the host without "www.". */
export const HUB_HOSTS: readonly string[] = [
  // short links
  "t.cn",
  "url.cn",
  "w.url.cn",
  "dwz.cn",
  "suo.im",
  "bit.ly",
  "tinyurl.com",
  "goo.gl",
  "t.co",
  "ow.ly",
  "is.gd",
  "cutt.ly",
  "rebrand.ly",
  "shorturl.at",
  "tb.cn",
  "m.tb.cn",
  "e.tb.cn",
  "u.jd.com",
  "3.cn",
  "b23.tv",
  "v.douyin.com",
  "xhslink.com",
  "sohu.gg",
  "c7.gg",
  "kurl.ru",
  "sina.lt",
  "dwz.date",
  "reurl.cc",
  // forms, surveys, shared documents
  "wj.qq.com",
  "docs.qq.com",
  "wjx.cn",
  "wjx.top",
  "wjx.com",
  "jinshuju.net",
  "jinshuju.com",
  "jsj.top",
  "mikecrm.com",
  "wenjuan.com",
  "credamo.com",
  "forms.gle",
  "kdocs.cn",
  "shimo.im",
  "yuque.com",
  // app distribution and file sharing, common for fake "refund apps"
  "pgyer.com",
  "fir.im",
  "fir.vip",
  "betaqr.com",
  "pan.baidu.com",
  "share.weiyun.com",
  "123pan.com",
  "aliyundrive.com",
  "alipan.com",
  "lanzoui.com",
  "lanzoux.com",
  "lanzouw.com",
  // chat invites and personal pages
  "qm.qq.com",
  "jq.qq.com",
  "u.wechat.com",
  "t.me",
  "wa.me",
  "weidian.com",
];

/**
 * Registrable domains owned by large platforms: no scammer controls any of
 * their subdomains, so any host under them is a hub (mp.weixin.qq.com,
 * item.taobao.com, docs.google.com...).
 */
export const HUB_DOMAINS: readonly string[] = [
  "qq.com",
  "weixin.com",
  "wechat.com",
  "tencent.com",
  "taobao.com",
  "tmall.com",
  "alipay.com",
  "alibaba.com",
  "aliyun.com",
  "alicdn.com",
  "jd.com",
  "pinduoduo.com",
  "yangkeduo.com",
  "baidu.com",
  "weibo.com",
  "weibo.cn",
  "sina.com.cn",
  "sina.cn",
  "163.com",
  "126.com",
  "sohu.com",
  "douyin.com",
  "kuaishou.com",
  "xiaohongshu.com",
  "bilibili.com",
  "zhihu.com",
  "youzan.com",
  "feishu.cn",
  "larksuite.com",
  "dingtalk.com",
  "meituan.com",
  "google.com",
  "microsoft.com",
  "office.com",
  "live.com",
  "apple.com",
  "icloud.com",
  "github.com",
  "gitee.com",
  "notion.so",
  "sharepoint.com",
  "dropbox.com",
  "amazonaws.com",
  "myqcloud.com",
  "aliyuncs.com",
];

/** Query parameters that are the page's identity on these hosts. */
export const HUB_QUERY_KEYS: Readonly<Record<string, readonly string[]>> = {
  "mp.weixin.qq.com": ["__biz", "mid", "idx", "sn"],
  "item.taobao.com": ["id"],
  "detail.tmall.com": ["id"],
  "h5.m.taobao.com": ["id"],
  "mobile.yangkeduo.com": ["goods_id"],
  "item.m.jd.com": ["wareId"],
  "pan.baidu.com": ["surl"],
};

// Tracking noise that never identifies a page.
const TRACKING =
  /^(?:utm_.*|spm|from|scene|share.*|src|source|ref|chksm|clicktime|enterid|sessionid|timestamp|t|ts|_|isappinstalled|nsukey)$/i;

const HUB_HOST_SET = new Set(HUB_HOSTS);
const HUB_DOMAIN_SET = new Set(HUB_DOMAINS);

export interface ParsedUrl {
  host: string;
  domain: string;
  hub: boolean;
  value: string;
}

/** Undoes what victims and chat apps do to URLs: full width, defanging, spaces, labels. */
function clean(raw: unknown): string {
  let s = fold(raw);
  s = s.replace(/^(?:url|link|网址|链接|网站|地址)\s*[:：]\s*/i, "");
  s = s.replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, ".");
  s = s.replace(/\bh[xX]{2}p(s?):/gi, "http$1:");
  s = s.replace(/\s*([:/.])\s*/g, "$1"); // "https : // t.cn / x"
  // Text around a URL ("请点击https://x.cn领取"): start at the scheme, or at the first dotted token.
  const scheme = /[a-z][a-z0-9+.-]*:\/\//i.exec(s);
  if (scheme) s = s.slice(scheme.index);
  else {
    const token = /[^\s"'<>，。；！？、：]+\.[^\s"'<>，。；！？、]+/.exec(s);
    if (token) s = token[0];
  }
  s = s.split(/[\s"'<>，；！？、]/)[0] ?? "";
  // An ASCII host followed by Chinese text: the text is not part of the URL.
  const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#]*)/i.exec(s)?.[1] ?? "";
  if (!CJK.test(host)) {
    const cjk = s.search(CJK);
    if (cjk >= 0) s = s.slice(0, cjk);
  }
  return s.replace(/[.,;:!?)\]}>'"。]+$/, "");
}

export function parseUrl(raw: unknown): ParsedUrl | null {
  const s = clean(raw);
  if (isJunk(s) || (s.includes("@") && !s.includes("/"))) return null; // an email, not a URL
  // WHATWG parsing turns "42" into the IP 0.0.0.42; a host must be written with a dot.
  if (!/^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^/?#@]*@)?[^/?#]*\.[^/?#]/i.test(s)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s.replace(/^\/+/, "")}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.replace(/\.$/, "").replace(/^www\d*\./, "");
  if (!host.includes(".")) return null; // "localhost", a bare word
  const info = parseDomain(host, { allowPrivateDomains: true });
  const domain = info.isIp ? host : (info.domain ?? host);
  const icann = info.isIp ? "" : (parseDomain(host).domain ?? "");
  // Government sites are never the scammer's; like hubs, only the page could be specific.
  // Any host under a hub host's own domain ("x.t.cn") is the hub's too: keyed by
  // its domain it would name the bare hub, which names nobody.
  const hub =
    HUB_HOST_SET.has(host) || HUB_HOST_SET.has(domain) || HUB_DOMAIN_SET.has(icann) || /(?:^|\.)gov\.cn$/.test(host);
  if (!hub) return { host, domain, hub, value: domain };

  const path = normalisePath(url.pathname);
  const query = identifyingQuery(host, path, url.searchParams);
  // A bare hub ("https://t.cn") names nothing the scammer controls.
  if (path === "" && query === "") return null;
  return { host, domain, hub, value: `${host}${path}${query}` };
}

function normalisePath(pathname: string): string {
  const p = pathname.replace(/\/{2,}/g, "/").replace(/\/+$/, "");
  // Percent-escapes differ only in hex case between copies of one link.
  return p.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
}

/**
 * Hosts with listed keys keep exactly those; other hubs keep the query only on
 * an empty path (the page is then entirely in the query, "?id=123"), minus
 * tracking parameters. Kept parameters are sorted so order never matters.
 */
function identifyingQuery(host: string, path: string, params: URLSearchParams): string {
  const listed = HUB_QUERY_KEYS[host];
  const keep: [string, string][] = [];
  for (const [k, v] of params) {
    if (listed ? listed.includes(k) : path === "" && !TRACKING.test(k)) keep.push([k, v]);
  }
  if (keep.length === 0) return "";
  keep.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return `?${new URLSearchParams(keep).toString()}`;
}

export function normaliseUrl(raw: unknown): CanonicalIdentifier | null {
  const p = parseUrl(raw);
  if (!p) return null;
  return { kind: "url", value: p.value, display: p.value, meta: { host: p.host, domain: p.domain, hub: p.hub } };
}

/** True when a string looks like a URL rather than free text (for "other" contacts). */
export function looksLikeUrl(s: string): boolean {
  return /^(?:https?:\/\/|www\.)/i.test(s) || /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[:/?#]|$)/i.test(s);
}
