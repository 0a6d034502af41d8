/**
 * A request as JSON, for an organisation's own systems. The shape is stable
 * and documented in docs/liaison-exports.md (format "liaison-request", version
 * 1): add fields freely, never rename or remove one without a new version.
 * Amounts are fen as decimal strings (a JSON number loses fen beyond 2^53)
 * next to a display string; times are ISO 8601 instants (UTC).
 */
import "server-only";
import { disclosedFields, exportFilename, money, redactedVictims, translator } from "./format";
import type { ExportFile, RequestExportData } from "./types";

export const REQUEST_JSON_FORMAT = "liaison-request";
export const REQUEST_JSON_VERSION = 1;

interface Money {
  minor: string;
  currency: "CNY";
  display: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function requestJsonDocument(data: RequestExportData) {
  const { t, label } = translator(data.locale);
  const m = (minor: bigint): Money => ({
    minor: minor.toString(),
    currency: "CNY",
    display: money(minor, data.locale),
  });
  const r = data.request;
  const fields = disclosedFields(data);
  return {
    format: REQUEST_JSON_FORMAT,
    version: REQUEST_JSON_VERSION,
    exportId: data.exportId,
    generatedAt: data.generatedAt.toISOString(),
    locale: data.locale,
    unit: { ...data.unit },
    request: {
      number: r.number,
      kind: r.kind,
      kindLabel: t(`requestKind.${r.kind}`),
      status: r.status,
      statusLabel: t(`requestStatus.${r.status}`),
      caseNumber: r.caseNumber,
      organisation: { name: r.orgName, kind: r.orgKind },
      createdAt: iso(r.createdAt),
      sentAt: iso(r.sentAt),
      dueAt: iso(r.dueAt),
      body: r.body,
      victimCount: r.victimCount,
      createdBy: r.createdByName,
    },
    items: data.items.map((i) => ({
      kind: i.kind,
      kindLabel: label("cases.identifierKind", i.kind),
      identifier: i.display,
      paid: m(i.paidMinor),
      paymentCount: i.paymentCount,
      victimCount: i.victimCount,
      firstPaidAt: iso(i.firstPaidAt),
      lastPaidAt: iso(i.lastPaidAt),
      answer: i.outcome
        ? {
            outcome: i.outcome,
            outcomeLabel: t(`outcome.${i.outcome}`),
            frozen: i.frozenMinor === null ? null : m(i.frozenMinor),
            note: i.answerNote,
          }
        : null,
    })),
    disclosures: fields.map((field) => ({
      field,
      fieldLabel: t(`disclosureField.${field}`),
      justification: data.disclosures
        .filter((d) => d.field === field)
        .map((d) => d.justification)
        .join("\n"),
    })),
    // Keys appear only for disclosed fields (redactedVictims); none at all without a disclosure.
    victims: redactedVictims(data).map((v) => ({
      reference: v.reference,
      ...(v.name !== undefined && { name: v.name }),
      ...(v.phone !== undefined && { phone: v.phone }),
      ...(v.narrative !== undefined && { narrative: v.narrative }),
      paid: m(v.paidMinor),
      firstPaidAt: iso(v.firstPaidAt),
    })),
  };
}

export type RequestJsonDocument = ReturnType<typeof requestJsonDocument>;

export function requestJson(data: RequestExportData): ExportFile {
  const text = `${JSON.stringify(requestJsonDocument(data), null, 2)}\n`;
  return {
    body: new TextEncoder().encode(text),
    contentType: "application/json; charset=utf-8",
    filename: exportFilename(data.request.number, data.exportId, "json"),
  };
}
