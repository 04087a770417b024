import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { wholeNumber } from '../core/whole-number.js';
import { dbLocationProblem } from '../store/db-location.js';
import { redactUrlPasswords } from '../core/redact-url.js';

/**
 * The one configuration table. Each key has a default, an environment variable and a validator.
 * It is read once, in cli/main.ts; everything below receives plain typed options.
 * Command-line flags override the environment, which overrides the defaults.
 */
const bool = z.union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no'])]).transform((v) => v === true || v === '1' || v === 'true' || v === 'yes');
function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
/** Empty, or an http(s) origin (a path would be dropped from feed ids silently). */
function publicOrigin(value: string): boolean {
  if (value === '') return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

export const CONFIG_TABLE = {
  db: {
    env: 'SADA_DB',
    default: './data/sada.db',
    schema: z
      .string()
      .min(1)
      .superRefine((value, ctx) => {
        const problem = dbLocationProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    doc: 'SQLite file path, or a postgres:// URL (a SQLite `file:` URI is refused; commands that only read open a file this user cannot write read-only)',
  },
  logLevel: { env: 'SADA_LOG_LEVEL', default: 'info', schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), doc: 'pino log level (logs go to stderr)' },
  host: { env: 'SADA_HOST', default: '127.0.0.1', schema: z.string().min(1), doc: 'address `sada serve` listens on' },
  port: { env: 'SADA_PORT', default: 8080, schema: wholeNumber(0, 65535), doc: 'port `sada serve` listens on' },
  timeZone: { env: 'SADA_TIME_ZONE', default: 'UTC', schema: z.string().min(1).refine(validTimeZone, 'unknown IANA time zone'), doc: 'time zone of dates shown by `sada serve` (e.g. Asia/Riyadh)' },
  rateLimit: { env: 'SADA_RATE_LIMIT', default: 600, schema: wholeNumber(0, 1_000_000), doc: 'API and feed requests per minute per client address (0: no limit)' },
  searchRateLimit: { env: 'SADA_SEARCH_RATE_LIMIT', default: 120, schema: wholeNumber(0, 1_000_000), doc: 'searches per minute per client address (0: no limit)' },
  publicUrl: {
    env: 'SADA_PUBLIC_URL',
    default: '',
    schema: z.string().refine(publicOrigin, 'an http(s) origin such as https://news.example, without a path'),
    doc: 'the address readers reach `sada serve` at (behind a proxy: https://news.example); feeds use it in their ids and links. Empty: the address each request came to',
  },
  adminToken: { env: 'SADA_ADMIN_TOKEN', default: '', schema: z.string(), doc: 'bearer token for admin API calls; empty refuses them all' },
  allowPrivate: { env: 'SADA_ALLOW_PRIVATE', default: false, schema: bool, doc: 'allow fetching from loopback/private/link-local addresses' },
  userAgent: { env: 'SADA_USER_AGENT', default: 'Sada/0.1 (+https://github.com/sada-news/sada; Arabic news aggregator)', schema: z.string().min(1), doc: 'User-Agent sent with every request' },
  feedMaxBytes: { env: 'SADA_FEED_MAX_BYTES', default: 10 * 1024 * 1024, schema: wholeNumber(1024, 1 << 30), doc: 'largest feed/sitemap body accepted, after decompression' },
  pageMaxBytes: { env: 'SADA_PAGE_MAX_BYTES', default: 5 * 1024 * 1024, schema: wholeNumber(1024, 1 << 30), doc: 'largest article page accepted, after decompression' },
  connectTimeoutMs: { env: 'SADA_CONNECT_TIMEOUT_MS', default: 10_000, schema: wholeNumber(100, 600_000), doc: 'TCP/TLS connect timeout' },
  fetchTimeoutMs: { env: 'SADA_FETCH_TIMEOUT_MS', default: 30_000, schema: wholeNumber(100, 600_000), doc: 'total time allowed for one request' },
  hostConcurrency: { env: 'SADA_HOST_CONCURRENCY', default: 2, schema: wholeNumber(1, 64), doc: 'simultaneous requests to one host' },
  hostDelayMs: { env: 'SADA_HOST_DELAY_MS', default: 500, schema: wholeNumber(0, 600_000), doc: 'pause between requests to one host' },
  fetchConcurrency: { env: 'SADA_FETCH_CONCURRENCY', default: 8, schema: wholeNumber(1, 256), doc: 'sources refreshed at the same time' },
  pgPoolSize: {
    env: 'SADA_PG_POOL_SIZE',
    default: 10,
    schema: wholeNumber(1, 1000),
    doc: 'PostgreSQL only: most connections one process holds (idle ones close after 10 s); allow `max_connections` for this many per process',
  },
  leaseSeconds: { env: 'SADA_LEASE_SECONDS', default: 900, schema: wholeNumber(1, 86_400), doc: 'how long a worker holds a claimed source; a killed worker\'s sources return after it' },
} as const;

type Table = typeof CONFIG_TABLE;
export type ConfigKey = keyof Table;
export type Config = { [K in ConfigKey]: z.output<Table[K]['schema']> };

/** Reads the table from an environment and explicit overrides (flags). Throws BAD_USAGE on invalid values. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Record<ConfigKey, unknown>> = {}): Config {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(CONFIG_TABLE) as [ConfigKey, Table[ConfigKey]][]) {
    const override = overrides[key];
    const fromEnv = env[entry.env];
    const raw = override !== undefined ? override : fromEnv !== undefined && fromEnv !== '' ? fromEnv : entry.default;
    const parsed = (entry.schema as z.ZodType).safeParse(raw);
    if (!parsed.success) {
      // a flag is named as typed (--log-level), a variable by its name
      const origin = override !== undefined ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : entry.env;
      // the value is shown to be corrected, but not a password it holds (a database URL with a mistyped scheme)
      throw new AppError('BAD_USAGE', `invalid ${origin}: ${redactUrlPasswords(JSON.stringify(raw))} (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    }
    out[key] = parsed.data;
  }
  return out as Config;
}
