/**
 * The request mixes of bench:load (and bench:lookup): yardsticks, lookups,
 * signed-in investigators, and report submissions through the public form.
 */
import { randomUUID } from "node:crypto";
import type { CannonRequest } from "./bench-server";
import type { BoardFixtures, LookupFixtures, Named } from "./bench-fixtures";
import { boardUrls, typed } from "./bench-fixtures";
import { receiptOf, reportFormFiller } from "./no-js-form";

/** The home page (rendered per request with its CSP nonce, no database) and a static script file. */
export async function yardstickRequests(origin: string) {
  const home = await (await fetch(`${origin}/en`)).text();
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(home)?.[1];
  if (!script) throw new Error("no static script in the home page");
  return { home: [{ path: "/en" }], file: [{ path: script }] };
}

/** GET /api/lookup with the key and the lookup page, over the fixtures' queries; checked once. */
export async function lookupRequests(origin: string, f: LookupFixtures) {
  const auth = { authorization: `Bearer ${f.key}` };
  const check = await fetch(`${origin}/api/lookup?q=95311`, { headers: auth });
  if (check.status !== 200) throw new Error(`/api/lookup answered ${check.status}`);
  console.log(`[check] 95311 → ${await check.text()}`);
  const api: CannonRequest[] = f.queries.map((q) => ({
    path: `/api/lookup?q=${encodeURIComponent(q)}`,
    headers: auth,
  }));
  const page: CannonRequest[] = f.queries.map((q) => ({ path: `/en/lookup?q=${encodeURIComponent(q)}` }));
  return { api, page };
}

/**
 * Each autocannon connection is one investigator with their own session,
 * cycling through `urls` (investigatorUrls).
 */
export function investigatorRequests(urls: string[], cookies: string[]): CannonRequest[] {
  let next = 0;
  return urls.map((path) => ({
    path,
    setupRequest: (req, context) => {
      context.cookie ??= cookies[next++ % cookies.length];
      return { ...req, headers: { cookie: context.cookie as string } };
    },
  }));
}

/** The pages an investigator cycles through: the board's variants, random cases and the largest cases. */
export async function investigatorUrls(origin: string, f: BoardFixtures, cookie: string): Promise<string[]> {
  const first = await fetch(`${origin}/en/staff/cases?sort=loss`, { headers: { cookie } });
  if (first.status !== 200) throw new Error(`the board answered ${first.status}`);
  return [
    ...boardUrls(f, await first.text()),
    ...f.cases.slice(0, 10).map((n) => `/en/staff/cases/${n}`),
    ...f.biggest.slice(0, 2).map((c) => `/en/staff/cases/${c.number}`),
  ];
}

export interface Submissions {
  requests: CannonRequest[];
  /** Posts left for the load (one was posted as the check). */
  count: number;
  tokens: string[];
  /** The tokens of the posts answered with a receipt. */
  receipted: Set<string>;
}

/**
 * `n` report posts as a browser without JavaScript sends them (the page's
 * form, its server-action fields and a fresh token each), every one from its
 * own address (X-Forwarded-For; the server trusts loopback for the run).
 * Identifiers overlap: rings of ~6 victims share a scammer's phone and
 * account, every 10th post pays a neighbouring ring's account (merging the
 * two rings' cases), every 10th names a phone already in the data (joining
 * an existing case). Each body is posted once; `receipted` collects the
 * posts whose answer showed a reference and PIN.
 */
export async function submissionRequests(origin: string, n: number, existing: Named[]): Promise<Submissions> {
  const fill = reportFormFiller(await (await fetch(`${origin}/en/report`)).text());
  const run = randomUUID().slice(0, 6);
  const rings = Math.max(1, Math.floor(n / 6));
  const digits = (x: number, len: number) => String(x).padStart(len, "0").slice(-len);
  const runNo = parseInt(run, 16) % 10_000;
  const ring = (r: number) => ({
    phone: `+86 176 ${digits(runNo, 4)} ${digits(r, 4)}`,
    account: `6228 ${digits(runNo, 4)} ${digits(r, 4)} 0000 777`,
  });
  const phones = existing.filter((x) => x.kind === "phone").map(typed);
  const bodies: { body: Buffer; type: string; ip: string; token: string }[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = i % rings;
    const own = ring(r);
    const scammerPhone = i % 10 === 5 && phones.length ? phones[i % phones.length]! : own.phone;
    const payeeAccount = i % 10 === 9 ? ring((r + 1) % rings).account : own.account;
    const form = fill({
      narrative: `The caller said my parcel was lost and offered compensation (load ${run}).`,
      scammerPhone,
      amount: `${100 + (i % 900)}.50`,
      payeeAccount,
      payeeName: `Holder ${run}-${r}`,
      victimPhone: `139${digits(runNo * 10_000 + i, 8)}`,
    });
    const token = randomUUID();
    form.set("token", token);
    tokens.push(token);
    const req = new Request(`${origin}/en/report`, { method: "POST", body: form });
    bodies.push({
      body: Buffer.from(await req.arrayBuffer()),
      type: req.headers.get("content-type")!,
      ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      token,
    });
  }
  // One post first, parsed fully: the quick receipt check below must agree with it.
  const first = bodies.shift()!;
  const post = () =>
    fetch(`${origin}/en/report`, {
      method: "POST",
      body: new Uint8Array(first.body),
      headers: { "content-type": first.type, "x-forwarded-for": first.ip, origin },
    });
  // Once more on a broken connection: the one that fetched the form may have idled past the server's keep-alive.
  const answer = await post().catch(post);
  const firstHtml = await answer.text();
  const receipt = receiptOf(firstHtml);
  if (answer.status !== 200 || !receipt || !QUICK_RECEIPT.test(firstHtml))
    throw new Error(`the first report post got no receipt (${answer.status})`);
  const receipted = new Set([first.token]);
  let k = 0;
  const requests: CannonRequest[] = [
    {
      method: "POST",
      path: "/en/report",
      // One request at a time per connection: its context knows which post is answered.
      setupRequest: (req, context) => {
        const b = bodies[k++ % bodies.length]!;
        context.token = b.token;
        return {
          ...req,
          body: b.body,
          headers: { "content-type": b.type, "x-forwarded-for": b.ip, origin },
        };
      },
      onResponse: (status, body, context) => {
        if (status === 200 && QUICK_RECEIPT.test(body)) receipted.add(context.token as string);
      },
    },
  ];
  return { requests, count: bodies.length, tokens, receipted };
}

/** The receipt's reference and PIN in the answer (receiptOf's test, without parsing the page). */
const QUICK_RECEIPT = /data-testid="reference"[^>]*>R-\d{4}-\d{6}<[\s\S]*data-testid="pin"[^>]*>\d{8}</;
