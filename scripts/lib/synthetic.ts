/**
 * Synthetic reports in the interchange shape for benchmarks: rings of victims
 * sharing scammer identifiers (phones, QQ, WeChat, links, bank accounts with
 * partial "尾号" sightings), many singletons, a few huge rings, hotlines and
 * victims' own numbers as noise, and the spelling variety victims produce.
 */
export interface Rng {
  (): number;
}

export function rng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const SURNAMES = [
  "Wang",
  "Li",
  "Zhang",
  "Liu",
  "Chen",
  "Yang",
  "Zhao",
  "Huang",
  "Zhou",
  "Wu",
  "Xu",
  "Sun",
  "Hu",
  "Zhu",
  "Gao",
];
const GIVEN = [
  "Wei",
  "Fang",
  "Min",
  "Jing",
  "Li",
  "Qiang",
  "Lei",
  "Jun",
  "Yang",
  "Yong",
  "Yan",
  "Jie",
  "Tao",
  "Ming",
  "Chao",
];
const PROVINCES = [
  "Shandong",
  "Jiangsu",
  "Hubei",
  "Guangdong",
  "Zhejiang",
  "Henan",
  "Sichuan",
  "Hebei",
  "Hunan",
  "Anhui",
];
const PLATFORMS = [
  "Taobao",
  "Tmall",
  "JD.com",
  "Pinduoduo",
  "Douyin Mall",
  "YTO Express",
  "ZTO Express",
  "SF Express",
  "China Post EMS",
];
const TYPES = [
  "fake_customer_service_refund",
  "courier_compensation",
  "credit_repair_loan_giftcard",
  "order_brushing",
  "other",
];
const HOTLINES = ["95311", "95554", "95188", "110", "10086", "400-820-8888", "96110"];

function phoneSpelling(r: Rng, digits: string): string {
  const a = digits.slice(0, 3),
    b = digits.slice(3, 7),
    c = digits.slice(7);
  switch (Math.floor(r() * 7)) {
    case 0:
      return `+86 ${a} ${b} ${c}`;
    case 1:
      return `0086-${digits}`;
    case 2:
      return `${a}-${b}-${c}`;
    case 3:
      return digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 4:
      return `(+86)${digits}`;
    case 5:
      return `tel:${digits}`;
    default:
      return digits;
  }
}

function accountSpelling(r: Rng, digits: string): string {
  return r() < 0.5
    ? digits.replace(/(\d{4})(?=\d)/g, "$1 ")
    : r() < 0.5
      ? digits.replace(/(\d{4})(?=\d)/g, "$1-")
      : digits;
}

interface Ring {
  phones: string[];
  qq: string[];
  wechat: string[];
  urls: string[];
  accounts: { digits: string; holder: string; bank: string }[];
}

export function* syntheticReports(n: number, seed = 1): Generator<string> {
  const r = rng(seed);
  let counter = 1_000_000;
  const next = () => ++counter;
  const newRing = (): Ring => ({
    phones: Array.from({ length: 1 + Math.floor(r() * 3) }, () => `1${3 + (counter % 7)}${pad(next(), 9)}`),
    qq: Array.from({ length: Math.floor(r() * 3) }, () => String(100_000_000 + next())),
    wechat: Array.from({ length: Math.floor(r() * 2) }, () => `wx_scam${next()}`),
    urls: Array.from({ length: Math.floor(r() * 3) }, () => `refund-center${next()}.com.cn`),
    accounts: Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({
      digits: `6217${pad(next(), 12)}${Math.floor(r() * 10)}`,
      holder: `${pick(r, SURNAMES)} ${pick(r, GIVEN)}${pick(r, GIVEN).toLowerCase()}`,
      bank: "Postal Savings Bank of China",
    })),
  });
  let made = 0;
  let ringNo = 0;
  while (made < n) {
    const u = r();
    const size = u < 0.4 ? 1 : u < 0.995 ? 2 + Math.floor(-Math.log(1 - r()) * 8) : 200 + Math.floor(r() * 1800);
    const ring = newRing();
    ringNo++;
    for (let k = 0; k < size && made < n; k++, made++) {
      const contacts: { kind: string; value: string }[] = [];
      const payments: object[] = [];
      const shared = 1 + Math.floor(r() * 3);
      for (let j = 0; j < shared; j++) {
        const c = Math.floor(r() * 5);
        if (c === 0 && ring.qq.length)
          contacts.push({ kind: "qq", value: `${r() < 0.3 ? "QQ:" : ""}${pick(r, ring.qq)}` });
        else if (c === 1 && ring.wechat.length)
          contacts.push({ kind: "wechat", value: pick(r, ring.wechat).toUpperCase() });
        else if (c === 2 && ring.urls.length)
          contacts.push({
            kind: "url",
            value: `${r() < 0.5 ? "https://www." : "http://"}${pick(r, ring.urls)}/refund?id=${Math.floor(r() * 999)}`,
          });
        else if (c === 3) {
          const a = pick(r, ring.accounts);
          const partial = r() < 0.3;
          payments.push({
            amount: Math.round(r() * 500000) / 100,
            currency: "CNY",
            paidAt: "2026-05-25T15:10:00+08:00",
            method: "bank_transfer",
            payee: {
              kind: "bank_account",
              value: partial ? `尾号${a.digits.slice(-4)}` : accountSpelling(r, a.digits),
              name: a.holder,
              bank: a.bank,
            },
          });
        } else contacts.push({ kind: "phone", value: phoneSpelling(r, pick(r, ring.phones)) });
      }
      if (r() < 0.5) contacts.push({ kind: "phone", value: `1${5 + (counter % 4)}${pad(next(), 9)}` }); // a number only this victim saw
      if (r() < 0.2) contacts.push({ kind: "phone", value: pick(r, HOTLINES) });
      const victimPhone = `139${pad(next() % 100_000_000, 8)}`;
      if (r() < 0.05) contacts.push({ kind: "phone", value: victimPhone });
      yield JSON.stringify({
        externalId: `SYN-${seed}-${pad(made, 8)}`,
        submittedAt: `2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}T1${Math.floor(r() * 9)}:00:00+08:00`,
        incidentDate: "2026-05-25",
        scamType: pick(r, TYPES),
        victim: {
          name: `${pick(r, SURNAMES)} ${pick(r, GIVEN)}`,
          phone: victimPhone,
          province: pick(r, PROVINCES),
          city: "",
        },
        narrative: `Synthetic report of ring ${ringNo}.`,
        contacts,
        payments,
        platforms: [{ name: pick(r, PLATFORMS), role: pick(r, ["order_leaked", "impersonated"]) }],
      });
    }
  }
}
