/**
 * Who may use each server action, for e2e/action-authz.spec.ts. Keyed
 * "<file>#<export>" as in the build's server-reference manifest; the spec
 * fails for an action without a row (add one when you add an action).
 *
 * A row's `prepare` runs once per visitor, just before the post: it creates
 * the data the request needs (so one visitor's success never spoils the next
 * request), returns the form fields, the page params (route segments such as
 * [number] or [id]) and, where the effect can be read back, a `check` that is
 * true once the action did its job (run for allowed visitors).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../lib/db/client";
import { decide } from "../lib/cases";
import { createRequest } from "../lib/liaison";
import { importRing, importSharedLandline } from "./case-data";
import { sentFreezeRequest } from "./liaison-data";
import type { Role, TestUser } from "./staff-fixtures";

export type Visitor = Role | "anonymous";

export interface ActionContext {
  db: Db;
  users: Record<Role, TestUser>;
  visitor: Visitor;
}

export interface Prepared {
  fields: Record<string, string>;
  params?: Record<string, string>;
  check?: () => Promise<boolean>;
}

export interface ActionRow {
  /** Who may: everyone else must be refused and change nothing. */
  allow: readonly Visitor[];
  /** `form`: action(formData); `state+form`: action(previousState, formData) (useActionState forms). */
  args: "form" | "state+form";
  /** Ends the visitor's session: run after the other actions. */
  endsSession?: boolean;
  prepare: (ctx: ActionContext) => Promise<Prepared>;
}

const EVERYONE = ["anonymous", "liaison", "analyst", "investigator", "admin"] as const;
const CASE_WORKERS = ["investigator", "admin"] as const;
const ADMINS = ["admin"] as const;
/** Liaisons, for requests of their own organisation (users.liaison's). */
const LIAISONS = ["liaison"] as const;
const reason = "e2e action table";

