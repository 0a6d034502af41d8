/**
 * Configuration, read and validated once. Every variable is listed in
 * .env.example; nothing else in the code reads process.env for settings.
 */
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** postgres://… for a real server; unset means the embedded PGlite under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().default("data"),
  /** Evidence files; outside public/ and never served without authorisation. */
  EVIDENCE_DIR: z.string().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Accepted reports per IP per window before the form answers 429. */
  REPORT_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  REPORT_RATE_WINDOW_MINUTES: z.coerce.number().int().positive().default(60),
  MAX_EVIDENCE_FILES: z.coerce.number().int().positive().max(50).default(10),
  MAX_EVIDENCE_MB: z.coerce.number().positive().max(50).default(10),
  /** Take the client IP from X-Forwarded-For (only behind a proxy you run). */
  TRUST_PROXY: bool,
  /** Secret for hashing IPs and signing; generated into DATA_DIR when unset. */
  APP_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Signs staff session cookies; derived from APP_SECRET when unset (lib/auth/secret.ts). */
  AUTH_SECRET: z
    .string()
    .min(32)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** First start on an empty database: the admin account to create. */
  ADMIN_EMAIL: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Its password (12+ characters); when unset one is generated and printed once. */
  ADMIN_PASSWORD: z
    .string()
    .min(12)
    .max(200)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Failed sign-ins per account, and per client address, within the window before sign-in is refused. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  LOGIN_THROTTLE_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /** Staff sessions end this many hours after sign-in. */
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /**
   * The case board's platform filter offers known platforms (curated, or linked
   * to an organisation) and names typed in at least this many reports; any
   * other name is still found by the board's search.
   */
  PLATFORM_FILTER_MIN_REPORTS: z.coerce.number().int().positive().max(10_000).default(5),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change variables between cases. */
export function resetEnvCache() {
  cached = undefined;
}
