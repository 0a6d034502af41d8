/**
 * Configuration, read and validated once. Every variable is listed in
 * .env.example; nothing else in the code reads process.env for settings.
 */
import proxyaddr from "proxy-addr";
import { z } from "zod";
// Relative: prisma.config.ts loads this file without the "@/" alias.
import { parseKeyring, type Keyring } from "../pii/cipher";

/**
 * A list of URLs separated by commas or spaces; `check` keeps each (as the
 * value it returns) or names what is wrong with it.
 */
function urlList(check: (url: URL | undefined, raw: string) => { value: string } | { error: string }) {
  return z
    .string()
    .optional()
    .transform((v, ctx) =>
      (v ?? "")
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((raw) => {
          const r = check(URL.canParse(raw) ? new URL(raw) : undefined, raw);
          if ("error" in r) ctx.addIssue({ code: "custom", message: r.error });
          return "value" in r ? r.value : raw;
        }),
    );
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** postgres://… for a real server; unset means the embedded PGlite under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().default("data"),
  /**
   * Streaming standbys for the heavy read pages (board, dashboard, search,
   * lookup; ADR 0014): postgres:// URLs, comma-separated. None: every read on
   * DATABASE_URL. Ignored without DATABASE_URL (the embedded database has none).
   */
  DATABASE_REPLICA_URLS: urlList((url, raw) =>
    url && /^postgres(ql)?:$/.test(url.protocol) ? { value: raw } : { error: "a replica URL is not postgres://…" },
  ),
  /**
   * The primary itself for migrations (`npm start`, `npm run db:migrate`) when
   * DATABASE_URL goes through PgBouncer: prisma migrate holds a session-level
   * advisory lock, which transaction pooling leaks (docs/operations.md).
   */
  DATABASE_MIGRATION_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /**
   * The primary: a request gives up on a new connection (or a free one from
   * the pool) after this long and answers 503 "please try again", rather than
   * hanging until TCP gives up on a host that drops packets (minutes).
   */
  DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  /** A replica that has not accepted a connection (or freed one from its pool) within this long counts as unreachable. */
  DATABASE_REPLICA_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  /**
   * A replica further behind the primary than this has its reads answered by
   * the primary until it catches up (0: never checked). Checked every few
   * seconds while reads go to it (lib/db/replica-lag.ts).
   */
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** A replica that could not be reached is left alone (its reads on the primary) for this long, then tried again. */
  DATABASE_REPLICA_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** After a staff mutation, that user's replica reads go to the primary for this long (0 = never). */
  READ_PRIMARY_AFTER_WRITE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),

  /** Evidence files; outside public/ and never served without authorisation. */
  EVIDENCE_DIR: z.string().optional(),
  // --- Evidence storage (docs/decisions/0013-evidence-storage.md) ---
  /** local: files under EVIDENCE_DIR (one server); s3: S3-compatible object storage shared by several servers. */
  EVIDENCE_STORAGE: z.enum(["local", "s3"]).default("local"),
  /** The S3 API's address (MinIO, Ceph, a cloud's S3 endpoint); unset: AWS S3 of S3_REGION. */
  S3_ENDPOINT: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  S3_REGION: z.string().min(1).default("us-east-1"),
  /** Both, or neither (then the SDK's default chain: instance role, AWS_* variables, ~/.aws). */
  S3_ACCESS_KEY_ID: z
    .string()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  S3_SECRET_ACCESS_KEY: z
    .string()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Path-style URLs (endpoint/bucket/key): MinIO and most self-hosted servers need them. */
  S3_FORCE_PATH_STYLE: z
    .enum(["1", "true", "yes", "0", "false", "no", ""])
    .default("")
    .transform((v) => ["1", "true", "yes"].includes(v)),
  /** Server-side encryption asked for every object; "none" for servers that refuse the header. */
  S3_SSE: z.enum(["AES256", "aws:kms", "none"]).default("AES256"),
  /** With S3_SSE=aws:kms: the KMS key (unset: the bucket's or account's default key). */
  S3_SSE_KMS_KEY_ID: z
    .string()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Folder of pg_dump/pg_restore for `npm run backup`/`restore` on PostgreSQL; unset: found on PATH. */
  PG_BIN: z.string().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  /**
   * Web server processes `npm start` runs on PORT (node:cluster): one per core
   * is the usual choice on PostgreSQL. Nothing lives in one process (ADR 0013),
   * so they share the work as separate servers would.
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Accepted reports per IP per window before the form answers 429. */
  REPORT_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  REPORT_RATE_WINDOW_MINUTES: z.coerce.number().int().positive().default(60),
  /** Public risk lookups (page) per IP per window before 429 (lib/lookup). */
  LOOKUP_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  LOOKUP_RATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  MAX_EVIDENCE_FILES: z.coerce.number().int().positive().max(50).default(10),
  MAX_EVIDENCE_MB: z.coerce.number().positive().max(50).default(10),
  // --- HTTP boundary (docs/decisions/0010-http-boundary.md) ---
  /**
   * Reverse proxies whose X-Forwarded-For / -Proto / -Host count: addresses or
   * CIDRs, comma-separated (proxy-addr names loopback, linklocal, uniquelocal
   * too). "1"/"true"/"yes" means "loopback"; unset or "0" trusts nobody.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const raw = (v ?? "").trim().toLowerCase();
      if (["", "0", "false", "no"].includes(raw)) return [];
      const list = ["1", "true", "yes"].includes(raw) ? ["loopback"] : raw.split(/[\s,]+/).filter(Boolean);
      try {
        proxyaddr.compile(list);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: `not an address, CIDR or proxy-addr name (${(e as Error).message})` });
      }
      return list;
    }),
  /** Further origins whose form posts are accepted, comma-separated (e.g. a second host name). */
  ALLOWED_ORIGINS: urlList((url, raw) =>
    url && /^https?:$/.test(url.protocol) && url.origin === raw.replace(/\/$/, "")
      ? { value: url.origin }
      : { error: `"${raw}" is not an origin like https://host[:port]` },
  ),
  /** Secret for hashing IPs and signing; generated into DATA_DIR when unset. */
  APP_SECRET: z.string().min(32).optional(),
  /**
   * Keys for victim personal data at rest (docs/operations.md, "Encryption of
   * victim data"): "id:base64,id:base64", 32-byte keys, the first encrypts and
   * all decrypt. Unset: one is generated into DATA_DIR/pii-keys.
   */
  PII_ENCRYPTION_KEYS: z
    .string()
    .optional()
    .transform((v, ctx): Keyring | undefined => {
      if (!v?.trim()) return undefined;
      try {
        return parseKeyring(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return undefined;
      }
    }),
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
  /**
   * Staff sign-in throttling (ADR 0008). Failed sign-ins per client address, and per
   * (account, address), within the window before that address is refused.
   */
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  LOGIN_MAX_FAILURES_PER_ACCOUNT_IP: z.coerce.number().int().positive().default(5),
  LOGIN_THROTTLE_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /**
   * Per account, from addresses it has never signed in from: after this many failures
   * within LOGIN_ACCOUNT_WINDOW_HOURS each further attempt must wait
   * BASE·2^(failures−N) seconds after the last one, at most MAX seconds.
   */
  LOGIN_ACCOUNT_DELAY_AFTER_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_ACCOUNT_DELAY_BASE_SECONDS: z.coerce.number().int().positive().default(2),
  LOGIN_ACCOUNT_DELAY_MAX_SECONDS: z.coerce.number().int().positive().default(300),
  LOGIN_ACCOUNT_WINDOW_HOURS: z.coerce.number().int().positive().default(24),
  /** An address the account signed in from within this many days is familiar: no account delay there. */
  LOGIN_KNOWN_ADDRESS_DAYS: z.coerce.number().int().positive().default(30),
  /**
   * Database concurrency (ADR 0007). Interactive transactions wait up to
   * DB_TRANSACTION_MAX_WAIT_SECONDS for a connection and their turn (the
   * embedded database runs one at a time), then may run for
   * DB_TRANSACTION_TIMEOUT_SECONDS. The embedded server disconnects a client
   * idle inside a transaction for EMBEDDED_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS
   * and rolls it back, so a stuck tool cannot hold everyone up (0 = never).
   */
  DB_TRANSACTION_MAX_WAIT_SECONDS: z.coerce.number().positive().max(3600).default(120),
  DB_TRANSACTION_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(60),
  EMBEDDED_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  /** Staff sessions end this many hours after sign-in… */
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** …or after this many minutes without a request. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 60 * 30)
    .default(60),
  /**
   * The public address of the app (scheme, host and port, no path), used for
   * Auth.js (its AUTH_URL) and any absolute URL. Default http://localhost:PORT.
   */
  APP_URL: z
    .string()
    .url()
    .refine((v) => /^https?:$/.test(new URL(v).protocol) && ["", "/"].includes(new URL(v).pathname), {
      message: "must be http(s)://host[:port] without a path",
    })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /**
   * The case board's platform filter offers known platforms (curated, or linked
   * to an organisation) and names typed in at least this many reports; any
   * other name is still found by the board's search.
   */
  PLATFORM_FILTER_MIN_REPORTS: z.coerce.number().int().positive().max(10_000).default(5),
  // --- Liaison requests (docs/decisions/0012-liaison-requests.md) ---
  /** Hours an organisation has to answer, per kind of request: freezes are urgent. */
  REQUEST_DUE_HOURS_FREEZE: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 365)
    .default(24),
  REQUEST_DUE_HOURS_BLOCK: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 365)
    .default(24 * 7),
  REQUEST_DUE_HOURS_TAKE_DOWN: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 365)
    .default(24 * 7),
  REQUEST_DUE_HOURS_LEAK: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 365)
    .default(24 * 7),
  REQUEST_DUE_HOURS_INFORMATION: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 365)
    .default(24 * 7),
  // --- Export letterhead (docs/liaison-exports.md) ---
  /** The police unit named on request letters and case files, and as the MISP event's creator. */
  UNIT_NAME: z.string().trim().min(1).max(100).default("反诈中心"),
  UNIT_NAME_EN: z.string().trim().min(1).max(150).default("Anti-Fraud Centre"),
  UNIT_ADDRESS: z.string().trim().max(200).default(""),
  UNIT_PHONE: z.string().trim().max(50).default(""),
  // --- Over-correlation guard (docs/decisions/0011-shared-numbers.md) ---
  /** "off" only to measure what the guard costs or changes: numbers already held stay held. */
  SHARED_NUMBER_GUARD: z.enum(["on", "off"]).default("on"),
  /** Separate groups of reports a landline, 400/800 or other non-mobile number must tie together to be held. */
  SHARED_NUMBER_MIN_GROUPS: z.coerce.number().int().min(2).max(1000).default(2),
  /** The same for mobiles and foreign numbers; their groups need contact points of their own. */
  SHARED_NUMBER_MIN_GROUPS_STRICT: z.coerce.number().int().min(2).max(1000).default(3),
  /**
   * Cases up to this many reports are checked after every report that joins
   * them; bigger ones each time they grow by a tenth (a full check of a huge
   * case on every report would slow the form down). `npm run recluster` checks all.
   */
  SHARED_NUMBER_CHECK_MAX_REPORTS: z.coerce.number().int().min(0).max(1_000_000).default(200),
  // --- Liaison mail (docs/liaison-mail.md) ---
  /**
   * smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 (TLS from
   * the start); query parameters are nodemailer SMTP options (?requireTLS=true).
   * Unset: no mail is sent, and the app says so once at start.
   */
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:$/.test(new URL(v).protocol) && new URL(v).hostname !== "", {
      message: "must be smtp://[user:pass@]host[:port] or smtps://…",
    })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Sender: an address or "Name <address>"; default no-reply@ the APP_URL host. */
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be "address" or "Name <address>"')
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Seconds between the server's sweeps for mail to send; 0 = none (run `npm run notify:liaisons` from cron). */
  LIAISON_MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** A request is due soon when less than this share of its window (sent → due) remains… */
  LIAISON_DUE_SOON_FRACTION: z.coerce.number().gt(0).max(1).default(0.25),
  /** …but at most this many hours before its due time. */
  LIAISON_DUE_SOON_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  // --- Leak signal (lib/liaison/signals.ts) ---
  /**
   * A shop is signalled when at least LEAK_SIGNAL_MIN_VICTIMS distinct victims
   * say the scammer knew their order there, with incident days falling within
   * LEAK_SIGNAL_DAYS consecutive calendar days.
   */
  LEAK_SIGNAL_MIN_VICTIMS: z.coerce.number().int().min(2).max(10_000).default(5),
  LEAK_SIGNAL_DAYS: z.coerce.number().int().min(1).max(3660).default(30),
  // --- Victims' status page (lib/victims/status-auth.ts) ---
  /** Wrong PINs per reference, and per client address, within the window before attempts are refused unchecked. */
  STATUS_PIN_MAX_FAILURES_PER_REPORT: z.coerce.number().int().positive().max(1000).default(10),
  STATUS_PIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().max(100_000).default(30),
  STATUS_PIN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(60),
  /** How long a victim stays signed in to their report after a correct PIN. */
  STATUS_SESSION_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(30),
  // --- Victims' additions to their reports (lib/victims/additions.ts) ---
  /** Additions one report may receive in a rolling day, and in all (a victim remembers a few things, not hundreds). */
  ADDITIONS_PER_REPORT_PER_DAY: z.coerce.number().int().positive().max(1000).default(5),
  ADDITIONS_PER_REPORT_TOTAL: z.coerce.number().int().positive().max(10_000).default(50),
  /** Rows of each kind (numbers, payments, platforms) one addition may carry; the status page's form sends one of each. */
  ADDITION_MAX_ROWS: z.coerce.number().int().positive().max(100).default(5),
});

/** Settings that only make sense together. */
const checked = schema.superRefine((e, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (e.EVIDENCE_STORAGE === "s3" && !e.S3_BUCKET) issue("S3_BUCKET", "required when EVIDENCE_STORAGE=s3");
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY)
    issue("S3_SECRET_ACCESS_KEY", "set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither");
  if (e.S3_SSE_KMS_KEY_ID && e.S3_SSE !== "aws:kms") issue("S3_SSE_KMS_KEY_ID", "only with S3_SSE=aws:kms");
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = checked.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** The app's public origin: APP_URL, else http://localhost:PORT (what `npm start` serves). */
export function appOrigin(): string {
  const { APP_URL, PORT } = env();
  return APP_URL ? new URL(APP_URL).origin : `http://localhost:${PORT}`;
}

/** The liaison mails' sender: MAIL_FROM, else no-reply@ the public host. */
export function mailFrom(): string {
  return env().MAIL_FROM ?? `no-reply@${new URL(appOrigin()).hostname}`;
}

/** For tests that change variables between cases. */
export function resetEnvCache() {
  cached = undefined;
}
