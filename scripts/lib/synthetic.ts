/**
 * Synthetic reports in the interchange shape for benchmarks: rings of victims
 * sharing scammer identifiers (phones, QQ, WeChat, links, bank accounts with
 * partial "尾号" sightings), many singletons, a few huge rings, hotlines and
 * victims' own numbers as noise, and the spelling variety victims produce.
 *
 * Phenomena of real input (issue 8), each off unless asked for, so that the
 * default output of a seed never changes (bench:matching and bench:board
 * compare figures across commits):
 *
 * - "shared-numbers": ~8% of reports also name a number of a shop, bank
 *   branch or app that is on no warning list and links (landlines with area
 *   code, some with an extension; city hotlines with an extension such as
 *   "10100-1234"). Popularity is skewed: a few numbers are named by hundreds
 *   of unrelated rings, then a long tail; every one is named by at least two
 *   rings. Mostly typed under "phone", sometimes under "other".
 * - "wrong-types": ~5% of the identifiers typed under the wrong kind: a
 *   caller's mobile under "other" or "wechat", a bank card (Luhn-valid, 16-19
 *   digits) as an "alipay" or "other" payee, a link under "other".
 * - "holder-names": the holder of an account spelled differently from report
 *   to report ("WANG WEI", "wangwei", stray spaces, full-width letters), and
 *   some holders in Chinese characters (one script per holder: pinyin and
 *   characters are not the same spelling).
 * - "rotation": huge rings rotate their payees and keep their numbers, or the
 *   reverse. Consecutive windows overlap and some victims name both the old
 *   and the new account (or number), so the rotated identifiers alone chain
 *   the ring together: without the ones it keeps it is still one group, not
 *   one group per window.
 *
 * The phenomena draw from a random stream of their own and make their
 * identifiers from a counter of their own, so a report with phenomena on is
 * the same report as without them plus what the phenomena changed: the same
 * rings, sizes and victims, directly comparable.
 */
import {
  compileWarningList,
  isLinkable,
  normalisePhone,
  SEED_WARNING_LIST,
  type CanonicalIdentifier,
} from "../../lib/matching";

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

export const PHENOMENA = ["shared-numbers", "wrong-types", "holder-names", "rotation"] as const;
export type Phenomenon = (typeof PHENOMENA)[number];

export interface SyntheticOptions {
  /** Phenomena of real input to add (default none: the historical output). */
  phenomena?: readonly Phenomenon[];
}

/** "none", "all", or a comma-separated list of PHENOMENA. */
export function parsePhenomena(spec: string): Phenomenon[] {
  const s = spec.trim();
  if (s === "" || s === "none") return [];
  if (s === "all") return [...PHENOMENA];
  const out: Phenomenon[] = [];
  for (const part of s.split(",").map((p) => p.trim())) {
    if (!(PHENOMENA as readonly string[]).includes(part))
      throw new Error(`unknown phenomenon "${part}" (expected none, all or some of ${PHENOMENA.join(", ")})`);
    out.push(part as Phenomenon);
  }
  return out;
}

