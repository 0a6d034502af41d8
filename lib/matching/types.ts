/**
 * Shared types of the matching module. Kept free of Prisma types on purpose:
 * the module is pure and the string unions mirror the Prisma enums
 * (IdentifierKind, ContactKind, PayeeKind) so either side can be checked
 * against the other in a test of the DB layer.
 */
import type { IdentifierKind } from "@/lib/vocab/choices";

export type { IdentifierKind } from "@/lib/vocab/choices";
export { identifierKinds as IDENTIFIER_KINDS } from "@/lib/vocab/choices";

export type MetaValue = string | number | boolean | null;

export interface CanonicalIdentifier {
  kind: IdentifierKind;
  /** Canonical key; unique per kind (`@@unique([kind, value])`). */
  value: string;
  /** Readable form for investigators, e.g. "+86 171 2345 6789". */
  display: string;
  meta: Record<string, MetaValue>;
}

export type { ContactKind, PayeeKind } from "@/lib/vocab/choices";
export { contactKinds as CONTACT_KINDS, payeeKinds as PAYEE_KINDS } from "@/lib/vocab/choices";

/**
 * What extractIdentifiers needs from a report. Both the interchange format and
 * the web form use these field names; everything is optional and may be null
 * because victims and foreign systems leave things out.
 */
export interface PayeeLike {
  kind?: string | null;
  value?: string | number | null;
  name?: string | null;
  bank?: string | null;
}

export interface ReportLike {
  victim?: { phone?: string | number | null } | null;
  contacts?: readonly ({ kind?: string | null; value?: string | number | null } | null | undefined)[] | null;
  payments?: readonly ({ payee?: PayeeLike | null } | null | undefined)[] | null;
}
