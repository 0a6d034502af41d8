/**
 * The liaison area's server actions, one file per face (each "use server"):
 * the case page's routing overrides and request panel (investigators), the
 * portal's acknowledge/answer (liaisons) and the signals page's leak notice.
 * Components import them from here.
 */
export { setIdentifierRouteForm } from "./routing";
export {
  createRequestForm,
  createFollowUpForm,
  sendRequestForm,
  closeRequestForm,
  discardDraftForm,
} from "./case-panel";
export { acknowledgeRequestForm, answerItemForm } from "./portal";
export { createLeakNoticeForm } from "./signals";
