/**
 * Investigators who read between clicks, each on their own: a user asks for a
 * page, reads it to its last byte, then waits a think time drawn at random
 * (exponential, mean `thinkSeconds`, so clicks arrive as independent users'
 * would) before the next. autocannon's `overallRate` instead releases every
 * connection's request at the same instant once a second: a burst of all
 * users at once, which measures queueing behind the burst more than a page.
 * Both are reported (bench:load).
 */
import { pct } from "./bench";
import { pageFailed, type Figures } from "./bench-server";

export async function thinkingUsers(
  name: string,
  origin: string,
  users: { cookie: string; urls: string[] }[],
  opts: { thinkSeconds: number; durationSeconds: number },
): Promise<Figures> {
  const ms: number[] = [];
  let bad = 0;
  const end = performance.now() + opts.durationSeconds * 1000;
  const think = () => Math.min(-Math.log(1 - Math.random()) * opts.thinkSeconds, 5 * opts.thinkSeconds) * 1000;
  const pause = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, Math.min(t, end - performance.now()))));
  await Promise.all(
    users.map(async (u, k) => {
      // Users start spread over the first think time, not together.
      await pause(Math.random() * opts.thinkSeconds * 1000);
      for (let i = k; performance.now() < end; i++) {
        const t = performance.now();
        try {
          const res = await fetch(`${origin}${u.urls[i % u.urls.length]}`, {
            headers: { cookie: u.cookie },
            redirect: "manual",
          });
          const body = await res.text();
          if (res.status !== 200 || pageFailed(body)) bad++;
        } catch {
          bad++;
        }
        ms.push(performance.now() - t);
        await pause(think());
      }
    }),
  );
  const at = (p: number) => (ms.length ? Math.round(pct(ms, p)) : NaN);
  return {
    name,
    connections: users.length,
    total: ms.length,
    rps: ms.length / opts.durationSeconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    bad,
  };
}
