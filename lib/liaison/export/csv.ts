/**
 * A request as CSV for the organisation's spreadsheet: UTF-8 with a byte-order
 * mark (spreadsheet programs otherwise read Chinese as the local code page),
 * CRLF lines, a few "label,value" lines naming the export, then the table of
 * identifiers, then, only for disclosed fields, the justifications and the victims.
 */
import "server-only";
import { stringify } from "csv-stringify/sync";
import { chinaDateTime, disclosedFields, exportFilename, redactedVictims, translator, yuan } from "./format";
import type { ExportFile, RequestExportData } from "./types";

/**
 * A cell a spreadsheet would run as a formula ("=HYPERLINK(…)", "+86…", "-1+1",
 * "@SUM(…)", or one hidden behind a tab or carriage return) gets a leading
 * apostrophe, which spreadsheets show as text (OWASP "CSV injection").
 * Applied to every cell, numbers included: ours are never negative, so they
 * are never changed.
 */
export function escapeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function requestCsvRows(data: RequestExportData): string[][] {
  const { t, label } = translator(data.locale);
  const r = data.request;
  const time = (d: Date | null) => (d ? t("meta.chinaTime", { time: chinaDateTime(d) }) : "");
  const rows: string[][] = [
    [t("meta.exportId"), data.exportId],
    [t("meta.requestNumber"), r.number],
    [t("meta.caseNumber"), r.caseNumber],
    [t("meta.organisation"), r.orgName],
    [t("meta.kind"), t(`requestKind.${r.kind}`)],
    [t("meta.status"), t(`requestStatus.${r.status}`)],
    [t("meta.dueAt"), time(r.dueAt)],
    [t("meta.generatedAt"), time(data.generatedAt)],
    [],
    [
      t("columns.kind"),
      t("columns.identifier"),
      t("columns.paidYuan"),
      t("columns.payments"),
      t("columns.victims"),
      t("columns.firstPaid"),
      t("columns.lastPaid"),
      t("columns.outcome"),
      t("columns.frozenYuan"),
      t("columns.note"),
    ],
  ];
  for (const item of data.items) {
    rows.push([
      label("cases.identifierKind", item.kind),
      item.display,
      yuan(item.paidMinor),
      String(item.paymentCount),
      String(item.victimCount),
      chinaDateTime(item.firstPaidAt),
      chinaDateTime(item.lastPaidAt),
      item.outcome ? t(`outcome.${item.outcome}`) : "",
      item.frozenMinor === null ? "" : yuan(item.frozenMinor),
      item.answerNote,
    ]);
  }

  const fields = disclosedFields(data);
  if (fields.length > 0) {
    rows.push([], [t("columns.field"), t("columns.justification")]);
    for (const f of fields) {
      const reasons = data.disclosures.filter((d) => d.field === f).map((d) => d.justification);
      rows.push([t(`disclosureField.${f}`), reasons.join("\n")]);
    }
    // Only the disclosed columns exist: a redacted field has no header and no cell.
    const columns = [
      ["reference", t("columns.reference")],
      ...(fields.includes("victimNames") ? [["name", t("columns.victimName")]] : []),
      ...(fields.includes("victimPhones") ? [["phone", t("columns.victimPhone")]] : []),
      ...(fields.includes("narratives") ? [["narrative", t("columns.narrative")]] : []),
    ] as const;
    rows.push([], [...columns.map(([, title]) => title), t("columns.paidYuan"), t("columns.firstPaid")]);
    for (const v of redactedVictims(data)) {
      rows.push([
        ...columns.map(([key]) => v[key as "reference" | "name" | "phone" | "narrative"] ?? ""),
        yuan(v.paidMinor),
        chinaDateTime(v.firstPaidAt),
      ]);
    }
  }
  return rows;
}

export function requestCsv(data: RequestExportData): ExportFile {
  const rows = requestCsvRows(data).map((row) => row.map(escapeCell));
  const text = stringify(rows, { bom: true, record_delimiter: "\r\n" });
  return {
    body: new TextEncoder().encode(text),
    contentType: "text/csv; charset=utf-8",
    filename: exportFilename(data.request.number, data.exportId, "csv"),
  };
}
