/**
 * Pure matching: raw victim input -> canonical identifiers -> clusters of
 * reports. No database, framework or filesystem access; see README-style
 * notes at the top of each file.
 */
export * from "./types";
export { fold, isJunk } from "./text";
export { parsePhone, normalisePhone, type ParsedPhone, type PhoneType } from "./phone";
export { BANKS, bankFromBin, bankFromName, luhnValid } from "./banks";
export { normaliseBankAccount, holderKey, type BankAccountInput } from "./bank-account";
export { parseUrl, normaliseUrl, HUB_HOSTS, HUB_DOMAINS, HUB_QUERY_KEYS, type ParsedUrl } from "./url";
export {
  normaliseQq,
  normaliseQqGroup,
  normaliseWechat,
  normaliseEmail,
  parseEmail,
  normaliseAlipay,
  normaliseGiftCard,
  normaliseMerchant,
  merchantKey,
} from "./accounts";
export {
  normaliseContact,
  normaliseContactValues,
  normalisePayee,
  normalisePayeeValues,
  extractIdentifiers,
  sniff,
  type ExtractOptions,
} from "./normalise";
export { identityMeta, ENTERED_AS } from "./infer";
export { bridgesOf, bridgeKeys, canBridge, deriveIdentifierEdges, type Bridge, type BridgeRole } from "./bridges";
export {
  SEED_WARNING_LIST,
  isWarningListed,
  compileWarningList,
  isLinkable,
  type WarningListEntry,
  type WarningMatch,
} from "./warning-list";
export {
  buildMatchGraph,
  buildDenseIndex,
  type MatchGraph,
  type GraphInput,
  type EdgeInput,
  type ReportIdentifierEdge,
  type DenseIndex,
} from "./graph";
export {
  clusterReports,
  clusterGraph,
  type ClusterInput,
  type ClusterOptions,
  type ClusterResult,
  type LinkDecisions,
} from "./cluster";
export {
  explainCluster,
  explainReport,
  type ClusterExplanation,
  type ClusterIdentifierStat,
  type ReportExplanation,
  type PathNode,
} from "./explain";
export { scorePairs, pairErrors, type PairScore, type PairErrors } from "./score";
export {
  parseInterchangeLine,
  parseInterchangeJsonl,
  SCAM_TYPES,
  PLATFORM_ROLES,
  type InterchangeReport,
  type InterchangeContact,
  type InterchangePayment,
  type ParsedLine,
  type ParsedFile,
  type ScamType,
  type PlatformRole,
} from "./interchange";
export {
  findSharedNumbers,
  sharedNumberRole,
  PHONE_TYPES,
  DEFAULT_SHARED_NUMBER_OPTIONS,
  type SharedNumberFinding,
  type SharedNumberInput,
  type SharedNumberOptions,
} from "./shared-numbers";
export { matchReports, type BatchReport, type BatchOptions, type BatchResult } from "./pipeline";
