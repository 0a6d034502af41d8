/**
 * The digest prefix of DatabaseUnavailableError. Client-safe (the error
 * pages read it): the rest of the digest is the failing request's id.
 */
export const DATABASE_UNAVAILABLE_DIGEST = "casework-db-unavailable:";
