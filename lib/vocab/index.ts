/**
 * Shared vocabulary, the bottom layer every domain may import: choice lists,
 * money in integer minor units, public reference numbers. Pure (no Next.js,
 * database or server-only imports), so the browser form and the matcher use it too.
 */
export * from "./choices";
export * from "./money";
export * from "./numbers";
export * from "./currency";
export * from "./dates";
export * from "./text";
export * from "./search-params";