export interface SyntheticReport {
  externalId: string;
  /** The truth: reports of one ring belong in one case, of different rings never. */
  ring: string;
  /** The interchange line. */
  line: string;
  /** What the phenomena put into this report (for tests and the quality bench). */
  notes: {
    /** Contacts plus payees. */
    entries: number;
    /** Entries typed under a kind their value is not. */
    mistyped: number;
    /** Canonical values (E.164) of the unlisted shared numbers named. */
    sharedNumbers: string[];
    /** Holder names written in another spelling than the ring's own. */
    holderVariants: number;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const choose = <T>(u: number, xs: readonly T[]): T => xs[Math.floor(u * xs.length)]!;
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

/** The digit that makes `body + digit` pass the Luhn check. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

interface Account {
  digits: string;
  holder: string;
  bank: string;
  /** "latin" holders vary in case, spacing and width; "han" holders only in spacing. */
  script: "latin" | "han";
}

interface Ring {
  phones: string[];
  qq: string[];
  wechat: string[];
  urls: string[];
  accounts: Account[];
  /** "rotation": what the ring rotates through, in order. */
  rotate?: { what: "accounts"; items: Account[] } | { what: "phones"; items: string[] };
}

// ---------------------------------------------------------------------------
// Phenomena

const SHARED_RATE = 0.08;
/** Per eligible entry (caller mobiles, full accounts, links): ~5% of all entries. */
const MISTYPE_RATE = 0.072;
const HOLDER_VARIANT_RATE = 0.35;
const HAN_HOLDER_SHARE = 0.3;
/** Rings at least this large rotate (in practice the few huge rings). */
const ROTATE_MIN_SIZE = 100;
/** Reports per rotation window. */
const ROTATE_WINDOW = 60;
/** Reports naming a rotated item that also name the other item of their window: the windows chain. */
const ROTATE_BOTH = 0.25;

const HAN_SURNAMES = [..."王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许"];
const HAN_GIVEN = [..."伟芳敏静丽强磊军洋勇艳杰涛明超秀英华慧建国志红玉兰平刚桂霞云飞鹏宇浩婷雪琳晨"];

function holderVariant(p: Rng, a: Account): string {
  const h = a.holder;
  if (a.script === "han") {
    const chars = [...h];
    switch (Math.floor(p() * 3)) {
      case 0:
        return `${chars[0]} ${chars.slice(1).join("")}`;
      case 1:
        return chars.join(" ");
      default:
        return ` ${h}\u3000`;
    }
  }
  switch (Math.floor(p() * 6)) {
    case 0:
      return h.toUpperCase();
    case 1:
      return h.toLowerCase().replace(/\s+/g, "");
    case 2:
      return h.replace(/\s+/g, "");
    case 3:
      return ` ${h.replace(" ", "  ")} `;
    case 4:
      return h.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    default:
      return h.toUpperCase().replace(/\s+/g, "");
  }
}

/** Area codes of cities with 8-digit local numbers, and of some with 7. */
const AREA8 = ["10", "21", "20", "22", "23", "24", "25", "27", "28", "29", "755", "571", "512", "531", "532", "591"];
const AREA7 = ["631", "739", "856", "917", "951", "993"];

interface SharedNumber {
  /** Canonical (E.164) value: what the matcher will store. */
  value: string;
  /** Spellings victims use for it; an extension may follow, see `ext`. */
  spellings: string[];
  /** A switchboard: victims add the extension they were put through to. */
  ext: boolean;
}

/** A new number for the pool: unlisted, linkable, not in `taken`. */
function makeSharedNumber(p: Rng, usable: (id: CanonicalIdentifier) => boolean, taken: Set<string>): SharedNumber {
  for (;;) {
    const u = p();
    let spellings: string[];
    let ext = false;
    if (u < 0.12) {
      // A city service hotline with an extension, typed as one number: "10100-1234".
      const head = `1010${Math.floor(p() * 10)}`;
      const tail = pad(Math.floor(p() * 10_000), 4);
      spellings = [`${head}-${tail}`, `${head} ${tail}`, `${head}${tail}`];
    } else {
      // A shop's, bank branch's or app's landline; the larger cities have 8-digit locals.
      const big = u < 0.9;
      const area = pick(p, big ? AREA8 : AREA7);
      const local = `${2 + Math.floor(p() * 8)}${pad(Math.floor(p() * (big ? 10_000_000 : 1_000_000)), big ? 7 : 6)}`;
      if (big) ext = p() < 0.2; // a switchboard: victims add the extension they were put through to
      const [l1, l2] = [local.slice(0, -4), local.slice(-4)];
      spellings = [
        `0${area}-${l1} ${l2}`,
        `0${area}-${local}`,
        `0${area}${local}`,
        `(0${area})${l1}-${l2}`,
        `0${area} ${local}`,
        `+86 ${area} ${l1} ${l2}`,
      ];
    }
    const id = normalisePhone(spellings[0]);
    if (!id || !usable(id) || taken.has(id.value)) continue;
    taken.add(id.value);
    return { value: id.value, spellings, ext };
  }
}

const SHARED_LABELS = ["客服电话：", "银行电话：", "Customer service: ", "门店电话 ", "官方客服:"];

/**
 * The pool of unlisted shared numbers and who names them: a head of a few
 * very popular numbers (Zipf) and a long tail. A tail number first named by
 * one ring waits to be named by another before new tail numbers appear, and
 * the last report names whatever is still named by a single ring, so every
 * number is named by at least two rings.
 */
class SharedNumbers {
  readonly pool: SharedNumber[] = [];
  private readonly head: number[] = [];
  private readonly headWeights: number[] = [];
  private readonly pending: { idx: number; ring: number }[] = [];
  private readonly tail: number[] = [];
  private readonly rings = new Map<number, Set<number>>();
  private readonly usable: (id: CanonicalIdentifier) => boolean;
  private readonly taken = new Set<string>();

