/**
 * A case as a MISP event (MISP core format, draft-dulaunoy-misp-core-format),
 * for CERTs and platform trust-and-safety teams: the case's identifiers as
 * attributes, never its victims. Identifiers on the warning list, suspected
 * shared numbers and ones too partial to identify anyone are left out: shared
 * as indicators they would flag innocent people.
 *
 * UUIDs are name-based (v5), so exporting the same case again gives the same
 * event and attribute UUIDs: MISP recognises the event it already has instead
 * of creating a copy. See docs/liaison-exports.md for the choices made here.
 */
import "server-only";
import { parseUrl } from "@/lib/matching";
import { chinaDate, exportFilename, translator } from "./format";
import type { CaseExportData, CaseExportIdentifier, ExportFile } from "./types";
import { uuidV5 } from "./uuid";

/** This application's namespace for MISP UUIDs (a random v4, fixed forever). */
export const MISP_NAMESPACE = "e9604dd2-1a36-4787-91ca-0f2cfecf4ca0";

export type MispType = "phone-number" | "bank-account-nr" | "url" | "domain" | "email-src" | "text";

export interface MispAttribute {
  uuid: string;
  type: MispType;
  category: string;
  value: string;
  to_ids: boolean;
  comment: string;
  distribution: string;
  sharing_group_id: string;
  timestamp: string;
  deleted: boolean;
  disable_correlation: boolean;
}

export interface MispEvent {
  Event: {
    uuid: string;
    info: string;
    date: string;
    threat_level_id: string;
    analysis: string;
    distribution: string;
    sharing_group_id: string;
    published: false;
    timestamp: string;
    publish_timestamp: string;
    attribute_count: string;
    Orgc: { name: string; uuid: string };
    Tag: { name: string }[];
    Attribute: MispAttribute[];
  };
}

/**
 * Category per type: each is allowed for its type by MISP's describeTypes,
 * in current MISP and in older releases alike (email-src is not "Network
 * activity" in older ones). to_ids follows MISP's sane defaults: addresses,
 * accounts and links are actionable; phone numbers and free text are context.
 */
const CATEGORY: Record<MispType, { category: string; toIds: boolean }> = {
  "phone-number": { category: "Financial fraud", toIds: false },
  "bank-account-nr": { category: "Financial fraud", toIds: true },
  url: { category: "Network activity", toIds: true },
  domain: { category: "Network activity", toIds: true },
  "email-src": { category: "Payload delivery", toIds: true },
  text: { category: "Other", toIds: false },
};

/** Payment accounts in free text still belong to the fraud's money trail; chat ids to social networks. */
const TEXT_CATEGORY: Partial<Record<CaseExportIdentifier["kind"], string>> = {
  alipay: "Financial fraud",
  wechat_pay: "Financial fraud",
  gift_card: "Financial fraud",
  merchant: "Financial fraud",
  qq: "Social network",
  qq_group: "Social network",
  wechat: "Social network",
};

/** The event UUID of a case: the same for every export of that case by this unit. */
export function mispEventUuid(data: Pick<CaseExportData, "unit" | "case">): string {
  return uuidV5(MISP_NAMESPACE, `case\n${data.unit.name}\n${data.case.number}`);
}

/** What MISP gets for one identifier: [type, value] pairs (a URL gives its domain too, unless hosted on a hub). */
export function mispValues(id: CaseExportIdentifier): [MispType, string][] {
  switch (id.kind) {
    case "phone":
      return [["phone-number", id.value]];
    case "bank_account":
      return [["bank-account-nr", id.value]];
    case "email":
      return [["email-src", id.value]];
    case "url": {
      const parsed = parseUrl(id.value);
      // On a short-link or platform host the domain is not the scammer's: only the page is.
      return parsed && !parsed.hub && parsed.domain
        ? [
            ["url", id.value],
            ["domain", parsed.domain],
          ]
        : [["url", id.value]];
    }
    default:
      return [["text", id.value]];
  }
}

export function caseMispEvent(data: CaseExportData): MispEvent {
  const { t, label } = translator(data.locale);
  const eventUuid = mispEventUuid(data);
  const timestamp = String(Math.floor(data.generatedAt.getTime() / 1000));
  const seen = new Set<string>();
  const attributes: MispAttribute[] = [];
  for (const id of data.identifiers) {
    if (id.excluded !== null) continue;
    const kind = label("cases.identifierKind", id.kind);
    const comment = `${t("misp.kindComment", { kind })}; ${t("misp.reportCount", { count: id.reportCount })}`;
    for (const [type, value] of mispValues(id)) {
      // MISP refuses an event holding the same type and value twice.
      if (!value || seen.has(`${type}\n${value}`)) continue;
      seen.add(`${type}\n${value}`);
      const { category, toIds } = CATEGORY[type];
      attributes.push({
        uuid: uuidV5(eventUuid, `${type}\n${value}`),
        type,
        category: type === "text" ? (TEXT_CATEGORY[id.kind] ?? category) : category,
        value,
        to_ids: toIds,
        comment,
        distribution: "5", // as the event
        sharing_group_id: "0",
        timestamp,
        deleted: false,
        disable_correlation: false,
      });
    }
  }
  const unitName = data.locale === "en" ? data.unit.nameEn : data.unit.name;
  return {
    Event: {
      uuid: eventUuid,
      info: t("misp.info", { unit: unitName, number: data.case.number }).replace(/\s+/g, " ").slice(0, 256),
      date: chinaDate(data.case.firstIncident ?? data.generatedAt),
      threat_level_id: "2", // medium: active fraud against the public
      analysis: data.case.status === "closed" ? "2" : "1", // complete / ongoing
      distribution: "0", // "your organisation only": the receiving team decides how far it goes
      sharing_group_id: "0",
      published: false,
      timestamp,
      publish_timestamp: "0",
      attribute_count: String(attributes.length),
      Orgc: { name: data.unit.nameEn || data.unit.name, uuid: uuidV5(MISP_NAMESPACE, `org\n${data.unit.name}`) },
      Tag: [{ name: "tlp:amber" }],
      Attribute: attributes,
    },
  };
}

export function caseMisp(data: CaseExportData): ExportFile {
  const text = `${JSON.stringify(caseMispEvent(data), null, 2)}\n`;
  return {
    body: new TextEncoder().encode(text),
    contentType: "application/json; charset=utf-8",
    filename: exportFilename(data.case.number, data.exportId, "misp.json"),
  };
}
