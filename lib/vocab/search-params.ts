/** A page's query string as Next.js passes it: a name may be absent, once or repeated. */
export type SearchParamValue = string | string[] | undefined;
export type SearchParams = Record<string, SearchParamValue>;

/** The first value of a query parameter (a repeated `?a=1&a=2` counts as its first). */
export const firstParam = (v: SearchParamValue): string | undefined => (Array.isArray(v) ? v[0] : v);
