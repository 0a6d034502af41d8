/**
 * The liaison mail sweep inside the web server (started by instrumentation.ts):
 * every LIAISON_MAIL_INTERVAL_SECONDS, sweepLiaisonMail on the server's
 * database client. The timer is unref'd (it never keeps a process alive), a
 * sweep still running when the next is due is not doubled, and errors are
 * logged, never thrown. With several servers each sweeps; the claims in
 * notify.ts keep every mail to one sender.
 */
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log, logError } from "@/lib/log";
import { sweepLiaisonMail } from "./notify";

const g = globalThis as unknown as { __liaisonSweeper?: () => void };

/** The first sweep after start: soon, but not while the server is still warming up. */
const FIRST_SWEEP_MS = 10_000;

/** Starts the sweeper unless mail is off or the interval is 0; returns its stop function. */
export function startLiaisonMailSweeper(): (() => void) | undefined {
  try {
    const { SMTP_URL, LIAISON_MAIL_INTERVAL_SECONDS: interval } = env();
    if (!SMTP_URL) {
      log("info", "liaison mail is off: SMTP_URL is not set");
      return undefined;
    }
    if (interval === 0) {
      log(
        "info",
        "liaison mail: no sweep in this server (LIAISON_MAIL_INTERVAL_SECONDS=0); run npm run notify:liaisons",
      );
      return undefined;
    }
    // Development reloads may run instrumentation again in the same process.
    if (g.__liaisonSweeper) return g.__liaisonSweeper;
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await sweepLiaisonMail(await db());
      } catch (err) {
        logError(err, { job: "liaison-mail" });
      } finally {
        running = false;
      }
    };
    const first = setTimeout(() => void tick(), Math.min(FIRST_SWEEP_MS, interval * 1000));
    const timer = setInterval(() => void tick(), interval * 1000);
    first.unref();
    timer.unref();
    log("info", "liaison mail is on", { intervalSeconds: interval });
    g.__liaisonSweeper = () => {
      clearTimeout(first);
      clearInterval(timer);
      g.__liaisonSweeper = undefined;
    };
    return g.__liaisonSweeper;
  } catch (err) {
    logError(err, { job: "liaison-mail", step: "start" });
    return undefined;
  }
}
