/**
 * A request as a PDF letter on the unit's letterhead: addressee, request
 * number, kind, due time, the investigator's text, the identifiers with
 * amounts and times, and what victim data it shares and why. Chinese renders
 * through the embedded Noto Sans SC subset (pdf-font.ts).
 */
import "server-only";
import {
  chinaDate,
  chinaDateTime,
  disclosedFields,
  exportFilename,
  money,
  redactedVictims,
  translator,
  type Translate,
} from "./format";
import { type Column, PdfWriter, RED, GREY } from "./pdf-writer";
import type { ExportFile, ExportLocale, Letterhead, RequestExportData } from "./types";

/** The unit's name in red over a red rule, as on an official letter; the English name and contacts under it. */
export function drawLetterhead(w: PdfWriter, unit: Letterhead, locale: ExportLocale, t: Translate) {
  const [first, second] = locale === "en" ? [unit.nameEn, unit.name] : [unit.name, unit.nameEn];
  w.text(first, { size: 17, color: RED, align: "center", after: 0 });
  if (second && second !== first) w.text(second, { size: 9, color: GREY, align: "center", after: 0 });
  const contact = [unit.address, unit.phone ? t("letter.phone", { phone: unit.phone }) : ""].filter(Boolean);
  if (contact.length) w.text(contact.join("    "), { size: 9, color: GREY, align: "center", after: 0 });
  w.rule(RED, 1.5);
}

export async function requestPdfBytes(data: RequestExportData): Promise<Uint8Array> {
  const { t, label } = translator(data.locale);
  const r = data.request;
  const kind = t(`requestKind.${r.kind}`);
  const when = (d: Date | null) => (d ? t("meta.chinaTime", { time: chinaDateTime(d) }) : t("meta.none"));
  const m = (minor: bigint) => money(minor, data.locale);

  const w = await PdfWriter.create({
    title: `${r.number} ${t("letter.title", { kind })}`,
    lang: data.locale,
    created: data.generatedAt,
  });
  drawLetterhead(w, data.unit, data.locale, t);
  w.space(6);
  w.text(t("letter.title", { kind }), { size: 15, align: "center", after: 10 });
  w.text(t("letter.to", { org: r.orgName }), { size: 12, after: 6 });
  w.keyValues([
    [t("meta.requestNumber"), r.number],
    [t("meta.caseNumber"), r.caseNumber],
    [t("meta.kind"), kind],
    [t("meta.dueAt"), when(r.dueAt)],
    [t("meta.sentAt"), when(r.sentAt)],
    [t("meta.victimCount"), String(r.victimCount)],
  ]);
  if (r.body.trim()) w.text(r.body, { size: 11, after: 8 });

  w.heading(t("letter.identifiers"));
  if (data.items.length === 0) w.text(t("letter.noIdentifiers"));
  else {
    const columns: Column[] = [
      { title: t("columns.kind"), share: 0.13 },
      { title: t("columns.identifier"), share: 0.29 },
      { title: t("columns.paid"), share: 0.16 },
      { title: `${t("columns.payments")} / ${t("columns.victims")}`, share: 0.1 },
      { title: `${t("columns.firstPaid")} / ${t("columns.lastPaid")}`, share: 0.16 },
      { title: t("columns.outcome"), share: 0.16 },
    ];
    w.table(
      columns,
      data.items.map((i) => {
        const times = [chinaDateTime(i.firstPaidAt), chinaDateTime(i.lastPaidAt)];
        const answer = i.outcome
          ? [t(`outcome.${i.outcome}`), i.frozenMinor === null ? "" : m(i.frozenMinor), i.answerNote]
          : [];
        return [
          label("cases.identifierKind", i.kind),
          i.display,
          m(i.paidMinor),
          `${i.paymentCount} / ${i.victimCount}`,
          times[0] === times[1] ? times[0]! : times.filter(Boolean).join("\n– "),
          answer.filter(Boolean).join("\n"),
        ];
      }),
    );
  }

  w.heading(t("letter.disclosures"));
  const fields = disclosedFields(data);
  if (fields.length === 0) w.text(t("letter.noDisclosures"));
  else {
    w.text(t("letter.disclosureIntro"));
    w.keyValues(
      fields.map((f) => [
        t(`disclosureField.${f}`),
        data.disclosures
          .filter((d) => d.field === f)
          .map((d) => d.justification)
          .join("\n"),
      ]),
    );
    w.heading(t("letter.victims"));
    const has = (f: (typeof fields)[number]) => fields.includes(f);
    const columns: Column[] = [
      { title: t("columns.reference"), share: 0.17 },
      ...(has("victimNames") ? [{ title: t("columns.victimName"), share: 0.12 }] : []),
      ...(has("victimPhones") ? [{ title: t("columns.victimPhone"), share: 0.15 }] : []),
      { title: t("columns.paid"), share: 0.15 },
      { title: t("columns.firstPaid"), share: 0.16 },
    ];
    // Whatever width is left goes to the narrative column, when there is one.
    if (has("narratives")) columns.push({ title: t("columns.narrative"), share: 0 });
    const used = columns.reduce((s, c) => s + c.share, 0);
    if (has("narratives")) columns[columns.length - 1]!.share = 1 - used;
    else columns[1]!.share += 1 - used;
    w.table(
      columns,
      redactedVictims(data).map((v) => [
        v.reference,
        ...(has("victimNames") ? [v.name ?? ""] : []),
        ...(has("victimPhones") ? [v.phone ?? ""] : []),
        m(v.paidMinor),
        chinaDateTime(v.firstPaidAt),
        ...(has("narratives") ? [v.narrative ?? ""] : []),
      ]),
    );
  }

  w.space(10);
  w.text(t("letter.reply", { number: r.number }));
  w.space(16);
  w.keyValues([[t("meta.createdBy"), r.createdByName]]);
  w.text(data.locale === "en" ? data.unit.nameEn : data.unit.name, { align: "center", after: 0 });
  w.text(chinaDate(data.generatedAt), { align: "center" });

  return w.save((page, pages) => t("letter.footer", { id: data.exportId, page, pages }));
}

export async function requestPdf(data: RequestExportData): Promise<ExportFile> {
  return {
    body: await requestPdfBytes(data),
    contentType: "application/pdf",
    filename: exportFilename(data.request.number, data.exportId, "pdf"),
  };
}
