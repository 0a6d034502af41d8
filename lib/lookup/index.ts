/**
 * lib/lookup — the public risk lookup (issue 10): is this number, account,
 * QQ/WeChat id or URL known? One public entry (server-only):
 *
 *   parse.ts       typed text → readings, with the matcher's normalisers (pure)
 *   service.ts     lookupIdentifier(db, input, now) → LookupAnswer
 *   rate-limit.ts  per address (page) and per key (API) limits
 *   api-keys.ts    keys for GET /api/lookup: issue, list, revoke, verify
 *   actions.ts     the admin page's server actions ("@/lib/lookup/actions")
 *   types.ts       the answer's shape (client-safe)
 */
import "server-only";

export { lookupIdentifier, forgetWarningListCache } from "./service";
export { readingsOf, MAX_QUERY_LENGTH } from "./parse";
export * from "./types";
export { takePageLookup, takeApiLookup, takeKeyedApiLookup, type Allowance } from "./rate-limit";
export { createApiKey, listApiKeys, revokeApiKey, verifyApiKey, type ApiKeySummary } from "./api-keys";
