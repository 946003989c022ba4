import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { parseAllowedHost } from '../common/net/ssrf-guard.js';

/**
 * The one place that reads `process.env`. Every variable is parsed and checked here at
 * boot; a bad or missing value stops start-up with a message naming the variable.
 * Variables marked `secret` are masked in every log line (see common/logging).
 */
const bool = (name: string) =>
  z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${name} must be true or false` }).transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * TRUST_PROXY: which X-Forwarded-For hops to believe (Express's `trust proxy`). `false`
 * (default) believes none; a hop count (`1` = the one reverse proxy in front) takes the
 * address that many hops from the right; a comma-separated list of proxy addresses or CIDRs
 * (or Express's names loopback, linklocal, uniquelocal) believes only those. `true` would
 * believe any header, so a client could pick its own IP (and its own login allowance): refused.
 */
export type TrustProxy = false | number | string[];
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const isProxyAddress = (a: string): boolean => {
  if (PROXY_NAMES.includes(a)) return true;
  const [addr, bits, ...rest] = a.split('/');
  if (rest.length > 0 || !addr || !isIP(addr)) return false;
  if (bits === undefined) return true;
  const max = isIP(addr) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
};
const trustProxy = z.string().transform((raw, ctx): TrustProxy => {
  const v = raw.trim().toLowerCase();
  if (v === 'false' || v === '0' || v === 'no') return false;
  if (v === 'true' || v === 'yes') {
    ctx.addIssue({
      code: 'custom',
      message:
        'true would trust any X-Forwarded-For (a client could pick its own IP): give the number of proxies in front of Earshot (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.5,172.16.0.0/12)',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n > 10) ctx.addIssue({ code: 'custom', message: 'must be a hop count from 0 to 10, or proxy addresses' });
    return n;
  }
  const list = v
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const bad = list.filter((a) => !isProxyAddress(a));
  if (list.length === 0 || bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be false, a hop count (e.g. 1) or comma-separated proxy addresses/CIDRs (e.g. 10.0.0.5,172.16.0.0/12); not an address: ${bad.join(', ') || '(empty)'}`,
    });
    return z.NEVER;
  }
  return list;
});

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('production'),
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(1).max(65535, { message: 'must be a port number (1-65535)' }).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' })
    .default('info'),
  DATABASE_URL: z
    .url({ message: 'must be a postgres:// URL, e.g. postgres://user:password@host:5432/earshot' })
    .refine((u) => /^postgres(ql)?:\/\//.test(u), { message: 'must start with postgres:// or postgresql://' })
    .optional(),
  EARSHOT_DATA_DIR: z.string().min(1).default('./.earshot'),
  EARSHOT_ADMIN_EMAIL: z.email({ message: 'must be an e-mail address' }).default('admin@earshot.local'),
  EARSHOT_ADMIN_PASSWORD: z.string().min(12, { message: 'must be at least 12 characters' }).max(256).optional(),
  EARSHOT_PUBLIC_URL: z.url({ message: 'must be the URL users open, e.g. https://earshot.example.com' }).optional(),
  EARSHOT_WEB_DIST: z.string().min(1).optional(),
  SESSION_TTL_HOURS: z.coerce
    .number({ message: 'must be a number of hours' })
    .min(0.25, { message: 'must be at least 0.25 (15 minutes)' })
    .max(720, { message: 'must be at most 720 (30 days)' })
    .default(12),
  TRUST_PROXY: trustProxy.default(false),
  EARSHOT_SECRET_KEY: z
    .string()
    .refine((k) => /^[0-9a-fA-F]{64}$/.test(k) || /^[A-Za-z0-9+/_-]{43}=?$/.test(k), {
      message: 'must be 32 random bytes as 64 hex characters or base64 (openssl rand -base64 32)',
    })
    .optional(),
  EARSHOT_POLLING: bool('EARSHOT_POLLING').default(true),
  // host:port exact (an allowance is for one service, never every port of a host); no port: refused at boot.
  EARSHOT_ALLOWED_PRIVATE_HOSTS: z
    .string()
    .transform((s, ctx) => {
      const keys: string[] = [];
      for (const entry of s
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean)) {
        try {
          keys.push(parseAllowedHost(entry));
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of host:port: ${(e as Error).message}` });
        }
      }
      return keys;
    })
    .optional(),
  EARSHOT_RETRY_BASE_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).min(0.1).max(600).default(30),
  // Longer than a connector's request deadline (15 s) plus reconciliation, so a live sender never loses its lease mid-call.
  EARSHOT_REPLY_LEASE_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .int({ message: 'must be a whole number of seconds' })
    .min(20, { message: 'must be at least 20 (a platform call may take 15 s)' })
    .max(3600)
    .default(60),
  // Cron (server time) of the nightly training of workspace models; `off` disables it.
  EARSHOT_LEARNING_CRON: z.string().trim().min(1).default('0 2 * * *'),
  // Analytics' hourly rollups: `false` answers every analytics read from the mention rows.
  EARSHOT_ANALYTICS_ROLLUPS: bool('EARSHOT_ANALYTICS_ROLLUPS').default(true),
  // Seconds between the rollups' catch-up rounds (with background work on); 0 = only before each analytics read.
  EARSHOT_ANALYTICS_ROLLUP_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .int({ message: 'must be a whole number of seconds' })
    .min(0)
    .max(86_400)
    .default(60),
  SOCIAL_SIM_URL: z.url({ message: 'must be the simulator URL, e.g. http://127.0.0.1:4100' }).optional(),
  REDIS_URL: z
    .url({ message: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
    .refine((u) => /^rediss?:\/\//.test(u), { message: 'must start with redis:// or rediss://' })
    .optional(),
  // The owner digest's mail (issue 14): EARSHOT_SMTP_URL, or HOST/PORT/USER/PASSWORD/SECURE; none: no mail is sent.
  EARSHOT_SMTP_URL: z
    .url({ message: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587' })
    .refine((u) => /^smtps?:\/\//.test(u), { message: 'must start with smtp:// or smtps://' })
    .optional(),
  EARSHOT_SMTP_HOST: z.string().trim().min(1).max(255).optional(),
  EARSHOT_SMTP_PORT: z.coerce.number({ message: 'must be a port number' }).int().min(1).max(65535, { message: 'must be a port number (1-65535)' }).optional(),
  EARSHOT_SMTP_USER: z.string().min(1).max(255).optional(),
  EARSHOT_SMTP_PASSWORD: z.string().min(1).max(1024).optional(),
  EARSHOT_SMTP_SECURE: bool('EARSHOT_SMTP_SECURE').optional(),
  EARSHOT_MAIL_FROM: z
    .string()
    .trim()
    .regex(/^[^\r\n]+$/, { message: 'must be one line' })
    .pipe(z.email({ message: 'must be one e-mail address, e.g. earshot@example.com' }))
    .optional(),
  // Cron (server time) of the weekly owner digest; `off` disables it.
  EARSHOT_OWNER_DIGEST_CRON: z.string().trim().min(1).default('0 8 * * 1'),
  // Early warning (issue 15 part 4): how often the alert runner feeds the detectors (cron, server time; `off` disables it)
  // and how long a posted-time minute waits for late posts before it is judged.
  EARSHOT_ALERTS_CRON: z.string().trim().min(1).default('* * * * *'),
  // The weekly reputation report (issue 16): when it is generated and e-mailed, a cron read in EACH workspace's zone
  // (default Monday 07:00 local): a week's report is due from the first time this fires after the week ends. `off` disables it.
  EARSHOT_REPORT_CRON: z.string().trim().min(1).default('0 7 * * 1'),
  EARSHOT_ALERTS_SETTLE_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .int({ message: 'must be a whole number of seconds' })
    .min(0)
    .max(3600, { message: 'must be at most 3600 (an hour)' })
    .default(120),
});

/** Names of variables whose values must never appear in a log line. */
export const SECRET_ENV_NAMES = [
  'DATABASE_URL',
  'EARSHOT_ADMIN_PASSWORD',
  'EARSHOT_SECRET_KEY',
  'REDIS_URL',
  'EARSHOT_SMTP_URL',
  'EARSHOT_SMTP_PASSWORD',
] as const;

export type DatabaseConfig = { engine: 'postgres'; url: string } | { engine: 'pglite'; dataDir: string | null };

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  database: DatabaseConfig;
  admin: { email: string; password: string | null };
  publicUrl: URL | null;
  webDist: string | null;
  sessionTtlMs: number;
  /** Express's `trust proxy`: false, a hop count, or proxy addresses/CIDRs (see TrustProxy). */
  trustProxy: TrustProxy;
  /** Key for platform credentials at rest: from EARSHOT_SECRET_KEY, else a key file in the data folder. */
  secretKey: { source: 'env'; key: Buffer } | { source: 'file'; path: string };
  /** Run the scheduled pollers in this process. */
  polling: boolean;
  /** Exact host:port keys (see hostPortKey) that sources may reach although private/loopback (SSRF guard exceptions). */
  allowedPrivateHosts: string[];
  /** First retry delay after a failed poll; doubles per failure, capped at 15 min, with jitter. */
  retryBaseMs: number;
  /** How long a reply sender holds a reply it is sending; after that another instance reconciles it (the sender died). */
  replyLeaseSeconds: number;
  /** Cron of the nightly workspace-model training (server time); null when `off`. */
  learningCron: string | null;
  /** Analytics' hourly rollups: on (reads of whole hours use them), and the catch-up job's period (null: only before reads). */
  analyticsRollups: { enabled: boolean; intervalMs: number | null };
  /** The local social simulator: the demo workspace's sources point at it. */
  socialSimUrl: URL | null;
  /** socket.io's Redis adapter carries events between api instances when set. */
  redisUrl: string | null;
  /** SMTP for the owner digest (null: mail is skipped with one info log). */
  smtp: SmtpConfig | null;
  /** The digest's sender address. */
  mailFrom: string;
  /** Cron of the weekly owner digest (server time); null when `off`. */
  ownerDigestCron: string | null;
  /** Cron of the alert runner (server time); null when `off`. Runs only with background work on (EARSHOT_POLLING). */
  alertsCron: string | null;
  /** A posted-time minute is fed to the detectors this long after it ends (posts arriving later are late). */
  alertsSettleSeconds: number;
  /** When a week's report is due, read in each workspace's zone (weekly report); null when `off`. */
  reportCron: string | null;
  /** Values to mask in logs: secret variables and the password inside DATABASE_URL. */
  secrets: string[];
  version: string;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://, port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Earshot cannot start: the environment is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (normally `process.env`) into the typed config, or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined>, version = '0.0.0'): AppConfig {
  // Empty strings mean "unset" (a blank line in .env or compose file).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const got = name && cleaned[name] !== undefined && !(SECRET_ENV_NAMES as readonly string[]).includes(name) ? ` (got "${cleaned[name]}")` : '';
        return `${name}: ${issue.message}${got}`;
      }),
    );
  }
  const e = parsed.data;
  const secrets: string[] = [];
  if (e.EARSHOT_ADMIN_PASSWORD) secrets.push(e.EARSHOT_ADMIN_PASSWORD);
  if (e.EARSHOT_SECRET_KEY) secrets.push(e.EARSHOT_SECRET_KEY);
  if (e.DATABASE_URL) {
    secrets.push(e.DATABASE_URL);
    const pw = new URL(e.DATABASE_URL).password;
    if (pw) secrets.push(pw, decodeURIComponent(pw));
  }
  if (e.REDIS_URL) {
    const pw = new URL(e.REDIS_URL).password;
    if (pw) secrets.push(e.REDIS_URL, pw, decodeURIComponent(pw));
  }
  let smtp: SmtpConfig | null = null;
  if (e.EARSHOT_SMTP_URL) {
    const u = new URL(e.EARSHOT_SMTP_URL);
    const secure = u.protocol === 'smtps:';
    const password = u.password ? decodeURIComponent(u.password) : null;
    smtp = {
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port: u.port ? Number(u.port) : secure ? 465 : 587,
      secure,
      user: u.username ? decodeURIComponent(u.username) : null,
      password,
    };
    secrets.push(e.EARSHOT_SMTP_URL);
    if (u.password) secrets.push(u.password, decodeURIComponent(u.password));
  } else if (e.EARSHOT_SMTP_HOST) {
    const secure = e.EARSHOT_SMTP_SECURE ?? e.EARSHOT_SMTP_PORT === 465;
    smtp = {
      host: e.EARSHOT_SMTP_HOST,
      port: e.EARSHOT_SMTP_PORT ?? (secure ? 465 : 587),
      secure,
      user: e.EARSHOT_SMTP_USER ?? null,
      password: e.EARSHOT_SMTP_PASSWORD ?? null,
    };
  }
  if (e.EARSHOT_SMTP_PASSWORD) secrets.push(e.EARSHOT_SMTP_PASSWORD);
  const digestCron = e.EARSHOT_OWNER_DIGEST_CRON.toLowerCase() === 'off' ? null : e.EARSHOT_OWNER_DIGEST_CRON;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL ? { engine: 'postgres', url: e.DATABASE_URL } : { engine: 'pglite', dataDir: path.resolve(e.EARSHOT_DATA_DIR, 'pgdata') },
    admin: { email: e.EARSHOT_ADMIN_EMAIL.toLowerCase(), password: e.EARSHOT_ADMIN_PASSWORD ?? null },
    publicUrl: e.EARSHOT_PUBLIC_URL ? new URL(e.EARSHOT_PUBLIC_URL) : null,
    webDist: e.EARSHOT_WEB_DIST ? path.resolve(e.EARSHOT_WEB_DIST) : null,
    sessionTtlMs: Math.round(e.SESSION_TTL_HOURS * 3_600_000),
    trustProxy: e.TRUST_PROXY,
    secretKey: e.EARSHOT_SECRET_KEY
      ? { source: 'env', key: Buffer.from(e.EARSHOT_SECRET_KEY, /^[0-9a-fA-F]{64}$/.test(e.EARSHOT_SECRET_KEY) ? 'hex' : 'base64') }
      : { source: 'file', path: path.resolve(e.EARSHOT_DATA_DIR, 'secret.key') },
    polling: e.EARSHOT_POLLING,
    allowedPrivateHosts: e.EARSHOT_ALLOWED_PRIVATE_HOSTS ?? [],
    retryBaseMs: Math.round(e.EARSHOT_RETRY_BASE_SECONDS * 1000),
    replyLeaseSeconds: e.EARSHOT_REPLY_LEASE_SECONDS,
    learningCron: e.EARSHOT_LEARNING_CRON.toLowerCase() === 'off' ? null : e.EARSHOT_LEARNING_CRON,
    analyticsRollups: {
      enabled: e.EARSHOT_ANALYTICS_ROLLUPS,
      intervalMs: e.EARSHOT_ANALYTICS_ROLLUP_SECONDS > 0 ? e.EARSHOT_ANALYTICS_ROLLUP_SECONDS * 1000 : null,
    },
    socialSimUrl: e.SOCIAL_SIM_URL ? new URL(e.SOCIAL_SIM_URL) : null,
    redisUrl: e.REDIS_URL ?? null,
    smtp,
    mailFrom: e.EARSHOT_MAIL_FROM ?? defaultMailFrom(e.EARSHOT_PUBLIC_URL, smtp),
    ownerDigestCron: digestCron,
    alertsCron: e.EARSHOT_ALERTS_CRON.toLowerCase() === 'off' ? null : e.EARSHOT_ALERTS_CRON,
    alertsSettleSeconds: e.EARSHOT_ALERTS_SETTLE_SECONDS,
    reportCron: e.EARSHOT_REPORT_CRON.toLowerCase() === 'off' ? null : e.EARSHOT_REPORT_CRON,
    secrets: [...new Set(secrets.filter((s) => s.length >= 4))],
    version,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * The sender when EARSHOT_MAIL_FROM is unset: earshot@ the public URL's host, else the SMTP
 * server's domain, else localhost.localdomain — always one plain address (a bare `localhost`
 * has no dot, and strict servers and our own recipient check refuse it).
 */
function defaultMailFrom(publicUrl: string | undefined, smtp: SmtpConfig | null): string {
  const dotted = (host: string | undefined) => (host && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(host) && !/^[\d.]+$/.test(host) ? host : undefined);
  const fromUrl = publicUrl ? dotted(new URL(publicUrl).hostname) : undefined;
  const fromSmtp = smtp ? dotted(smtp.host.split('.').length > 2 ? smtp.host.split('.').slice(1).join('.') : smtp.host) : undefined;
  return `earshot@${fromUrl ?? fromSmtp ?? 'localhost.localdomain'}`;
}
