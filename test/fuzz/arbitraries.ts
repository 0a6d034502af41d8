/**
 * fast-check arbitraries for property-based fuzzing: what victims, chat apps
 * and foreign exports really send (full-width digits, ideographic
 * punctuation, bidi and zero-width marks, NULs, lone surrogates, +86/0086
 * prefixes, spaces and dashes inside numbers) and, rarely, huge strings.
 *
 * Every fuzz property runs FUZZ_RUNS cases (default 10,000). Failures print
 * fast-check's seed and path; FUZZ_SEED=<seed> replays a run.
 */
import fc from "fast-check";

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

/**
 * A fixed seed by default, so `npm test` and CI run the same cases every time
 * and a red run is reproducible; `FUZZ_SEED=random` explores new cases (run it
 * locally and keep what it finds as regression tests), any number replays a run.
 */
export const DEFAULT_FUZZ_SEED = 20261129;

export function fuzzParams<T>(extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  const seed = process.env.FUZZ_SEED;
  const fixed = seed === "random" ? {} : { seed: seed ? Number(seed) : DEFAULT_FUZZ_SEED };
  return { numRuns: FUZZ_RUNS, ...fixed, ...extra };
}

const range = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));

/** Characters that are trouble: each class is named so a shrunk failure reads clearly. */
export const hostileChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: range(0x20, 0x7e) }, // printable ASCII
  { weight: 4, arbitrary: range(0x30, 0x39) }, // digits
  { weight: 2, arbitrary: range(0xff10, 0xff19) }, // full-width digits
  { weight: 1, arbitrary: range(0xff01, 0xff5e) }, // full-width ASCII
  { weight: 1, arbitrary: fc.constantFrom("\u3000", " ", "\t", "\n", "\r", "\u00a0", "\u2028") },
  { weight: 1, arbitrary: fc.constantFrom("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067") },
  { weight: 1, arbitrary: fc.constantFrom("\u2068", "\u2069", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f") },
  { weight: 1, arbitrary: fc.constantFrom("\ufeff", "\u00ad", "\u2060") },
  { weight: 1, arbitrary: fc.constantFrom("\u0000", "\u0001", "\u001b", "\u007f", "\u0085", "\u009f") },
  { weight: 1, arbitrary: fc.constantFrom("。", "、", "－", "ー", "【", "】", "：", "＠", "＋", "（", "）", "·") },
  { weight: 1, arbitrary: fc.constantFrom("微", "信", "号", "群", "尾", "元", "转", "支", "付", "宝", "王", "李") },
  { weight: 1, arbitrary: range(0x4e00, 0x9fff) }, // CJK
  { weight: 1, arbitrary: range(0xd800, 0xdfff) }, // lone surrogate halves
  { weight: 1, arbitrary: range(0x00c0, 0x024f) }, // accented Latin (pinyin tones)
  { weight: 1, arbitrary: fc.constantFrom("\ud83d\ude00", "\u{1f4b0}", "e\u0301", "ﬁ", "Ⅻ", "①", "²") },
);

export const hostileString = (maxLength = 40): fc.Arbitrary<string> => fc.string({ unit: hostileChar, maxLength });

/** Now and then a very long value: a pasted chat log, a blob of digits. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("1", "1 ", "a", "x-", "微", "1\u200b", "。", "@", "*", "(("),
    fc.integer({ min: 2000, max: 20000 }),
  )
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

const digitString = (min: number, max: number) =>
  fc.string({ unit: range(0x30, 0x39), minLength: min, maxLength: max });

/** Digits with what people put between them (never changing which digits). */
export const groupedDigits = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .tuple(digitString(min, max), fc.array(fc.constantFrom(" ", "-", "  ", "\u3000"), { maxLength: 4 }))
    .map(([d, seps]) => {
      let out = d;
      seps.forEach((sep, k) => {
        const at = Math.floor(((k + 1) * out.length) / (seps.length + 1));
        if (at > 0 && at < out.length && /\d/.test(out[at - 1]!) && /\d/.test(out[at]!))
          out = out.slice(0, at) + sep + out.slice(at);
      });
      return out;
    });

export const cnMobile: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("13", "15", "17", "18", "19", "14", "16"), digitString(9, 9))
  .map(([a, b]) => a + b);

