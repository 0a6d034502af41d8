/**
 * What the export builders take: plain data, already loaded and redacted by
 * the caller (the request and case services). The builders filter again
 * (defence in depth): a victim field leaves only when `disclosures` names it,
 * and reports only when `includePii` is set.
 */
import type { DisclosureField, RequestKind, RequestOutcome, RequestStatus } from "@/lib/liaison/shared";
import type { OrgKind } from "@/lib/users/schemas";
import type { IdentifierKind } from "@/lib/vocab/choices";

export type { DisclosureField, IdentifierKind, OrgKind, RequestKind, RequestOutcome, RequestStatus };

export type ExportLocale = "zh-CN" | "en";

/** The police unit that sends the letters (UNIT_NAME, UNIT_NAME_EN, UNIT_ADDRESS, UNIT_PHONE). */
export interface Letterhead {
  name: string;
  nameEn: string;
  address: string;
  phone: string;
}

export interface RequestExportItem {
  kind: IdentifierKind;
  display: string;
  paidMinor: bigint;
  paymentCount: number;
  victimCount: number;
  firstPaidAt: Date | null;
  lastPaidAt: Date | null;
  outcome: RequestOutcome | null;
  frozenMinor: bigint | null;
  answerNote: string;
}

/** A victim of the request; a personal field is present only when disclosed. */
export interface RequestExportVictim {
  reference: string;
  name?: string;
  phone?: string;
  narrative?: string;
  paidMinor: bigint;
  firstPaidAt: Date | null;
}

export interface RequestExportData {
  exportId: string;
  generatedAt: Date;
  locale: ExportLocale;
  unit: Letterhead;
  request: {
    number: string;
    kind: RequestKind;
    status: RequestStatus;
    caseNumber: string;
    orgName: string;
    orgKind: OrgKind;
    createdAt: Date;
    sentAt: Date | null;
    dueAt: Date | null;
    body: string;
    victimCount: number;
    createdByName: string;
  };
  items: RequestExportItem[];
  disclosures: { field: DisclosureField; justification: string }[];
  victims: RequestExportVictim[];
}

export type ExclusionReason = "warning-list" | "shared-number" | "not-linkable";

export interface CaseExportIdentifier {
  kind: IdentifierKind;
  /** The canonical value (Identifier.value): what MISP gets. */
  value: string;
  display: string;
  reportCount: number;
  /** Why the identifier must not be shared as an indicator; null when it may. */
  excluded: null | ExclusionReason;
}

export interface CaseExportReport {
  reference: string;
  submittedAt: Date;
  incidentDate: Date | null;
  scamType: string;
  victimName: string;
  victimPhone: string;
  narrative: string;
  /**
   * `addedAt`: when the victim added the payment later on the status page (a
   * ReportAddition); null for what the report itself named.
   */
  payments: { amountMinor: bigint; currency: string; paidAt: Date | null; payee: string; addedAt: Date | null }[];
  /** What the victim added later, oldest first: when, and how many numbers, payments and platforms. */
  additions: { at: Date; contacts: number; payments: number; platforms: number; evidence: number }[];
}

export interface CaseExportData {
  exportId: string;
  generatedAt: Date;
  locale: ExportLocale;
  unit: Letterhead;
  /** The reader may see victims' personal data (read:victim-pii:any); else `reports` is ignored. */
  includePii: boolean;
  case: {
    number: string;
    status: string;
    reportCount: number;
    victimCount: number;
    lossCnyMinor: bigint;
    frozenMinor: bigint;
    recoveredMinor: bigint;
    firstIncident: Date | null;
    lastIncident: Date | null;
    scamTypes: string[];
  };
  identifiers: CaseExportIdentifier[];
  timeline: { at: Date; text: string }[];
  /** Empty unless includePii. */
  reports: CaseExportReport[];
}

/** A finished file: its bytes, MIME type and a suggested file name. */
export interface ExportFile {
  body: Uint8Array;
  contentType: string;
  filename: string;
}
