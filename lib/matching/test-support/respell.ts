/**
 * Test support: rewrites interchange reports with other spellings of the same
 * identifiers (full-width digits, tel:, 0086, 尾号, mixed-case hosts, labels...)
 * and adds noise that must never link (the victim's own number, hotlines,
 * placeholders, nicknames). Matching the respelled sample as well as the
 * original shows the normalisers solve the general problem, not the sample.
 */
import type { InterchangeReport } from "../interchange";

/** Small seeded PRNG so failures reproduce. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

export const fullWidth = (s: string): string =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, "\u3000");

const digits = (s: string): string => s.replace(/\D/g, "");

/** The national number as a CN number: mobile, landline (with area code) or short service number. */
function national(raw: string): string | null {
  let d = digits(raw.normalize("NFKC"));
  if (d.startsWith("0086")) d = d.slice(4);
  else if (d.startsWith("86") && d.length >= 12) d = d.slice(2);
  if (d.startsWith("0")) d = d.slice(1);
  return d.length >= 3 ? d : null;
}

function areaSplit(n: string): [string, string] {
  const len = /^(10|2\d)/.test(n) ? 2 : 3;
  return [n.slice(0, len), n.slice(len)];
}

export function respellPhone(raw: string, rand: Rand): string {
  const n = national(raw);
  if (n === null) return raw;
  if (/^1[3-9]\d{9}$/.test(n)) {
    const g = `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
    return pick(rand, [
      n,
      fullWidth(n),
      `tel:+86${n}`,
      `tel:+86-${g.replace(/ /g, "-")}`,
      `0086 ${g}`,
      `0086${n}`,
      `+86 ${g}`,
      `(+86) ${g.replace(/ /g, "-")}`,
      `86 ${n}`,
      `+86(${n.slice(0, 3)})${n.slice(3)}`,
      `${n.slice(0, 3)}.${n.slice(3, 7)}.${n.slice(7)}`,
      `手机：${g.replace(/ /g, "-")}`,
      fullWidth(`+86 ${g}`),
      `+86-${n}`,
    ]);
  }
  if (/^(400|800)\d{7}$/.test(n)) {
    return pick(rand, [n, `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`, fullWidth(n), `tel:${n}`, `+86 ${n}`]);
  }
  if (n.length <= 8 && !/^(10|2\d|[3-9]\d{2})\d{7,8}$/.test(n)) {
    return pick(rand, [n, fullWidth(n), `tel:${n}`, `+86 ${n}`, ` ${n} `]);
  }
  const [area, local] = areaSplit(n);
  return pick(rand, [
    `0${area}-${local}`,
    `(0${area}) ${local}`,
    fullWidth(`0${area}-${local}`),
    `tel:+86${n}`,
    `0086-${area}-${local}`,
    `+86 (0)${area} ${local}`,
    `+86 ${area} ${local}`,
    `86-${area}-${local}`,
    `0${area}${local}`,
    `区号0${area} 电话${local}`,
  ]);
}

function respellQq(raw: string, rand: Rand): string {
  const n = digits(raw);
  return pick(rand, [
    n,
    `QQ:${n}`,
    `qq ${n}`,
    `QQ号：${n}`,
    fullWidth(n),
    `Ｑ Ｑ：${fullWidth(n)}`.replace("Ｑ Ｑ", "ＱＱ"),
    `${n}@qq.com`,
  ]);
}

function respellWechat(raw: string, rand: Rand): string {
  const id = raw.trim();
  const v = rand() < 0.5 ? id.toUpperCase() : id;
  return pick(rand, [
    v,
    `wx:${v}`,
    `微信：${v}`,
    `微信号 ${v}`,
    `vx ${v}`,
    `VX：${v}`,
    `WeChat ID - ${v}`,
    ` ${v} `,
    fullWidth(v),
  ]);
}

function respellUrl(raw: string, rand: Rand): string {
  const m = /^(?:[a-z]+:\/\/)?([^/?#]+)(.*)$/i.exec(raw.trim());
  if (!m) return raw;
  const host = (m[1] ?? "").toLowerCase().replace(/^www\./, "");
  const rest = m[2] ?? "";
  const hub = /(^|\.)(qq\.com|t\.cn|dwz\.cn|jinshuju\.net|url\.cn|bit\.ly|suo\.im|wjx\.cn)$/.test(host);
  if (hub) {
    // The page is the identifier: keep the path, vary everything else.
    const path = rest.replace(/[?#].*$/, "");
    return pick(rand, [
      `https://${host.toUpperCase()}${path}`,
      `${host}${path}/`,
      `http://www.${host}${path}?from=timeline#top`,
      `https://${host}:443${path}`,
      fullWidth(`https://${host}`) + path,
    ]);
  }
  const mixed = host.replace(/[a-z]/g, (c) => (rand() < 0.5 ? c.toUpperCase() : c));
  return pick(rand, [
    `http://WWW.${host.toUpperCase()}:8080/x?y=1#frag`,
    `${mixed}/refund`,
    `https://www.${host}/`,
    host.replace(/\./g, "。"),
    fullWidth(`www.${host}`),
    `hxxps://${host.replace(/\./g, "[.]")}/claim`,
    `请点击https://${host}/pay?id=${Math.floor(rand() * 999)}领取`,
    `HTTPS://${mixed}${rest}`,
  ]);
}

