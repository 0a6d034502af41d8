import { fold } from "./text";

/**
 * A small built-in table of major Chinese banks: issuer prefixes (BINs) of
 * their common debit cards and the names victims use for them. It is not
 * complete (a full BIN table is a dataset of its own, e.g. the `bankcardinfo`
 * npm package); unknown prefixes simply yield no bank.
 */
interface Bank {
  code: string;
  name: string;
  aliases: string[];
  bins: string[];
}

export const BANKS: readonly Bank[] = [
  {
    code: "ICBC",
    name: "Industrial and Commercial Bank of China",
    aliases: ["icbc", "工商银行", "中国工商银行", "工行", "industrial and commercial bank"],
    bins: [
      "622202",
      "622203",
      "622208",
      "621225",
      "621226",
      "621281",
      "621558",
      "621559",
      "621722",
      "621723",
      "620058",
      "622200",
      "955880",
      "621288",
      "621721",
      "622230",
      "622235",
      "622210",
      "622215",
    ],
  },
  {
    code: "CCB",
    name: "China Construction Bank",
    aliases: ["ccb", "建设银行", "中国建设银行", "建行", "construction bank"],
    bins: [
      "621700",
      "622700",
      "436742",
      "436745",
      "622280",
      "621284",
      "621081",
      "621467",
      "621598",
      "622166",
      "553242",
      "489592",
      "621083",
      "621466",
    ],
  },
  {
    code: "ABC",
    name: "Agricultural Bank of China",
    aliases: ["abc", "农业银行", "中国农业银行", "农行", "agricultural bank"],
    bins: [
      "622848",
      "622845",
      "622846",
      "622841",
      "622824",
      "622826",
      "622823",
      "622825",
      "622828",
      "621282",
      "621336",
      "621619",
      "622821",
      "622822",
      "622827",
      "622849",
      "623052",
    ],
  },
  {
    code: "BOC",
    name: "Bank of China",
    aliases: ["boc", "中国银行", "中行", "bank of china"],
    bins: [
      "621661",
      "621660",
      "621662",
      "621663",
      "621665",
      "621666",
      "621667",
      "621668",
      "621669",
      "621256",
      "621212",
      "621283",
      "620061",
      "621725",
      "621330",
      "621331",
      "621332",
      "621333",
      "621297",
      "621568",
      "621569",
      "621785",
      "621786",
      "621787",
      "621788",
      "621789",
      "621790",
      "456351",
      "601382",
    ],
  },
  {
    code: "BOCOM",
    name: "Bank of Communications",
    aliases: ["bocom", "bcm", "交通银行", "交行", "bank of communications"],
    bins: [
      "622260",
      "622262",
      "622261",
      "621069",
      "620013",
      "621436",
      "621335",
      "622258",
      "622259",
      "405512",
      "601428",
    ],
  },
  {
    code: "CMB",
    name: "China Merchants Bank",
    aliases: ["cmb", "招商银行", "招行", "china merchants bank", "merchants bank"],
    bins: [
      "621483",
      "621485",
      "621486",
      "622588",
      "622575",
      "622576",
      "622577",
      "622578",
      "622580",
      "622581",
      "622582",
      "621286",
      "622609",
      "410062",
      "468203",
      "512425",
      "524011",
      "439225",
      "439227",
      "690755",
      "402658",
    ],
  },
  {
    code: "PSBC",
    name: "Postal Savings Bank of China",
    aliases: ["psbc", "邮储银行", "中国邮政储蓄银行", "邮政储蓄银行", "邮政银行", "邮储", "postal savings bank"],
    bins: [
      "621799",
      "622188",
      "621096",
      "621098",
      "622150",
      "622151",
      "622181",
      "622199",
      "955100",
      "621095",
      "620062",
      "621285",
      "621798",
      "621797",
      "622810",
      "622811",
    ],
  },
  {
    code: "CITIC",
    name: "China CITIC Bank",
    aliases: ["citic", "citic bank", "中信银行", "中信"],
    bins: [
      "621768",
      "622690",
      "622691",
      "622692",
      "622696",
      "622698",
      "622998",
      "622999",
      "621771",
      "621767",
      "621773",
      "620082",
      "433670",
      "433680",
      "442729",
      "442730",
    ],
  },
  {
    code: "CEB",
    name: "China Everbright Bank",
    aliases: ["ceb", "everbright", "光大银行", "中国光大银行", "光大"],
    bins: [
      "622660",
      "622661",
      "622662",
      "622663",
      "622664",
      "622665",
      "622666",
      "622667",
      "622668",
      "622669",
      "622670",
      "622671",
      "622672",
      "622673",
      "622674",
      "620085",
      "621489",
      "621490",
      "621491",
      "621492",
    ],
  },
  {
    code: "CMBC",
    name: "China Minsheng Bank",
    aliases: ["cmbc", "minsheng", "民生银行", "中国民生银行", "民生"],
    bins: [
      "622615",
      "622616",
      "622617",
      "622618",
      "622619",
      "622620",
      "622622",
      "621691",
      "415599",
      "421393",
      "421865",
      "427570",
      "427571",
      "472067",
      "472068",
    ],
  },
  {
    code: "CIB",
    name: "Industrial Bank",
    aliases: ["cib", "industrial bank", "兴业银行", "兴业"],
    bins: [
      "622909",
      "622908",
      "622901",
      "622902",
      "622922",
      "438588",
      "438589",
      "461982",
      "486493",
      "486494",
      "486861",
      "523036",
      "451289",
      "527414",
      "528057",
    ],
  },
  {
    code: "SPDB",
    name: "Shanghai Pudong Development Bank",
    aliases: ["spdb", "pudong development bank", "浦发银行", "上海浦东发展银行", "浦发"],
    bins: [
      "622521",
      "622522",
      "622523",
      "621792",
      "621791",
      "623250",
      "622516",
      "622517",
      "622518",
      "622500",
      "621351",
      "621352",
      "622276",
      "456418",
    ],
  },
  {
    code: "PAB",
    name: "Ping An Bank",
    aliases: ["pab", "pingan", "ping an", "ping an bank", "平安银行", "平安"],
    bins: [
      "622155",
      "622156",
      "622157",
      "622158",
      "622159",
      "621626",
      "623058",
      "622986",
      "622989",
      "622298",
      "602907",
      "622538",
      "531659",
      "998801",
      "998802",
      "622525",
    ],
  },
  {
    code: "HXB",
    name: "Hua Xia Bank",
    aliases: ["hxb", "huaxia", "hua xia bank", "huaxia bank", "华夏银行", "华夏"],
    bins: [
      "622630",
      "622631",
      "622632",
      "622633",
      "622636",
      "622637",
      "621222",
      "623020",
      "623021",
      "623022",
      "623023",
      "539867",
      "539868",
      "999999",
    ],
  },
  {
    code: "CGB",
    name: "China Guangfa Bank",
    aliases: ["cgb", "gdb", "guangfa", "china guangfa bank", "guangdong development bank", "广发银行", "广发"],
    bins: [
      "622568",
      "622558",
      "622559",
      "622560",
      "520152",
      "520382",
      "548844",
      "621462",
      "623259",
      "628259",
      "911121",
    ],
  },
  {
    code: "BOB",
    name: "Bank of Beijing",
    aliases: ["bob", "bank of beijing", "北京银行"],
    bins: ["622163", "622853", "623111", "621468", "602969", "522001"],
  },
];

