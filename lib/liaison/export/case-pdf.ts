/**
 * A case file as PDF: summary, identifiers (with why any is held back from
 * sharing), timeline and, only for a reader allowed to see victims' personal
 * data, the reports. `includePii: false` ignores whatever `reports` holds.
 */
import "server-only";
import { chinaDate, chinaDateTime, exportFilename, money, translator } from "./format";
import { PdfWriter } from "./pdf-writer";
import { drawLetterhead } from "./request-pdf";
import type { CaseExportData, ExportFile } from "./types";

export async function casePdfBytes(data: CaseExportData): Promise<Uint8Array> {
  const { t, label } = translator(data.locale);
  const c = data.case;
  const m = (minor: bigint, currency = "CNY") => money(minor, data.locale, currency);
  const when = (d: Date | null) => (d ? t("meta.chinaTime", { time: chinaDateTime(d) }) : t("meta.none"));
  const list = (items: string[]) => items.join(data.locale === "en" ? ", " : "、");

  const w = await PdfWriter.create({
    title: t("caseFile.title", { number: c.number }),
    lang: data.locale,
    created: data.generatedAt,
  });
  drawLetterhead(w, data.unit, data.locale, t);
  w.space(6);
  w.text(t("caseFile.title", { number: c.number }), { size: 15, align: "center", after: 8 });

  w.heading(t("caseFile.summary"));
  w.keyValues([
    [t("meta.caseNumber"), c.number],
    [t("meta.status"), label("cases.statuses", c.status)],
    [t("caseFile.reportCount"), String(c.reportCount)],
    [t("caseFile.victimCount"), String(c.victimCount)],
    [t("caseFile.loss"), m(c.lossCnyMinor)],
    [t("caseFile.frozen"), m(c.frozenMinor)],
    [t("caseFile.recovered"), m(c.recoveredMinor)],
    [t("caseFile.firstIncident"), when(c.firstIncident)],
    [t("caseFile.lastIncident"), when(c.lastIncident)],
    [t("caseFile.scamTypes"), list(c.scamTypes.map((s) => label("options.scamType", s)))],
    [t("meta.generatedAt"), when(data.generatedAt)],
  ]);

  w.heading(t("caseFile.identifiers"));
  if (data.identifiers.length === 0) w.text(t("caseFile.noIdentifiers"));
  else {
    w.table(
      [
        { title: t("columns.kind"), share: 0.18 },
        { title: t("columns.identifier"), share: 0.4 },
        { title: t("columns.reports"), share: 0.12 },
        { title: t("columns.note"), share: 0.3 },
      ],
      data.identifiers.map((i) => [
        label("cases.identifierKind", i.kind),
        i.display,
        String(i.reportCount),
        i.excluded ? t(`excluded.${i.excluded}`) : "",
      ]),
    );
  }

  w.heading(t("caseFile.timeline"));
  if (data.timeline.length === 0) w.text(t("caseFile.noTimeline"));
  else {
    w.table(
      [
        { title: t("columns.time"), share: 0.22 },
        { title: t("columns.event"), share: 0.78 },
      ],
      data.timeline.map((e) => [chinaDateTime(e.at), e.text]),
    );
  }

  w.heading(t("caseFile.reports"));
  if (!data.includePii) w.text(t("caseFile.reportsOmitted"));
  else {
    for (const r of data.reports) {
      w.space(4);
      w.text(r.reference, { size: 12, after: 2 });
      w.keyValues([
        [t("caseFile.submittedAt"), when(r.submittedAt)],
        [t("caseFile.incidentDate"), r.incidentDate ? chinaDate(r.incidentDate) : t("meta.none")],
        [t("caseFile.scamType"), label("options.scamType", r.scamType)],
        [t("columns.victimName"), r.victimName],
        [t("columns.victimPhone"), r.victimPhone],
      ]);
      if (r.additions.length) {
        // The original report is never changed; what came later says when (the reader weighs it differently).
        w.keyValues([
          [
            t("caseFile.addedLater"),
            list(
              r.additions.map(({ at, ...counts }) => t("caseFile.addition", { time: chinaDateTime(at), ...counts })),
            ),
          ],
        ]);
      }
      if (r.narrative.trim()) w.text(r.narrative, { after: 6 });
      if (r.payments.length === 0) w.text(t("caseFile.noPayments"));
      else {
        w.table(
          [
            { title: t("columns.amount"), share: 0.2 },
            { title: t("columns.time"), share: 0.2 },
            { title: t("columns.payee"), share: 0.4 },
            { title: t("columns.addedLater"), share: 0.2 },
          ],
          r.payments.map((p) => [
            m(p.amountMinor, p.currency),
            chinaDateTime(p.paidAt),
            p.payee,
            p.addedAt ? chinaDateTime(p.addedAt) : "",
          ]),
        );
      }
    }
  }

  return w.save((page, pages) => t("letter.footer", { id: data.exportId, page, pages }));
}

export async function casePdf(data: CaseExportData): Promise<ExportFile> {
  return {
    body: await casePdfBytes(data),
    contentType: "application/pdf",
    filename: exportFilename(data.case.number, data.exportId, "pdf"),
  };
}
