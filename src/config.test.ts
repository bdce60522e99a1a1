import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration } from './config.js';

/** Runs `fn` and returns the ConfigError it threw (fails the test when it throws nothing else). */
function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['3d', 259_200_000],
    ['0s', 0],
    [' 1d ', 86_400_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'abc', '3', 'd', '3 d', '-1s', '1.5h', '3w', '3D', '1d2h', '99999999999999999999d'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('reads every whole number with every unit', () => {
    const units = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.constantFrom(...(Object.keys(units) as (keyof typeof units)[])), (n, unit) => {
        expect(parseDuration(`${n}${unit}`)).toBe(n * units[unit]);
      }),
    );
  });
});

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      databaseUrl: 'file:./data/rapport.db',
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:3000',
      smtpUrl: null,
      mailFrom: 'Rapport <no-reply@localhost>',
      smsGatewayUrl: null,
      invitationTtlMs: 180 * 86_400_000,
      reminderScheduleMs: [3 * 86_400_000, 14 * 86_400_000],
      reinviteCooldownMs: 21 * 86_400_000,
      weeklyInvitationLimit: 100,
      initialBalance: 3000,
      workerPollIntervalMs: 1_000,
      deliveryLeaseMs: 60_000,
      suggestionsCached: 200,
      restrictionThreshold: 5,
      reportWindowMs: 90 * 86_400_000,
      messageDailyLimit: 200,
      dataDir: './data',
      attachmentMaxBytes: 10_485_760,
      attachmentDailyBytes: 209_715_200,
      messageEmailDelayMs: 5 * 60_000,
      eventHeartbeatMs: 20_000,
      eventStreamsPerMember: 10,
      eventQueueBytes: 1_048_576,
      eventRetentionMs: 2 * 86_400_000,
      logLevel: 'info',
      trustProxy: false,
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['10.0.0.0/8, 127.0.0.1,::1,fd00::/8', ['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('is frozen, schedule included', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.reminderScheduleMs)).toBe(true);
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:secret@db.internal:5432/rapport',
      PORT: '8080',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://rapport.example.com/',
      SMTP_URL: 'smtp://user:pass@mail.example.com:587',
      MAIL_FROM: 'Rapport <hello@example.com>',
      SMS_GATEWAY_URL: 'https://sms.example.com/send',
      INVITATION_TTL: '30d',
      REMINDER_SCHEDULE: '12h,2d,5d',
      REINVITE_COOLDOWN: '7d',
      WEEKLY_INVITATION_LIMIT: '25',
      INITIAL_BALANCE: '10',
      WORKER_POLL_INTERVAL: '250ms',
      DELIVERY_LEASE: '5m',
      MESSAGE_DAILY_LIMIT: '50',
      DATA_DIR: '/var/lib/rapport',
      ATTACHMENT_MAX_BYTES: '1048576',
      ATTACHMENT_DAILY_BYTES: '5242880',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://app:secret@db.internal:5432/rapport',
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'https://rapport.example.com',
      smtpUrl: 'smtp://user:pass@mail.example.com:587',
      mailFrom: 'Rapport <hello@example.com>',
      smsGatewayUrl: 'https://sms.example.com/send',
      invitationTtlMs: 30 * 86_400_000,
      reminderScheduleMs: [12 * 3_600_000, 2 * 86_400_000, 5 * 86_400_000],
      reinviteCooldownMs: 7 * 86_400_000,
      weeklyInvitationLimit: 25,
      initialBalance: 10,
      workerPollIntervalMs: 250,
      deliveryLeaseMs: 300_000,
      messageDailyLimit: 50,
      dataDir: '/var/lib/rapport',
      attachmentMaxBytes: 1_048_576,
      attachmentDailyBytes: 5_242_880,
    });
  });

  it('accepts SQLite files and both PostgreSQL schemes', () => {
    expect(loadConfig({ DATABASE_URL: 'file:/tmp/x.db' }).databaseUrl).toBe('file:/tmp/x.db');
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/r' }).databaseUrl).toBe('postgresql://localhost/r');
  });

  it('keeps the default SQLite file in DATA_DIR', () => {
    expect(loadConfig({ DATA_DIR: '/srv/rapport/' }).databaseUrl).toBe('file:/srv/rapport/rapport.db');
    expect(loadConfig({ DATA_DIR: '/srv/rapport', DATABASE_URL: 'file:/tmp/x.db' }).databaseUrl).toBe('file:/tmp/x.db');
  });

  it('derives PUBLIC_URL from HOST and PORT, bracketing IPv6 hosts', () => {
    expect(loadConfig({ HOST: 'example.org', PORT: '4000' }).publicUrl).toBe('http://example.org:4000');
    expect(loadConfig({ HOST: '::1', PORT: '4000' }).publicUrl).toBe('http://[::1]:4000');
  });

  it('an empty REMINDER_SCHEDULE means no reminders', () => {
    expect(loadConfig({ REMINDER_SCHEDULE: '' }).reminderScheduleMs).toEqual([]);
  });

  it('zero reinvite cooldown, weekly limit and balance are allowed', () => {
    expect(loadConfig({ REINVITE_COOLDOWN: '0s', WEEKLY_INVITATION_LIMIT: '0', INITIAL_BALANCE: '0' })).toMatchObject({
      reinviteCooldownMs: 0,
      weeklyInvitationLimit: 0,
      initialBalance: 0,
    });
  });

  it.each([
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', './data/rapport.db'],
    ['DATABASE_URL', 'file:'],
    ['PORT', '99999'],
    ['ATTACHMENT_MAX_BYTES', '0'],
    ['ATTACHMENT_MAX_BYTES', '10MB'],
    ['ATTACHMENT_DAILY_BYTES', '0'],
    ['ATTACHMENT_DAILY_BYTES', '-5'],
    ['PORT', 'abc'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['PUBLIC_URL', 'not a url'],
    ['PUBLIC_URL', 'ftp://example.com'],
    ['SMTP_URL', 'http://mail.example.com'],
    ['SMTP_URL', 'nonsense'],
    ['SMS_GATEWAY_URL', 'smtp://sms.example.com'],
    ['SMS_GATEWAY_URL', '::'],
    ['MAIL_FROM', 'Rapport'],
    ['INVITATION_TTL', 'abc'],
    ['INVITATION_TTL', '0d'],
    ['INVITATION_TTL', '180'],
    ['REMINDER_SCHEDULE', '3d,1d'],
    ['REMINDER_SCHEDULE', '3d,3d'],
    ['REMINDER_SCHEDULE', '3d,,14d'],
    ['REMINDER_SCHEDULE', '0d'],
    ['REMINDER_SCHEDULE', 'soon'],
    ['REINVITE_COOLDOWN', '3 weeks'],
    ['WEEKLY_INVITATION_LIMIT', 'lots'],
    ['WEEKLY_INVITATION_LIMIT', '-5'],
    ['INITIAL_BALANCE', '1e3'],
    ['MESSAGE_DAILY_LIMIT', 'many'],
    ['MESSAGE_DAILY_LIMIT', '-1'],
    ['WORKER_POLL_INTERVAL', '0ms'],
    ['WORKER_POLL_INTERVAL', 'fast'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '0'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.1,proxy.internal'],
    ['TRUST_PROXY', '10.0.0.0/8/8'],
  ])('refuses %s=%j with a ConfigError naming the variable', (variable, value) => {
    const error = configErrorOf(() => loadConfig({ [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}:`)).toBe(true);
  });
});