export const phonePrefix = fc.constantFrom("", "+86", "+86 ", "0086", "0086-", "86", "(+86)", "tel:", "＋８６", "+86-");

export const phoneLike: fc.Arbitrary<string> = fc
  .tuple(phonePrefix, fc.oneof(cnMobile, groupedDigits(3, 14)), fc.constantFrom("", "", " ext. 12", "转8", "-123"))
  .map(([p, n, ext]) => p + n + ext);

export const emailLike: fc.Arbitrary<string> = fc
  .tuple(
    fc.stringMatching(/^[a-zA-Z0-9._+-]{1,12}$/),
    fc.constantFrom("@", "＠", " (at) ", "[at]", "@ "),
    fc.stringMatching(/^[a-zA-Z0-9-]{1,10}$/),
    fc.constantFrom(".com", ".cn", ".com.cn", "。com", " . net", ".qq.com"),
  )
  .map((parts) => parts.join(""));

export const urlLike: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("", "http://", "https://", "hxxps://", "HTTPS://", "https : // ", "www."),
    fc.constantFrom(
      "t.cn",
      "claim-center.cn",
      "a.b.example.com",
      "mp.weixin.qq.com",
      "xn--fiqs8s.cn",
      "1.2.3.4",
      "例子.中国",
    ),
    fc.constantFrom("", "/", "/Ab%2f", "//x//", "/s?id=1&utm_source=x", "?__biz=a&mid=2&sn=z", ":8080/p", "#frag"),
    fc.constantFrom("", "", " 点击领取", "。", "[.]"),
  )
  .map((parts) => parts.join(""));

export const qqLike: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("", "QQ:", "qq号 ", "ｑｑ：", "企鹅", "群号:", "QQ群 "), groupedDigits(4, 13))
  .map(([l, n]) => l + n);

export const wechatLike: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("", "wx:", "微信号：", "VX ", "WeChat ID - ", "v信", "wxid_"),
    fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,22}$/),
  )
  .map(([l, id]) => l + id);

export const cardLike: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("", "6217", "6222****", "尾号", "ending in ", "****"), groupedDigits(4, 24))
  .map(([p, n]) => p + n);

export const amountLike: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("", "¥", "￥", "CNY ", "RMB"),
      groupedDigits(1, 14),
      fc.constantFrom("", ".5", ".05", ".999", "元"),
    )
    .map((p) => p.join("")),
  fc.constantFrom("0", "-1", "1e3", "4,000.50", "４０００", "NaN", "Infinity", "0.00", "99999999999999999999", ""),
);

/** Anything a victim may type in an identifier field. */
export const identifierInput: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString() },
  { weight: 2, arbitrary: phoneLike },
  { weight: 1, arbitrary: emailLike },
  { weight: 1, arbitrary: urlLike },
  { weight: 1, arbitrary: qqLike },
  { weight: 1, arbitrary: wechatLike },
  { weight: 1, arbitrary: cardLike },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hostileString(8), fc.oneof(phoneLike, emailLike, urlLike), hostileString(8))
      .map((p) => p.join("")),
  },
);

/** What arrives where a string is expected in JSON (numbers, nulls, objects...). */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: identifierInput },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, 0, -0, NaN, Infinity, 2 ** 53 + 1, 13812345678, 1.5) },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom({}, [], ["138"], { toString: () => "x" }) },
);

/** Rarely a huge value, else a hostile identifier-like one. */
export const identifierOrHuge: fc.Arbitrary<string> = fc.oneof(
  { weight: 60, arbitrary: identifierInput },
  { weight: 1, arbitrary: hugeString },
);

/**
 * Spellings a normaliser promises to ignore: full-width forms of ASCII
 * characters (NFKC) and invisible marks (zero-width, bidi embeddings and
 * isolates, soft hyphen) inserted anywhere. `mask` picks which characters change.
 */
export function respellInvisibly(s: string, mask: readonly number[]): string {
  const marks = ["\u200b", "\u200d", "\u202a", "\u202c", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00ad", "\u200f"];
  let out = "";
  [...s].forEach((c, k) => {
    const m = mask[k % Math.max(mask.length, 1)] ?? 0;
    const wide = m % 3 === 1 && c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c;
    out += (m % 5 === 2 ? marks[m % marks.length] : "") + wide;
  });
  return out;
}

export const respellMask = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 16 });
