import { env } from "@/lib/env";
import { additionSchemaWith } from "./addition-schema";

/**
 * The addition schema with the configured row limit (ADDITION_MAX_ROWS), for
 * the server action and the service; the limits on how often a report may be
 * added to are read in lib/victims/additions.ts.
 */
export const configuredAdditionSchema = additionSchemaWith(() => env().ADDITION_MAX_ROWS);