function respellAccount(raw: string, rand: Rand): string {
  const d = digits(raw.normalize("NFKC"));
  if (d.length < 10) return raw;
  const g = d.replace(/(\d{4})(?=\d)/g, "$1 ");
  return pick(rand, [d, g, g.replace(/ /g, "-"), fullWidth(d), fullWidth(g), `卡号：${g}`, `${d} `]);
}

function respellPartial(last4: string, rand: Rand): string {
  return pick(rand, [
    `****${last4}`,
    `**** **** ${last4}`,
    `ending in ${last4}`,
    `尾号${last4}`,
    `尾号为${last4}`,
    `卡号后四位${last4}`,
    `xxxx${last4}`,
    `Ending with ${last4}`,
    `尾号 ${fullWidth(last4)}`,
    `＊＊＊＊${last4}`,
  ]);
}

function respellName(name: string, rand: Rand): string {
  return pick(rand, [
    name,
    name.toUpperCase(),
    name.toLowerCase(),
    name.replace(/ /g, ""),
    name.replace(/ /g, "  "),
    fullWidth(name),
    ` ${name} `,
  ]);
}

function respellEmailOrPhone(raw: string, rand: Rand): string {
  if (raw.includes("@")) return pick(rand, [raw.toUpperCase(), ` ${raw} `, raw.replace("@", "＠"), `mailto:${raw}`]);
  return /^\d{11}$/.test(raw)
    ? pick(rand, [raw, `+86 ${raw.slice(0, 3)} ${raw.slice(3, 7)} ${raw.slice(7)}`, fullWidth(raw), `0086${raw}`])
    : raw;
}

const HOTLINE_SPELLINGS = [
  "95311",
  "tel:95188",
  "１１０",
  "+86 10086",
  "400-711-8888",
  "(+86) 96110",
  "021-53395288",
  "９５５８８",
];
const NOISE_CONTACTS: [string, string][] = [
  ["wechat", "客服小王"],
  ["phone", "不知道"],
  ["other", "unknown"],
  ["phone", "138****5678"],
  ["qq", "无"],
  ["url", "N/A"],
  ["other", "customer service"],
  ["wechat", "未知"],
  ["url", "https://mp.weixin.qq.com/"],
  ["email", "-"],
];

/** A respelled copy of a report (deterministic for a given seed). */
export function respellReport(r: InterchangeReport, rand: Rand): InterchangeReport {
  const contacts: InterchangeReport["contacts"] = r.contacts.map((c) => {
    const f = {
      phone: respellPhone,
      qq: respellQq,
      qq_group: (v: string) => (rand() < 0.5 ? `群号：${v}` : fullWidth(v)),
      wechat: respellWechat,
      url: respellUrl,
    }[c.kind as string];
    return { kind: c.kind, value: f ? f(c.value, rand) : c.value };
  });
  // Victims repeat their own number among the contacts; it must not link.
  if (r.victim?.phone && rand() < 0.3)
    contacts.push({
      kind: pick(rand, ["phone", "wechat", "other"] as const),
      value: respellPhone(r.victim.phone, rand),
    });
  if (rand() < 0.3) contacts.push({ kind: "phone", value: pick(rand, HOTLINE_SPELLINGS) });
  if (rand() < 0.2) {
    const [kind, value] = pick(rand, NOISE_CONTACTS);
    contacts.push({ kind: kind as InterchangeReport["contacts"][number]["kind"], value });
  }
  const payments = r.payments.map((p) => {
    if (!p.payee) return p;
    const v = p.payee.value ?? "";
    const partial = /\*|尾号|ending/i.test(v);
    let value = v;
    if (p.payee.kind === "bank_account")
      value = partial ? respellPartial(digits(v).slice(-4), rand) : respellAccount(v, rand);
    else if (p.payee.kind === "gift_card") value = respellEmailOrPhone(v, rand);
    else if (p.payee.kind === "merchant")
      value = pick(rand, [v.toUpperCase(), v.replace(/Co\., Ltd\./, "Company Limited"), v.replace(/[.,]/g, ""), v]);
    const name = p.payee.name ? respellName(p.payee.name, rand) : p.payee.name;
    return { ...p, payee: { ...p.payee, value, name } };
  });
  if (rand() < 0.1)
    payments.push({
      payee: { kind: "bank_account", value: `尾号${String(Math.floor(rand() * 10000)).padStart(4, "0")}` },
    });
  return { ...r, contacts, payments };
}

export function shuffled<T>(xs: readonly T[], rand: Rand): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