/** A fresh case of `size` reports, its reports in id order, and the form fields every case form carries. */
async function caseWith(db: Db, size: number) {
  const ring = await importRing(db, size);
  const reports = await db.report.findMany({
    where: { externalId: { in: ring.externalIds } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return {
    ring,
    reports: reports.map((r) => r.id),
    base: { locale: "en", number: ring.caseNumber },
    params: { number: ring.caseNumber },
  };
}

const caseOfReport = async (db: Db, id: number) =>
  (await db.report.findUniqueOrThrow({ where: { id }, select: { caseId: true } })).caseId;

/**
 * A fresh case for the liaison panel's actions: a bank, the case's partial
 * bank account, and (with `request`) a freeze request for it, sent or a draft.
 */
async function requestCase(db: Db, users: Record<Role, TestUser>, request?: "sent" | "draft") {
  const c = await caseWith(db, 1);
  const bank = await db.organisation.create({
    data: { name: `E2E Bank ${randomUUID()}`, kind: "bank" },
    select: { id: true },
  });
  const account = await db.identifier.findFirstOrThrow({
    where: { kind: "bank_account_partial", reports: { some: { report: { caseId: c.ring.caseId } } } },
    select: { id: true },
  });
  const made = request
    ? await createRequest(
        db,
        { actor: { id: users.investigator.id, role: "investigator", orgId: null } },
        {
          caseNumber: c.ring.caseNumber,
          orgId: bank.id,
          kind: "freeze_accounts",
          identifierIds: [account.id],
          body: "",
          disclosures: [],
          send: request === "sent",
        },
      )
    : null;
  const status = async () =>
    made
      ? (await db.liaisonRequest.findUnique({ where: { number: made.number }, select: { status: true } }))?.status
      : null;
  return { ...c, bank, account, request: made?.number ?? "", status };
}

/** A user for the admin actions to act on. */
async function target(db: Db) {
  return db.user.create({
    data: { email: `e2e-target-${randomUUID()}@example.test`, role: "investigator", passwordHash: "x" },
    select: { id: true },
  });
}

export const actionTable: Record<string, ActionRow> = {
  "lib/cases/actions.ts#changeStatus": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const c = await caseWith(db, 2);
      return {
        fields: { ...c.base, status: "triage" },
        params: c.params,
        check: async () =>
          (await db.case.findUniqueOrThrow({ where: { id: c.ring.caseId }, select: { status: true } })).status ===
          "triage",
      };
    },
  },
  "lib/cases/actions.ts#assign": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db, users }) => {
      const c = await caseWith(db, 2);
      return {
        fields: { ...c.base, assigneeId: users.investigator.id },
        params: c.params,
        check: async () =>
          (await db.case.findUniqueOrThrow({ where: { id: c.ring.caseId }, select: { assigneeId: true } }))
            .assigneeId === users.investigator.id,
      };
    },
  },
  "lib/cases/actions.ts#note": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const c = await caseWith(db, 2);
      const body = `note ${randomUUID()}`;
      return {
        fields: { ...c.base, body },
        params: c.params,
        check: async () => (await db.caseNote.count({ where: { caseId: c.ring.caseId, body } })) === 1,
      };
    },
  },
  "lib/cases/actions.ts#merge": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const [a, b] = [await caseWith(db, 1), await caseWith(db, 1)];
      return {
        fields: { ...a.base, other: b.ring.caseNumber, reason },
        params: a.params,
        check: async () => (await caseOfReport(db, a.reports[0]!)) === (await caseOfReport(db, b.reports[0]!)),
      };
    },
  },
  "lib/cases/actions.ts#split": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const c = await caseWith(db, 3);
      const moved = c.reports[2]!;
      return {
        fields: { ...c.base, reason, [`split.${moved}`]: "on" },
        params: c.params,
        check: async () => (await caseOfReport(db, moved)) !== c.ring.caseId,
      };
    },
  },
  "lib/cases/actions.ts#detach": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const c = await caseWith(db, 2);
      return {
        fields: { ...c.base, reportId: String(c.reports[1]), reason },
        params: c.params,
        check: async () => (await caseOfReport(db, c.reports[1]!)) !== c.ring.caseId,
      };
    },
  },
  "lib/cases/actions.ts#noLinkReports": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const c = await caseWith(db, 2);
      return {
        fields: { ...c.base, a: String(c.reports[0]), b: String(c.reports[1]), reason },
        params: c.params,
        check: async () => (await caseOfReport(db, c.reports[0]!)) !== (await caseOfReport(db, c.reports[1]!)),
      };
    },
  },
  "lib/cases/actions.ts#noLinkIdentifier": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const c = await caseWith(db, 2);
      const ident = await db.identifier.findFirstOrThrow({
        where: { kind: "phone", value: `+86${c.ring.phone}` },
        select: { id: true },
      });
      return {
        fields: { ...c.base, identifierId: String(ident.id), reason },
        params: c.params,
        check: async () => (await db.matchDecision.count({ where: { identifierId: ident.id, revokedAt: null } })) === 1,
      };
    },
  },
  "lib/cases/actions.ts#decideSharedNumberForm": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const sn = await importSharedLandline(db);
      return {
        fields: {
          locale: "en",
          id: String(sn.sharedNumberId),
          anchor: String(sn.identifierId),
          tab: "held",
          decision: "official",
          label: "E2E shop",
          reason,
        },
        check: async () =>
          (await db.sharedNumber.findUniqueOrThrow({ where: { id: sn.sharedNumberId }, select: { status: true } }))
            .status === "official",
      };
    },
  },
  "lib/cases/actions.ts#undo": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db, users }) => {
      const c = await caseWith(db, 2);
      const { decisionId } = await decide(
        db,
        { actor: { id: users.investigator.id, role: "investigator", orgId: null } },
        { number: c.ring.caseNumber, decision: { type: "detach_report", reportId: c.reports[1]! }, reason },
      );
      // The decision is listed on (and undone from) the page of the case the detached report is in now.
      const { number } = await db.case.findUniqueOrThrow({
        where: { id: (await caseOfReport(db, c.reports[1]!))! },
        select: { number: true },
      });
      return {
        fields: { locale: "en", number, decisionId: String(decisionId), reason },
        params: { number },
        check: async () =>
          (await db.matchDecision.findUniqueOrThrow({ where: { id: decisionId }, select: { revokedAt: true } }))
            .revokedAt !== null,
      };
    },
  },

  "lib/liaison/actions/case-panel.ts#createRequestForm": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db, users }) => {
      const c = await requestCase(db, users);
      return {
        fields: {
          ...c.base,
          orgId: c.bank.id,
          kind: "freeze_accounts",
          [`identifier.${c.account.id}`]: "on",
          body: "e2e action table",
          intent: "send",
        },
        params: c.params,
        check: async () => (await db.liaisonRequest.count({ where: { orgId: c.bank.id, status: "sent" } })) === 1,
      };
    },
  },
  "lib/liaison/actions/case-panel.ts#sendRequestForm": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db, users }) => {
      const c = await requestCase(db, users, "draft");
      return {
        fields: { ...c.base, request: c.request },
        params: c.params,
        check: async () => (await c.status()) === "sent",
      };
    },
  },
  "lib/liaison/actions/case-panel.ts#closeRequestForm": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db, users }) => {
      const c = await requestCase(db, users, "sent");
      return {
        fields: { ...c.base, request: c.request },
        params: c.params,
        check: async () => (await c.status()) === "closed",
      };
    },
  },
  "lib/liaison/actions/case-panel.ts#discardDraftForm": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db, users }) => {
      const c = await requestCase(db, users, "draft");
      return {
        fields: { ...c.base, request: c.request },
        params: c.params,
        check: async () => (await c.status()) === undefined,
      };
    },
  },
  "lib/liaison/actions/case-panel.ts#createFollowUpForm": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db, users }) => {
      const c = await requestCase(db, users, "sent");
      return {
        fields: { ...c.base, orgId: c.bank.id, followUpOf: c.request, [`identifier.${c.account.id}`]: "on" },
        params: c.params,
        check: async () =>
          (await db.liaisonRequest.count({
            where: { followUpOf: { number: c.request }, status: "draft", orgId: c.bank.id },
          })) === 1,
      };
    },
  },

  // The liaison portal: a request sent to the liaison visitor's organisation, fresh for every visitor.
  "lib/liaison/actions/portal.ts#acknowledgeRequestForm": {
    allow: LIAISONS,
    args: "form",
    prepare: async ({ db, users }) => {
      const r = await sentFreezeRequest(db, { orgId: users.liaison.orgId!, investigatorId: users.investigator.id });
      return {
        fields: { locale: "en", number: r.number },
        params: { number: r.number },
        check: async () =>
          (await db.liaisonRequest.findUniqueOrThrow({ where: { number: r.number } })).acknowledgedAt !== null,
      };
    },
  },
  "lib/liaison/actions/portal.ts#answerItemForm": {
    allow: LIAISONS,
    args: "form",
    prepare: async ({ db, users }) => {
      const r = await sentFreezeRequest(db, { orgId: users.liaison.orgId!, investigatorId: users.investigator.id });
      return {
        fields: { locale: "en", number: r.number, itemId: String(r.itemIds[0]), outcome: "not_found", note: reason },
        params: { number: r.number },
        check: async () =>
          (await db.liaisonRequestItem.findUniqueOrThrow({ where: { id: r.itemIds[0]! } })).outcome === "not_found",
      };
    },
  },

  "lib/users/actions.ts#createUserAction": {
    allow: ADMINS,
    args: "state+form",
    prepare: async ({ db }) => {
      const email = `e2e-created-${randomUUID()}@example.test`;
      return {
        fields: { email, name: "Created by e2e", role: "analyst", password: "" },
        check: async () => (await db.user.count({ where: { email } })) === 1,
      };
    },
  },
  "lib/users/actions.ts#createOrganisationAction": {
    allow: ADMINS,
    args: "state+form",
    prepare: async ({ db }) => {
      const name = `E2E Org ${randomUUID()}`;
      return {
        fields: { name, kind: "platform" },
        check: async () => (await db.organisation.count({ where: { name } })) === 1,
      };
    },
  },
  "lib/users/actions.ts#setUserDisabledAction": {
    allow: ADMINS,
    args: "state+form",
    prepare: async ({ db }) => {
      const u = await target(db);
      return {
        fields: { userId: u.id, disabled: "true" },
        params: { id: u.id },
        check: async () => (await db.user.findUniqueOrThrow({ where: { id: u.id } })).disabled,
      };
    },
  },
  "lib/users/actions.ts#changeUserRoleAction": {
    allow: ADMINS,
    args: "state+form",
    prepare: async ({ db }) => {
      const u = await target(db);
      return {
        fields: { userId: u.id, role: "analyst" },
        params: { id: u.id },
        check: async () => (await db.user.findUniqueOrThrow({ where: { id: u.id } })).role === "analyst",
      };
    },
  },
  "lib/users/actions.ts#resetPasswordAction": {
    allow: ADMINS,
    args: "state+form",
    prepare: async ({ db }) => {
      const u = await target(db);
      return {
        fields: { userId: u.id, password: "" },
        params: { id: u.id },
        check: async () => (await db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash !== "x",
      };
    },
  },
  "lib/users/actions.ts#endUserSessionsAction": {
    allow: ADMINS,
    args: "state+form",
    prepare: async ({ db }) => {
      const u = await target(db);
      const session = await db.session.create({
        data: { userId: u.id, tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 3_600_000) },
        select: { id: true },
      });
      return {
        fields: { userId: u.id },
        params: { id: u.id },
        check: async () =>
          (await db.session.findUniqueOrThrow({ where: { id: session.id }, select: { revokedAt: true } })).revokedAt !==
          null,
      };
    },
  },
  "lib/users/actions.ts#updateOrganisationAction": {
    allow: ADMINS,
    args: "state+form",
    prepare: async ({ db }) => {
      const org = await db.organisation.create({
        data: { name: `E2E Org ${randomUUID()}`, kind: "other" },
        select: { id: true, name: true },
      });
      return {
        fields: { orgId: org.id, name: org.name, kind: "bank", platformId: "", "rk.bank:ICBC": "on", extraKeys: "" },
        params: { id: org.id },
        check: async () =>
          (
            await db.organisation.findUniqueOrThrow({ where: { id: org.id }, select: { routeKeys: true } })
          ).routeKeys.includes("bank:ICBC"),
      };
    },
  },

  // The case page's routing section (components/liaison/case-routing.tsx).
  "lib/liaison/actions/routing.ts#setIdentifierRouteForm": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const c = await caseWith(db, 2);
      const ident = await db.identifier.findFirstOrThrow({
        where: { kind: "phone", value: `+86${c.ring.phone}` },
        select: { id: true },
      });
      const org = await db.organisation.create({
        data: { name: `E2E Telecom ${randomUUID()}`, kind: "telecom" },
        select: { id: true },
      });
      return {
        fields: { ...c.base, identifierId: String(ident.id), orgId: org.id },
        params: c.params,
        check: async () =>
          (await db.identifierRoute.findUnique({ where: { identifierId: ident.id }, select: { orgId: true } }))
            ?.orgId === org.id,
      };
    },
  },

  // A leak signal (five victims of a ring named one shop as leaked) becomes a data-leak notice to the shop's organisation.
  "lib/liaison/actions/signals.ts#createLeakNoticeForm": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const ring = await importRing(db, 5);
      const { id: platformId } = await db.platform.findFirstOrThrow({
        where: { name: ring.platform },
        select: { id: true },
      });
      await db.organisation.create({ data: { name: `${ring.platform} Ltd`, kind: "platform", platformId } });
      return {
        fields: { locale: "en", platformId: String(platformId) },
        check: async () =>
          (await db.liaisonRequest.count({ where: { platformId, kind: "data_leak_notice", status: "sent" } })) === 1,
      };
    },
  },

  // Public: anyone may try to sign in (a wrong password is an answer, not a refusal) or send a report.
  "lib/auth/actions.ts#signInAction": {
    allow: EVERYONE,
    args: "state+form",
    prepare: async () => ({
      fields: { locale: "en", email: `nobody-${randomUUID()}@example.test`, password: "not-the-password-1" },
    }),
  },
  "lib/lookup/actions.ts#createApiKeyAction": {
    allow: ADMINS,
    args: "state+form",
    prepare: async ({ db }) => {
      const name = `E2E key ${randomUUID()}`;
      return {
        fields: { name, organisation: "", ratePerMinute: "60" },
        check: async () => (await db.apiKey.count({ where: { name } })) === 1,
      };
    },
  },
  "lib/lookup/actions.ts#revokeApiKeyAction": {
    allow: ADMINS,
    args: "state+form",
    prepare: async ({ db }) => {
      const key = await db.apiKey.create({
        data: { name: `E2E key ${randomUUID()}`, keyHash: randomUUID(), prefix: "lk_e2e" },
        select: { id: true },
      });
      return {
        fields: { id: key.id },
        check: async () =>
          (await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { revokedAt: true } })).revokedAt !==
          null,
      };
    },
  },

  "lib/auth/actions.ts#signOutAction": {
    allow: EVERYONE,
    args: "form",
    endsSession: true,
    prepare: async () => ({ fields: { locale: "en" } }),
  },
  // Ends the caller's own sessions only; without a session there is nothing to end.
  "lib/auth/actions.ts#signOutEverywhereAction": {
    allow: EVERYONE,
    args: "form",
    endsSession: true,
    prepare: async () => ({ fields: { locale: "en" } }),
  },
  // The case page's bulletins section (components/victims/case-bulletins.tsx).
  "lib/victims/actions.ts#postBulletinForm": {
    allow: CASE_WORKERS,
    args: "form",
    prepare: async ({ db }) => {
      const c = await caseWith(db, 2);
      const bodyEn = `bulletin ${randomUUID()}`;
      return {
        fields: { ...c.base, bodyZh: "", bodyEn },
        params: c.params,
        check: async () => (await db.caseBulletin.count({ where: { caseId: c.ring.caseId, bodyEn } })) === 1,
      };
    },
  },
  // The status page's "add information" form: public, but it adds only to the report the
  // visitor is signed in to with reference + PIN. Nobody here is, so it must change nothing,
  // whatever report id the form names.
  "lib/victims/actions.ts#addInformationForm": {
    allow: EVERYONE,
    args: "state+form",
    prepare: async ({ db }) => {
      const c = await caseWith(db, 1);
      const reportId = c.reports[0]!;
      const links = () => db.reportIdentifier.count({ where: { reportId } });
      const before = await links();
      return {
        fields: {
          reportId: String(reportId),
          "contacts.0.kind": "phone",
          "contacts.0.value": "13800138000",
          "payments.0.amount": "100",
          "payments.0.payeeValue": "6222020200112233445",
        },
        // Any page that loads lib/victims/actions.ts will do (the case page does; the status page once merged).
        params: c.params,
        check: async () => (await db.reportAddition.count({ where: { reportId } })) === 0 && (await links()) === before,
      };
    },
  },
  "lib/reports/actions.ts#submitReportAction": {
    allow: EVERYONE,
    args: "state+form",
    // An empty form: answered with field errors, nothing stored.
    prepare: async () => ({ fields: { locale: "en" } }),
  },
  // Victims' status page: public (a reference + PIN is the credential).
  "lib/victims/status-actions.ts#statusSignInAction": {
    allow: EVERYONE,
    args: "state+form",
    // An unknown reference: answered "wrong", no session opened.
    prepare: async () => ({ fields: { locale: "en", reference: "R-2099-999999", pin: "00000000" } }),
  },
  // Ends the caller's own status session only; without one there is nothing to end.
  "lib/victims/status-actions.ts#statusSignOutAction": {
    allow: EVERYONE,
    args: "form",
    prepare: async () => ({ fields: { locale: "en" } }),
  },
};
