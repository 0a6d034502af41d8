/**
 * lib/liaison — requests from investigators to organisations (banks, payment
 * companies, shops, couriers, telecoms, internet companies, registrars) and
 * their answers: the module's one public entry (docs/decisions/0012-liaison-requests.md).
 *
 *   shared.ts    client-safe vocabulary (kinds, statuses, outcomes, disclosures)
 *   requests.ts  investigators: create (pre-filled from the case), send, close, discard
 *   answers.ts   liaisons: acknowledge, answer per identifier (own organisation only)
 *   views.ts     inbox and request pages (liaisons), a case's requests (staff)
 *   attachments.ts  answers with an uploaded file; the attachment download
 *   portal-params.ts  the portal's URLs: inbox filters, request number, outcome banner
 *   case-money.ts, victim-lines.ts  what a request shares, computed once at send
 *   case-panel.ts, follow-ups.ts   the case page's requests panel: one creation step
 *                per organisation (routing), suggested follow-up freezes
 *   performance.ts  per organisation: sent, median times to acknowledge and answer
 *
 * Services: `service(db, ctx, input)`; each checks its permission itself and
 * reaches a request only through its case (staff) or its organisation (liaisons).
 */
import "server-only";

export * from "./shared";
export { createRequest, sendRequest, closeRequest, discardDraft, type CreateRequestInput } from "./requests";
export { acknowledgeRequest, answerItem, type AnswerAttachment, type AnswerItemInput } from "./answers";
export {
  listInbox,
  inboxCounts,
  getInboxRequest,
  listCaseRequests,
  getStaffRequest,
  INBOX_PAGE,
  type InboxFilter,
  type InboxRow,
  type RequestView,
  type RequestItemView,
} from "./views";
export {
  answerItemWithAttachment,
  answerAttachmentForDownload,
  AttachmentError,
  type AttachmentErrorCode,
} from "./attachments";
export * from "./portal-params";
export { LiaisonError, liaisonErrorCodes, type LiaisonErrorCode } from "./errors";
export type { SharedVictim } from "./victim-lines";
// The case page's liaison panel and the staff performance view.
export {
  caseRequestPanel,
  type CasePanel,
  type PanelFollowUp,
  type PanelGroup,
  type PanelIdentifier,
  type PanelOrg,
} from "./case-panel";
export { requestBannerOf, type RequestBanner } from "./request-form";
export { followUpSuggestions, type FollowUpSuggestion } from "./follow-ups";
export { liaisonPerformance, type OrgPerformance } from "./performance";
export {
  listLeakSignals,
  leakSignalSettings,
  MAX_CASES,
  type LeakSignal,
  type LeakSignalCourier,
  type LeakSignalOptions,
} from "./signals";
export { createLeakNotice, SignalError, signalErrorCodes, type SignalErrorCode } from "./leak-notice";
