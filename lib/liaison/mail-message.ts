/**
 * The email that tells an organisation's liaisons about a request: both
 * languages in one message (Chinese first, then English), plain text and a
 * simple HTML part. Pure module: no Next.js, Prisma or SMTP.
 *
 * What a mail may say is fixed by its input type: what happened, the request
 * number, the organisation, the due time and the link. Email leaves our
 * systems and sits in mailboxes we do not control, so it never carries case
 * numbers, identifiers, amounts or anything about victims — not even when the
 * caller holds a request row with all of that: only these fields are read.
 */
import { createTranslator } from "use-intl/core";
import { catalogues } from "@/messages";

export const liaisonMailEvents = ["new", "dueSoon", "overdue"] as const;
export type LiaisonMailEvent = (typeof liaisonMailEvents)[number];

export interface LiaisonMailInput {
  event: LiaisonMailEvent;
  /** The request's public number, e.g. Q-2026-000123. */
  requestNumber: string;
  organisationName: string;
  dueAt: Date | null;
  /** The app's public origin (APP_URL): links are origin + /{locale}/portal/requests/{number}. */
  origin: string;
}

export interface LiaisonMail {
  subject: string;
  text: string;
  html: string;
}

const locales = ["zh-CN", "en"] as const;
type Locale = (typeof locales)[number];
const dateLocale: Record<Locale, string> = { "zh-CN": "zh-CN", en: "en-GB" };

/** Request numbers are short public codes; anything else is a caller's mistake, not something to mail. */
const NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Control characters and line breaks out of a one-line value (names are typed by admins). */
function oneLine(s: string) {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
}

export function requestLink(origin: string, locale: Locale, number: string): string {
  return `${new URL(origin).origin}/${locale}/portal/requests/${encodeURIComponent(number)}`;
}

/** China has one time zone and no daylight saving; due times are shown in it. */
function formatDue(due: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(dateLocale[locale], {
    timeZone: "Asia/Shanghai",
    dateStyle: "long",
    timeStyle: "short",
    hourCycle: "h23",
  }).format(due);
}

interface Block {
  locale: Locale;
  what: string;
  due: string;
  open: string;
  link: string;
  privacy: string;
  automated: string;
}

function block(input: LiaisonMailInput, locale: Locale, organisation: string): Block {
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: "liaisonMail" });
  return {
    locale,
    what: t(`what.${input.event}`, { number: input.requestNumber, organisation }),
    due: input.dueAt ? t("due", { due: formatDue(input.dueAt, locale) }) : t("noDue"),
    open: t("open"),
    link: requestLink(input.origin, locale, input.requestNumber),
    privacy: t("privacy"),
    automated: t("automated"),
  };
}

function subjectPart(event: LiaisonMailEvent, locale: Locale) {
  return createTranslator({ locale, messages: catalogues[locale], namespace: "liaisonMail" })(`subject.${event}`);
}

/** Builds the mail from exactly the fields of `LiaisonMailInput`; extra properties on the argument are ignored. */
export function buildLiaisonMail(input: LiaisonMailInput): LiaisonMail {
  if (!liaisonMailEvents.includes(input.event)) throw new Error(`unknown liaison mail event ${String(input.event)}`);
  if (!NUMBER.test(input.requestNumber)) throw new Error("not a request number");
  if (input.dueAt && Number.isNaN(input.dueAt.getTime())) throw new Error("invalid due time");
  // Read only the declared fields, so a caller passing a whole request row cannot leak the rest.
  const clean: LiaisonMailInput = {
    event: input.event,
    requestNumber: input.requestNumber,
    organisationName: oneLine(input.organisationName),
    dueAt: input.dueAt,
    origin: new URL(input.origin).origin,
  };
  const blocks = locales.map((l) => block(clean, l, clean.organisationName));
  const subject = `[${clean.requestNumber}] ${subjectPart(clean.event, "zh-CN")} / ${subjectPart(clean.event, "en")}`;
  const text = blocks
    .map((b) => [b.what, b.due, "", b.open, b.link, "", b.privacy, b.automated].join("\n"))
    .join("\n\n----------------------------------------\n\n");
  const html = [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    "<body style=\"font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;line-height:1.6;color:#0f172a\">",
    blocks
      .map(
        (b) =>
          `<div lang="${b.locale}"><p>${escapeHtml(b.what)}<br>${escapeHtml(b.due)}</p>` +
          `<p>${escapeHtml(b.open)}<br><a href="${escapeHtml(b.link)}">${escapeHtml(b.link)}</a></p>` +
          `<p style="color:#475569;font-size:0.9em">${escapeHtml(b.privacy)}<br>${escapeHtml(b.automated)}</p></div>`,
      )
      .join('<hr style="border:0;border-top:1px solid #cbd5e1">'),
    "</body></html>",
  ].join("");
  return { subject, text: `${text}\n`, html };
}