  constructor(private readonly p: Rng) {
    const listed = compileWarningList(SEED_WARNING_LIST);
    this.usable = (id) => listed(id) === null && isLinkable(id);
    for (let k = 1; k <= 10; k++) {
      this.head.push(this.add());
      this.headWeights.push(1 / k + (this.headWeights.at(-1) ?? 0));
    }
  }

  private add(): number {
    this.pool.push(makeSharedNumber(this.p, this.usable, this.taken));
    return this.pool.length - 1;
  }

  private note(idx: number, ring: number): number {
    (this.rings.get(idx) ?? this.rings.set(idx, new Set()).get(idx)!).add(ring);
    return idx;
  }

  /** A number for a report of `ring`; `lastRing`: no new numbers, they could stay with one ring. */
  next(ring: number, lastRing: boolean): number {
    const p = this.p;
    if (p() < 0.5) {
      const u = p() * this.headWeights.at(-1)!;
      return this.note(this.head[this.headWeights.findIndex((w) => u < w)]!, ring);
    }
    const waiting = this.pending.findIndex((t) => t.ring !== ring);
    if (waiting >= 0) {
      const [t] = this.pending.splice(waiting, 1);
      this.tail.push(t!.idx);
      return this.note(t!.idx, ring);
    }
    if (this.tail.length && (lastRing || p() < 0.4)) return this.note(pick(p, this.tail), ring);
    if (lastRing) return this.note(pick(p, this.head), ring);
    const idx = this.add();
    this.pending.push({ idx, ring });
    return this.note(idx, ring);
  }

  /** Numbers named by one ring only, none of them `ring`'s. */
  leftovers(ring: number): number[] {
    const out: number[] = [];
    for (const [idx, rings] of this.rings) if (rings.size === 1 && !rings.has(ring)) out.push(idx);
    return out.sort((a, b) => a - b).map((idx) => this.note(idx, ring));
  }

