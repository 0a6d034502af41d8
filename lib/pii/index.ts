/**
 * Victim personal data at rest (docs/decisions/0015-pii-encryption.md): the
 * services that write Report.victimName / victimPhone / narrative and
 * LiaisonRequest.sharedVictims seal them here, and those that show them open
 * them here. Nothing else reads those columns. Searching them goes through
 * keyed hashes (Report.victimKey, Report.victimNameKey), never through these.
 */
import { decryptWith, encryptWith, isEncrypted, PiiKeyMissingError, type PiiField } from "./cipher";
import { piiKeys, refreshKeysFor } from "./keys";

export { PiiDecryptError, PiiKeyMissingError, isEncrypted, type PiiField } from "./cipher";
export { rewrapAll, encryptPlainRows, keyCensus, type RewrapCounts } from "./rewrap";
export { addFileKey, generatedKeyFile, keepFileKeys, keyFile, keysFromEnv, piiKeys, resetPiiKeys } from "./keys";
export { newKeyEntry } from "./cipher";

export function sealPii(field: PiiField, plain: string): string {
  return encryptWith(piiKeys(), field, plain);
}

export function openPii(field: PiiField, stored: string): string {
  try {
    return decryptWith(piiKeys(), field, stored);
  } catch (e) {
    // The key file may have gained a key since this process read it (rotation).
    if (e instanceof PiiKeyMissingError && refreshKeysFor(e.keyId)) return decryptWith(piiKeys(), field, stored);
    throw e;
  }
}

interface VictimFields {
  victimName: string;
  victimPhone: string;
  narrative: string;
}

/** The three columns of a report as stored. */
export function sealVictim<T extends Partial<VictimFields>>(v: T): T {
  const out = { ...v };
  if (v.victimName !== undefined) out.victimName = sealPii("Report.victimName", v.victimName);
  if (v.victimPhone !== undefined) out.victimPhone = sealPii("Report.victimPhone", v.victimPhone);
  if (v.narrative !== undefined) out.narrative = sealPii("Report.narrative", v.narrative);
  return out;
}

/** A selected report row with whichever of the three columns it has opened. */
export function openVictim<T extends Partial<VictimFields>>(r: T): T {
  const out = { ...r };
  if (typeof r.victimName === "string") out.victimName = openPii("Report.victimName", r.victimName);
  if (typeof r.victimPhone === "string") out.victimPhone = openPii("Report.victimPhone", r.victimPhone);
  if (typeof r.narrative === "string") out.narrative = openPii("Report.narrative", r.narrative);
  return out;
}

/** A JSON value (the shared-victims snapshot) as one encrypted JSON string; an empty list stays []. */
export function sealJson(field: PiiField, value: unknown): unknown {
  if (Array.isArray(value) && value.length === 0) return [];
  return sealPii(field, JSON.stringify(value));
}

/** The inverse of sealJson; a value stored before encryption comes back as it is. */
export function openJson(field: PiiField, stored: unknown): unknown {
  if (typeof stored === "string" && isEncrypted(stored)) return JSON.parse(openPii(field, stored));
  return stored;
}
