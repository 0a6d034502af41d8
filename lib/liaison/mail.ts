/**
 * Sending the liaison mails over SMTP (nodemailer), configured by SMTP_URL and
 * MAIL_FROM. Without SMTP_URL mail is off and nothing here is called by the
 * sweep. Which mails to send, and sending each once, is lib/liaison/notify.ts.
 *
 * Email addresses are personal data: nothing here logs them, nor the error
 * messages of the SMTP server, which quote the rejected address.
 */
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { env, mailFrom } from "@/lib/env";
import { log } from "@/lib/log";
import type { LiaisonMail } from "./mail-message";

export {
  buildLiaisonMail,
  liaisonMailEvents,
  requestLink,
  type LiaisonMail,
  type LiaisonMailEvent,
  type LiaisonMailInput,
} from "./mail-message";

/** Whether SMTP_URL is set. */
export function mailEnabled(): boolean {
  return !!env().SMTP_URL;
}

/**
 * nodemailer's SMTP options from the URL, as nodemailer itself reads one
 * (smtp: plain then STARTTLS when offered, smtps: TLS; query parameters are
 * options, "tls.x" nested), plus timeouts short enough that a dead server
 * cannot hold a sweep for minutes (nodemailer waits 2 min to connect and
 * 10 min on a silent socket). Pooling is refused: nothing would close the pool.
 */
export function smtpOptions(url: string): SMTPTransport.Options {
  const u = new URL(url);
  if (!/^smtps?:$/.test(u.protocol) || !u.hostname) throw new Error("SMTP_URL must be smtp://… or smtps://…");
  const options: Record<string, unknown> = {
    host: u.hostname.replace(/^\[(.*)\]$/, "$1"),
    secure: u.protocol === "smtps:",
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  if (u.port) options.port = Number(u.port);
  if (u.username) {
    options.auth = { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) };
  }
  const tls: Record<string, unknown> = {};
  for (const [key, raw] of u.searchParams) {
    const value =
      raw === "true" ? true : raw === "false" ? false : raw !== "" && !isNaN(Number(raw)) ? Number(raw) : raw;
    if (key.startsWith("tls.")) tls[key.slice(4)] = value;
    else if (!key.includes(".") && !["pool", "url", "host", "port", "auth"].includes(key)) options[key] = value;
  }
  if (Object.keys(tls).length) options.tls = tls;
  return options as SMTPTransport.Options;
}

const g = globalThis as unknown as { __liaisonTransport?: { url: string; transport: Transporter } };

/** One transport per process and SMTP_URL (tests change the URL between cases). */
function transport(): Transporter {
  const url = env().SMTP_URL;
  if (!url) throw new Error("liaison mail is off: SMTP_URL is not set");
  if (g.__liaisonTransport?.url !== url) {
    g.__liaisonTransport = { url, transport: nodemailer.createTransport(smtpOptions(url)) };
  }
  return g.__liaisonTransport.transport;
}

export interface SendResult {
  delivered: number;
  failed: number;
}

/** Why a send failed, without the server's text (it quotes addresses). */
function failure(err: unknown) {
  const e = err as { code?: unknown; responseCode?: unknown; command?: unknown };
  return {
    code: typeof e?.code === "string" ? e.code : undefined,
    responseCode: typeof e?.responseCode === "number" ? e.responseCode : undefined,
    command: typeof e?.command === "string" ? e.command.split(" ")[0] : undefined,
  };
}

/**
 * Sends the mail to each recipient as a message of its own, so no liaison
 * sees another's address. Never throws for a refused or unreachable server:
 * it counts the deliveries and failures (the caller decides whether to retry),
 * and logs each failure with its SMTP code only.
 */
export async function sendLiaisonMail(
  to: readonly string[],
  mail: LiaisonMail,
  context: { requestNumber: string; event: string },
): Promise<SendResult> {
  const result: SendResult = { delivered: 0, failed: 0 };
  const smtp = transport();
  const from = mailFrom();
  for (const recipient of to) {
    try {
      await smtp.sendMail({
        from,
        to: recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // RFC 3834: an automatic message; out-of-office replies should not answer it.
        headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
      });
      result.delivered++;
    } catch (err) {
      result.failed++;
      log("warn", "liaison mail not delivered", {
        request: context.requestNumber,
        event: context.event,
        ...failure(err),
      });
    }
  }
  return result;
}
