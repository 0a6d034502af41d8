import "server-only";
import { contactKinds } from "@/lib/vocab";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { normaliseContact, normalisePayee, parsePhone, type IdentifierKind } from "@/lib/matching";
import { NotFoundError } from "@/lib/errors";
import { reclusterRegion } from "../store/region";
import { lockAllMatching } from "../store/locks";
import { reportsCovered } from "../store/warning-list";
import type { Tx } from "../store/types";
import { CaseError } from "./errors";

export interface WarningInput {
  kind: IdentifierKind;
  match: "exact" | "prefix";
  value: string;
  label: string;
}

// Contact kinds with a normaliser of their own ("other" is sniffed).
const CONTACT_KINDS = new Set<string>(contactKinds.filter((k) => k !== "other"));

/** What the admin typed ("95311", "www.Example.com/x") → the value the normaliser produces. */
export function canonicalWarningValue(kind: IdentifierKind, match: "exact" | "prefix", raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  if (kind === "phone") {
    if (match === "prefix") {
      const digits = v.replace(/\D/g, "").replace(/^(0086|86)/, "");
      return digits ? `+86${digits}` : null;
    }
    return parsePhone(v)?.e164 ?? null;
  }
  if (match === "prefix") return v;
  const payeeKind = kind === "bank_account_partial" ? "bank_account" : kind;
  const id = CONTACT_KINDS.has(kind) ? normaliseContact(kind, v) : normalisePayee({ kind: payeeKind, value: v });
  // A value read as another kind ("13812345678" as a QQ number is a phone) is
  // stored as that kind, so an entry of this kind would never match it.
  return id?.kind === kind ? id.value : null;
}

interface Entry {
  id: number;
  kind: IdentifierKind;
  match: "exact" | "prefix";
  value: string;
  label: string;
}

/** After an entry is added or removed: re-cluster the reports it covers, and audit. */
async function applyEntryChange(tx: Tx, ctx: ServiceContext, entry: Entry, verb: "add" | "remove") {
  const seed = await reportsCovered(tx, entry);
  const { touched: _, ...summary } = await reclusterRegion(tx, seed, {
    cause: `warning-list:${verb}:${entry.id}`,
    actorId: ctx.actor.id,
  });
  await recordAudit(tx, {
    actorId: ctx.actor.id,
    action: `warning-list.${verb}`,
    resourceType: "warning-list",
    resourceId: String(entry.id),
    ip: ctx.ip,
    detail: { kind: entry.kind, match: entry.match, value: entry.value, label: entry.label, reports: seed.length },
  });
  return { entry, reports: seed.length, summary };
}

/**
 * Adds a warning-list entry (an official hotline, a platform's service
 * number…) and re-clusters the reports it covers: cases joined only by it come
 * apart. Needs manage:warning-list:any; audited.
 */
export async function addWarningEntry(db: Db, ctx: ServiceContext, input: WarningInput) {
  const { actor } = ctx;
  assertCan(actor, "manage:warning-list:any");
  const value = canonicalWarningValue(input.kind, input.match, input.value);
  if (!value) throw new CaseError("invalidIdentifier");
  return db.$transaction(
    async (tx) => {
      await lockAllMatching(tx);
      const exists = await tx.warningListEntry.findUnique({
        where: { kind_match_value: { kind: input.kind, match: input.match, value } },
        select: { id: true },
      });
      if (exists) throw new CaseError("duplicateEntry");
      const entry = await tx.warningListEntry.create({
        data: { kind: input.kind, match: input.match, value, label: input.label.trim(), createdById: actor.id },
        select: { id: true, kind: true, match: true, value: true, label: true },
      });
      return applyEntryChange(tx, ctx, entry, "add");
    },
    { timeout: 120_000 },
  );
}

/** Removes an entry; reports it kept apart may join again. Needs manage:warning-list:any; audited. */
export async function removeWarningEntry(db: Db, ctx: ServiceContext, input: { id: number }) {
  const { actor } = ctx;
  assertCan(actor, "manage:warning-list:any");
  return db.$transaction(
    async (tx) => {
      await lockAllMatching(tx);
      const entry = await tx.warningListEntry.findUnique({
        where: { id: input.id },
        select: { id: true, kind: true, match: true, value: true, label: true },
      });
      if (!entry) throw new NotFoundError("warning entry");
      await tx.warningListEntry.delete({ where: { id: input.id } });
      return applyEntryChange(tx, ctx, entry, "remove");
    },
    { timeout: 120_000 },
  );
}