const BY_BIN = new Map<string, Bank>();
const BY_ALIAS = new Map<string, Bank>();
for (const bank of BANKS) {
  for (const bin of bank.bins) BY_BIN.set(bin, bank);
  BY_ALIAS.set(aliasKey(bank.name), bank);
  BY_ALIAS.set(aliasKey(bank.code), bank);
  for (const a of bank.aliases) BY_ALIAS.set(aliasKey(a), bank);
}

function aliasKey(s: string): string {
  return fold(s)
    .toLowerCase()
    .replace(/[\s.,()'"\-·]+/g, "")
    .replace(/^the/, "")
    .replace(/(?:co|corp|corporation|ltd|limited|股份有限公司|有限公司)+$/g, "");
}

/** Issuing bank from the longest known card prefix (6, then 5, then 4 digits). */
export function bankFromBin(digits: string): Bank | null {
  for (const len of [8, 7, 6, 5, 4]) {
    if (digits.length < len) continue;
    const hit = BY_BIN.get(digits.slice(0, len));
    if (hit) return hit;
  }
  return null;
}

/** Bank from a name as victims write it ("ICBC", "工商银行", "Industrial and Commercial Bank of China Ltd."). */
export function bankFromName(raw: unknown): Bank | null {
  const key = aliasKey(String(fold(raw)));
  if (key === "") return null;
  const exact = BY_ALIAS.get(key);
  if (exact) return exact;
  // Branch suffixes ("工商银行北京分行", "ICBC Beijing branch") keep the bank name as a prefix.
  let best: Bank | null = null;
  let bestLen = 0;
  for (const [alias, bank] of BY_ALIAS) {
    if (alias.length >= 3 && alias.length > bestLen && key.startsWith(alias)) {
      best = bank;
      bestLen = alias.length;
    }
  }
  return best;
}

/** Luhn check; most Chinese debit cards pass, many corporate accounts do not. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
