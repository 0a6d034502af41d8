/**
 * The API-key admin forms' schemas, shared by the browser form and the server
 * actions. Messages are keys under "errors.*".
 */
import { z } from "zod";

export const MAX_KEY_RATE_PER_MINUTE = 100_000;

const str = () => z.string({ error: "required" }).trim();

export const createApiKeySchema = z.object({
  name: str().min(1, "required").max(100, "tooLong"),
  organisation: str().max(200, "tooLong").default(""),
  ratePerMinute: z.coerce
    .number({ error: "invalid" })
    .int("invalid")
    .min(1, "invalid")
    .max(MAX_KEY_RATE_PER_MINUTE, "invalid")
    .default(600),
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({
  id: str()
    .min(1, "required")
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "invalid"),
});
export type RevokeApiKeyInput = z.output<typeof revokeApiKeySchema>;