  spell(idx: number): string {
    const n = this.pool[idx]!;
    const p = this.p;
    let s = pick(p, n.spellings);
    if (n.ext && p() < 0.6) s += `${pick(p, [" 转 ", " ext. ", "转", " 分机 "])}${100 + Math.floor(p() * 900)}`;
    return s;
  }
}

// ---------------------------------------------------------------------------

/** The interchange lines of `syntheticData`. */
export function* syntheticReports(n: number, seed = 1, options: SyntheticOptions = {}): Generator<string> {
  for (const s of syntheticData(n, seed, options)) yield s.line;
}

export function* syntheticData(n: number, seed = 1, options: SyntheticOptions = {}): Generator<SyntheticReport> {
  const on = new Set(options.phenomena ?? []);
  const shared = on.has("shared-numbers");
  const wrongTypes = on.has("wrong-types");
  const holderNames = on.has("holder-names");
  const rotation = on.has("rotation");
  const r = rng(seed);
  // The phenomena's own stream and counter: the main ones run exactly as without them.
  const p = rng((Math.imul(seed, 0x9e3779b1) ^ 0x5bd1e995) >>> 0);
  const sharedNumbers = shared ? new SharedNumbers(rng((seed ^ 0x51f15e) >>> 0)) : null;
  let counter = 1_000_000;
  const next = () => ++counter;
  let counter2 = 500_000_000;
  const next2 = () => ++counter2;

  const accountDigits = (base: number, check: number): string => {
    if (!wrongTypes) return `6217${pad(base, 12)}${check}`;
    const body = `6217${pad(base, 11 + Math.floor(p() * 4))}`; // 16-19 digits with the check digit
    return body + luhnCheckDigit(body);
  };
  const holderOf = (latin: string): Pick<Account, "holder" | "script"> => {
    if (!holderNames || p() >= HAN_HOLDER_SHARE) return { holder: latin, script: "latin" };
    return { holder: pick(p, HAN_SURNAMES) + pick(p, HAN_GIVEN) + pick(p, HAN_GIVEN), script: "han" };
  };
  const newAccount = (): Account => {
    const digits = accountDigits(next(), Math.floor(r() * 10));
    const latin = `${pick(r, SURNAMES)} ${pick(r, GIVEN)}${pick(r, GIVEN).toLowerCase()}`;
    return { digits, ...holderOf(latin), bank: "Postal Savings Bank of China" };
  };
  const rotatedAccount = (): Account => {
    const body = `6217${pad(next2(), 11 + Math.floor(p() * 4))}`;
    const latin = `${pick(p, SURNAMES)} ${pick(p, GIVEN)}${pick(p, GIVEN).toLowerCase()}`;
    return { digits: body + luhnCheckDigit(body), ...holderOf(latin), bank: "Postal Savings Bank of China" };
  };
  const newRing = (): Ring => ({
    phones: Array.from({ length: 1 + Math.floor(r() * 3) }, () => `1${3 + (counter % 7)}${pad(next(), 9)}`),
    qq: Array.from({ length: Math.floor(r() * 3) }, () => String(100_000_000 + next())),
    wechat: Array.from({ length: Math.floor(r() * 2) }, () => `wx_scam${next()}`),
    urls: Array.from({ length: Math.floor(r() * 3) }, () => `refund-center${next()}.com.cn`),
    accounts: Array.from({ length: 1 + Math.floor(r() * 2) }, newAccount),
  });
  /** The items report k of a ring of `size` may use: window w has items w and w + 1, so adjacent windows share one. */
  const window = <T>(items: readonly T[], size: number, k: number): T[] => {
    const w = Math.floor((k * (items.length - 1)) / size);
    return [items[w]!, items[w + 1]!];
  };

  let made = 0;
  let ringNo = 0;
  while (made < n) {
    const u = r();
    const size = u < 0.4 ? 1 : u < 0.995 ? 2 + Math.floor(-Math.log(1 - r()) * 8) : 200 + Math.floor(r() * 1800);
    const ring = newRing();
    ringNo++;
    const lastRing = made + size >= n;
    if (rotation && size >= ROTATE_MIN_SIZE) {
      const count = Math.max(2, Math.ceil(size / ROTATE_WINDOW) + 1);
      ring.rotate =
        p() < 0.5
          ? { what: "accounts", items: [...ring.accounts, ...Array.from({ length: count }, rotatedAccount)] }
          : {
              what: "phones",
              items: [
                ...ring.phones,
                ...Array.from({ length: count }, () => `1${3 + (counter2 % 7)}${pad(next2(), 9)}`),
              ],
            };
    }
    for (let k = 0; k < size && made < n; k++, made++) {
      const contacts: { kind: string; value: string }[] = [];
      const payments: { amount: number; currency: string; paidAt: string; method: string; payee: object }[] = [];
      const notes: SyntheticReport["notes"] = { entries: 0, mistyped: 0, sharedNumbers: [], holderVariants: 0 };
      const phones = ring.rotate?.what === "phones" ? window(ring.rotate.items, size, k) : ring.phones;
      const accounts = ring.rotate?.what === "accounts" ? window(ring.rotate.items, size, k) : ring.accounts;
      /** A caller's mobile, under "other" or "wechat" now and then. */
      const callerKind = (): string => {
        if (!wrongTypes || p() >= MISTYPE_RATE) return "phone";
        notes.mistyped++;
        return p() < 0.5 ? "other" : "wechat";
      };
      /** A payment to `a`, as an "alipay" or "other" payee now and then, its holder spelled variously. */
      const pay = (a: Account, amount: number, value: string, partial: boolean) => {
        let kind = "bank_account";
        if (!partial && wrongTypes && p() < MISTYPE_RATE) {
          notes.mistyped++;
          kind = p() < 0.5 ? "alipay" : "other";
        }
        let name = a.holder;
        if (holderNames && p() < HOLDER_VARIANT_RATE) {
          name = holderVariant(p, a);
          notes.holderVariants++;
        }
        payments.push({
          amount,
          currency: "CNY",
          paidAt: "2026-05-25T15:10:00+08:00",
          method: "bank_transfer",
          payee: { kind, value, name, bank: a.bank },
        });
      };
      const count = 1 + Math.floor(r() * 3);
      for (let j = 0; j < count; j++) {
        const c = Math.floor(r() * 5);
        if (c === 0 && ring.qq.length)
          contacts.push({ kind: "qq", value: `${r() < 0.3 ? "QQ:" : ""}${pick(r, ring.qq)}` });
        else if (c === 1 && ring.wechat.length)
          contacts.push({ kind: "wechat", value: pick(r, ring.wechat).toUpperCase() });
        else if (c === 2 && ring.urls.length) {
          const value = `${r() < 0.5 ? "https://www." : "http://"}${pick(r, ring.urls)}/refund?id=${Math.floor(r() * 999)}`;
          const mistyped = wrongTypes && p() < MISTYPE_RATE;
          if (mistyped) notes.mistyped++;
          contacts.push({ kind: mistyped ? "other" : "url", value });
        } else if (c === 3) {
          const a = choose(r(), accounts);
          const partial = r() < 0.3;
          const amount = Math.round(r() * 500000) / 100;
          pay(a, amount, partial ? `尾号${a.digits.slice(-4)}` : accountSpelling(r, a.digits), partial);
          // At a change-over a victim pays both the old and the new account.
          if (ring.rotate?.what === "accounts" && p() < ROTATE_BOTH) {
            const b = accounts[accounts[0] === a ? 1 : 0]!;
            pay(b, Math.round(p() * 500000) / 100, accountSpelling(p, b.digits), false);
          }
        } else {
          const phone = choose(r(), phones);
          contacts.push({ kind: callerKind(), value: phoneSpelling(r, phone) });
          // ... or is called from the old and the new number.
          if (ring.rotate?.what === "phones" && p() < ROTATE_BOTH) {
            const other = phones[phones[0] === phone ? 1 : 0]!;
            contacts.push({ kind: callerKind(), value: phoneSpelling(p, other) });
          }
        }
      }
      if (r() < 0.5) contacts.push({ kind: callerKind(), value: `1${5 + (counter % 4)}${pad(next(), 9)}` }); // a number only this victim saw
      if (r() < 0.2) contacts.push({ kind: "phone", value: pick(r, HOTLINES) });
      const victimPhone = `139${pad(next() % 100_000_000, 8)}`;
      if (r() < 0.05) contacts.push({ kind: "phone", value: victimPhone });
      if (sharedNumbers) {
        const named = p() < SHARED_RATE ? [sharedNumbers.next(ringNo, lastRing)] : [];
        if (made === n - 1) named.push(...sharedNumbers.leftovers(ringNo).filter((i) => !named.includes(i)));
        for (const idx of named) {
          const spelled = sharedNumbers.spell(idx);
          const other = p() < 0.15;
          contacts.push({
            kind: other ? "other" : "phone",
            value: other && p() < 0.6 ? pick(p, SHARED_LABELS) + spelled : spelled,
          });
          notes.sharedNumbers.push(sharedNumbers.pool[idx]!.value);
        }
      }
      notes.entries = contacts.length + payments.length;
      const externalId = `SYN-${seed}-${pad(made, 8)}`;
      const line = JSON.stringify({
        externalId,
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
      yield { externalId, ring: `R${ringNo}`, line, notes };
    }
  }
}
