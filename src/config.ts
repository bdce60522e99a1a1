/** Configuration, parsed once at start-up from the environment into a frozen, typed object. */
import { isIP } from 'node:net';

export interface Config {
  readonly databaseUrl: string;
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly smsGatewayUrl: string | null;
  readonly invitationTtlMs: number;
  readonly reminderScheduleMs: readonly number[];
  readonly reinviteCooldownMs: number;
  readonly weeklyInvitationLimit: number;
  readonly initialBalance: number;
  readonly workerPollIntervalMs: number;
  /** How long a worker's claim on a message lasts; a crashed worker's messages are resent after it. */
  readonly deliveryLeaseMs: number;
  /** Candidates kept in each member's cached People You May Know ranking; 0 turns the cache off. */
  readonly suggestionsCached: number;
  /** Reports ("I don't know this person", spam) that restrict a sender within `reportWindowMs`. */
  readonly restrictionThreshold: number;
  readonly reportWindowMs: number;
  /** Messages a member may send in any rolling 24 hours. */
  readonly messageDailyLimit: number;
  /** Where the embedded database's default file and stored attachments live. */
  readonly dataDir: string;
  /** The largest attachment accepted, in bytes. */
  readonly attachmentMaxBytes: number;
  /** Bytes a member may upload as attachments in any rolling 24 hours. */
  readonly attachmentDailyBytes: number;
  /** How long after a message its notification e-mail is sent (unless the member reads first). */
  readonly messageEmailDelayMs: number;
  /** How often an open event stream gets a heartbeat comment. */
  readonly eventHeartbeatMs: number;
  /** Event streams one member may have open on one process. */
  readonly eventStreamsPerMember: number;
  /** Bytes a stream may have waiting for a slow client before it is ended (the client resumes with Last-Event-ID). */
  readonly eventQueueBytes: number;
  /** How long events are kept for replay. */
  readonly eventRetentionMs: number;
  readonly logLevel: string;
  /**
   * Which reverse proxies' `X-Forwarded-For` and `X-Forwarded-Proto` are believed: none (false), all
   * (true), that many hops, or those addresses and CIDR ranges.
   */
  readonly trustProxy: boolean | number | readonly string[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `500ms`, `30s`, `5m`, `2h`, `3d` into milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * UNIT_MS[match[2]!]!;
  return Number.isSafeInteger(value) ? value : null;
}

type Env = Record<string, string | undefined>;

function durationVar(env: Env, name: string, fallback: string, { min = 0 } = {}): number {
  const raw = env[name] ?? fallback;
  const ms = parseDuration(raw);
  if (ms === null) throw new ConfigError(name, `"${raw}" is not a duration (write 500ms, 30s, 5m, 2h or 3d)`);
  if (ms < min) throw new ConfigError(name, `must be at least ${min}ms`);
  return ms;
}

function integerVar(env: Env, name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `"${raw}" is not a whole number`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}`);
  return value;
}

function urlVar(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${raw}" is not a URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function isAddressOrRange(text: string): boolean {
  const [address = '', bits, extra] = text.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function trustProxyVar(env: Env): boolean | number | readonly string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops < 1 || hops > 32) throw new ConfigError('TRUST_PROXY', 'a hop count must be between 1 and 32');
    return hops;
  }
  const entries = raw.split(',').map((part) => part.trim());
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined) {
    throw new ConfigError('TRUST_PROXY', `"${bad}" is not an IP address or CIDR range (write true, a hop count, or addresses such as 10.0.0.0/8,::1)`);
  }
  return Object.freeze(entries);
}

/** Reads the configuration from `env`; a malformed value throws a ConfigError naming the variable. */
export function loadConfig(env: Env = process.env): Config {
  const dataDir = env.DATA_DIR || './data';
  const databaseUrl = env.DATABASE_URL || `file:${dataDir.replace(/\/+$/, '')}/rapport.db`;
  if (!/^file:.+/.test(databaseUrl) && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be file:PATH (SQLite) or postgres://… (PostgreSQL)');
  }
  const port = integerVar(env, 'PORT', 3000, { min: 0, max: 65535 });
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (urlVar(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  const smtpUrl = urlVar(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const smsGatewayUrl = urlVar(env, 'SMS_GATEWAY_URL', ['http:', 'https:']);
  const mailFrom = env.MAIL_FROM || 'Rapport <no-reply@localhost>';
  if (!/@/.test(mailFrom)) throw new ConfigError('MAIL_FROM', `"${mailFrom}" has no e-mail address`);

  const scheduleRaw = env.REMINDER_SCHEDULE ?? '3d,14d';
  const reminderScheduleMs =
    scheduleRaw.trim() === ''
      ? []
      : scheduleRaw.split(',').map((part) => {
          const ms = parseDuration(part);
          if (ms === null || ms === 0) throw new ConfigError('REMINDER_SCHEDULE', `"${part}" is not a positive duration`);
          return ms;
        });
  for (let i = 1; i < reminderScheduleMs.length; i++) {
    if (reminderScheduleMs[i]! <= reminderScheduleMs[i - 1]!) {
      throw new ConfigError('REMINDER_SCHEDULE', 'times must be increasing');
    }
  }

  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `"${logLevel}" is not a pino level`);
  }

  return Object.freeze({
    databaseUrl,
    port,
    host,
    publicUrl,
    smtpUrl,
    mailFrom,
    smsGatewayUrl,
    invitationTtlMs: durationVar(env, 'INVITATION_TTL', '180d', { min: 1 }),
    reminderScheduleMs: Object.freeze(reminderScheduleMs),
    reinviteCooldownMs: durationVar(env, 'REINVITE_COOLDOWN', '21d'),
    weeklyInvitationLimit: integerVar(env, 'WEEKLY_INVITATION_LIMIT', 100),
    initialBalance: integerVar(env, 'INITIAL_BALANCE', 3000),
    workerPollIntervalMs: durationVar(env, 'WORKER_POLL_INTERVAL', '1s', { min: 1 }),
    deliveryLeaseMs: durationVar(env, 'DELIVERY_LEASE', '60s', { min: 1_000 }),
    suggestionsCached: integerVar(env, 'SUGGESTIONS_CACHED', 200, { max: 100_000 }),
    restrictionThreshold: integerVar(env, 'RESTRICTION_THRESHOLD', 5, { min: 1 }),
    reportWindowMs: durationVar(env, 'REPORT_WINDOW', '90d', { min: 1 }),
    messageDailyLimit: integerVar(env, 'MESSAGE_DAILY_LIMIT', 200),
    dataDir,
    attachmentMaxBytes: integerVar(env, 'ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, { min: 1, max: 1024 * 1024 * 1024 }),
    attachmentDailyBytes: integerVar(env, 'ATTACHMENT_DAILY_BYTES', 200 * 1024 * 1024, { min: 1 }),
    messageEmailDelayMs: durationVar(env, 'MESSAGE_EMAIL_DELAY', '5m'),
    eventHeartbeatMs: durationVar(env, 'EVENT_HEARTBEAT', '20s', { min: 10 }),
    eventStreamsPerMember: integerVar(env, 'EVENT_STREAMS_PER_MEMBER', 10, { min: 1 }),
    eventQueueBytes: integerVar(env, 'EVENT_QUEUE_BYTES', 1_048_576, { min: 1024 }),
    eventRetentionMs: durationVar(env, 'EVENT_RETENTION', '2d', { min: 60_000 }),
    logLevel,
    trustProxy: trustProxyVar(env),
  });
}
