/**
 * The `rapport` CLI of API.md, run as real processes from source against real databases: migrate,
 * admin create, revoke-credentials, suspend and unsuspend, flags set, support withdraw-all, demo,
 * configuration errors and serve.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DialectName } from '../../src/db/database.js';
import { buildApp } from '../../src/app.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { as, call, type Harness, makeMember, TEST_PASSWORD } from '../support/harness.js';
import { OpenApiChecker } from '../support/openapi.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Only what a person running the command would set; the CLI must not depend on the test runner's environment. */
function environment(extra: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' };
  if (process.env.HOME) base.HOME = process.env.HOME;
  return { ...base, ...extra };
}

function start(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => Run } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: environment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, output: () => ({ code: child.exitCode, signal: child.signalCode, stdout, stderr }) };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Runs `rapport <args>` to completion (killing it, by its own pid, if it outlives `timeoutMs`). */
async function rapport(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<Run> {
  const { child, output } = start(args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited(child);
  clearTimeout(timer);
  // Let the pipes drain after the exit.
  await new Promise((resolve) => setImmediate(resolve));
  return output();
}

const describeRun = (run: Run) => `exit ${run.code ?? run.signal}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A database with no schema at all, for `migrate` to start from. */
async function emptyDatabase(dialect: DialectName): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
    return { url: `file:${join(dir, 'empty.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `rapport_cli_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => query(`drop database if exists ${name} with (force)`) };
}

/** The app on the CLI's database, as a harness, so the test can see what the CLI did through the API. */
async function appOn(database: TestDatabase, dialect: DialectName): Promise<Harness> {
  const config = loadConfig({ DATABASE_URL: database.url });
  const clock = new ManualClock(Date.now());
  const { app, services } = await buildApp({ db: database.db, deps: { config, clock, dialect }, logger: false });
  await app.ready();
  return {
    app,
    services,
    database,
    clock,
    config,
    openapi: new OpenApiChecker(app.swagger() as ConstructorParameters<typeof OpenApiChecker>[0]),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

describe.each(DIALECTS)('rapport CLI (%s)', (dialect) => {
  let h: Harness;
  let env: Record<string, string>;
  beforeAll(async () => {
    h = await appOn(await createTestDatabase(dialect), dialect);
    env = { DATABASE_URL: h.database.url };
  });
  afterAll(async () => h?.close());

  it('migrate creates the schema on an empty database, and a second run changes nothing', async () => {
    const empty = await emptyDatabase(dialect);
    try {
      const first = await rapport(['migrate'], { DATABASE_URL: empty.url });
      expect(first.code, describeRun(first)).toBe(0);
      expect(first.stdout).toMatch(/^Applied: \S+/m);
      const second = await rapport(['migrate'], { DATABASE_URL: empty.url });
      expect(second.code, describeRun(second)).toBe(0);
      expect(second.stdout).toContain('The schema is up to date.');
      expect(second.stdout).not.toContain('Applied');
    } finally {
      await empty.drop();
    }
  });

  it('admin create makes an account that logs in with its role', async () => {
    const email = `agent.${dialect}@cli.example`;
    const run = await rapport(['admin', 'create', '--email', email, '--password', 'agent password 1', '--name', 'Cli Agent', '--role', 'support'], env);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Created support ${email.replace(/\./g, '\\.')} \\(id \\S+\\)`));

    const row = await h.database.db.selectFrom('members').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Cli Agent', role: 'support' });
    expect(row.password_hash).not.toContain('agent password 1');
    // An operator vouches for the address: it needs no verification link.
    expect(row.email_verified_at).not.toBeNull();

    const wrong = await call(h, 'POST', '/api/v1/auth/tokens', { body: { email, password: 'not the password' } });
    expect(wrong.status).toBe(401);
    const login = await call(h, 'POST', '/api/v1/auth/tokens', { body: { email, password: 'agent password 1' } });
    expect(login.status).toBe(201);
    expect(login.body.member).toMatchObject({ id: row.id, email, role: 'support', emailVerified: true });
    // A support agent reads the audit trail; a member could not.
    expect((await call(h, 'GET', '/api/v1/admin/audit', { token: login.body.token })).status).toBe(200);

    const [again, badRole] = await Promise.all([
      rapport(['admin', 'create', '--email', email.toUpperCase(), '--password', 'another password', '--name', 'Twin'], env),
      rapport(['admin', 'create', '--email', `x.${dialect}@cli.example`, '--password', 'long enough pw', '--name', 'X', '--role', 'owner'], env),
    ]);
    expect(again.code, describeRun(again)).not.toBe(0);
    expect(again.stderr).toMatch(/already|taken|exists/i);
    expect(badRole.code, describeRun(badRole)).not.toBe(0);
    expect(badRole.stderr).toContain('--role');
    expect(await h.database.db.selectFrom('members').select('id').where('email', '=', `x.${dialect}@cli.example`).executeTakeFirst()).toBeUndefined();
  });

  it('admin revoke-credentials, suspend and unsuspend shut a member out at once, audited as the CLI', async () => {
    const m = await makeMember(h);
    const bystander = await makeMember(h);
    const token = async () => {
      const reply = await call(h, 'POST', '/api/v1/auth/tokens', { body: { email: m.email, password: TEST_PASSWORD, name: 'cli test' } });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      return reply.body.token as string;
    };
    const me = (t: string) => call(h, 'GET', '/api/v1/me', { token: t });
    const second = await token();
    const audits = (action: string) =>
      h.database.db.selectFrom('audit_log').selectAll().where('subject_member_id', '=', m.id).where('action', '=', action).execute();

    const revoke = await rapport(['admin', 'revoke-credentials', '--member', m.id, '--reason', 'Leaked in a log'], env);
    expect(revoke.code, describeRun(revoke)).toBe(0);
    expect(revoke.stdout).toContain(`Revoked 2 credentials of member ${m.id}.`);
    for (const t of [m.token, second]) expect((await me(t)).status).toBe(401);
    expect((await as(h, bystander).get('/api/v1/me')).status).toBe(200);
    const [revoked] = await audits('member.credentials_revoked');
    expect(revoked).toMatchObject({ path: 'cli', actor_id: 'cli' });
    expect(JSON.parse(revoked!.details)).toEqual({ revoked: 2, reason: 'Leaked in a log' });

    const fresh = await token();
    const suspend = await rapport(['admin', 'suspend', '--member', m.id, '--reason', 'Abuse report 17'], env);
    expect(suspend.code, describeRun(suspend)).toBe(0);
    expect(suspend.stdout).toMatch(new RegExp(`Member ${m.id} is suspended \\(since \\d{4}-`));
    expect((await me(fresh)).status).toBe(401);
    const login = await call(h, 'POST', '/api/v1/auth/login', { body: { email: m.email, password: TEST_PASSWORD } });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('invalid_credentials');
    expect((await audits('member.suspended')).map((r) => [r.path, JSON.parse(r.details).reason])).toEqual([['cli', 'Abuse report 17']]);

    const unsuspend = await rapport(['admin', 'unsuspend', '--member', m.id], env);
    expect(unsuspend.code, describeRun(unsuspend)).toBe(0);
    expect(unsuspend.stdout).toContain(`Member ${m.id} is not suspended.`);
    expect((await me(fresh)).status).toBe(200);
    expect(await audits('member.unsuspended')).toHaveLength(1);

    const [unknown, noReason] = await Promise.all([
      rapport(['admin', 'revoke-credentials', '--member', 'no-such-member'], env),
      rapport(['admin', 'suspend', '--member', m.id], env),
    ]);
    expect(unknown.code, describeRun(unknown)).not.toBe(0);
    expect(unknown.stderr).toMatch(/does not exist/);
    expect(noReason.code, describeRun(noReason)).not.toBe(0);
    expect(noReason.stderr).toContain('--reason');
    expect((await me(fresh)).status).toBe(200);
  });

  it('flags set rolls a feature out with allow and deny lists, audited as the CLI', async () => {
    const [one, two, three] = await Promise.all([makeMember(h), makeMember(h), makeMember(h)]);
    const run = await rapport(['flags', 'set', 'bulk-withdraw', '--percent', '25', '--allow', `${one!.id},${two!.id}`, '--deny', three!.id], env);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('bulk-withdraw: 25%');

    const flag = await h.database.db.selectFrom('feature_flags').selectAll().where('key', '=', 'bulk-withdraw').executeTakeFirstOrThrow();
    expect(flag.rollout_percent).toBe(25);
    expect(JSON.parse(flag.allow_ids)).toEqual([one!.id, two!.id]);
    expect(JSON.parse(flag.deny_ids)).toEqual([three!.id]);
    const audit = await h.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'flag.changed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.path).toBe('cli');
    expect(JSON.parse(audit.details)).toMatchObject({ key: 'bulk-withdraw', after: { rolloutPercent: 25, allow: [one!.id, two!.id], deny: [three!.id] } });

    // The server evaluates the flag the CLI set.
    expect((await as(h, one!).get('/api/v1/me')).body.features['bulk-withdraw']).toBe(true);
    expect((await as(h, three!).get('/api/v1/me')).body.features['bulk-withdraw']).toBe(false);

    const refusals = [
      ['flags', 'set', 'no-such-flag', '--percent', '5'],
      ['flags', 'set', 'bulk-withdraw', '--percent', '101'],
      ['flags', 'set', 'bulk-withdraw'],
    ];
    const refused = await Promise.all(refusals.map((args) => rapport(args, env)));
    refused.forEach((r, i) => {
      expect(r.code, `${refusals[i]!.join(' ')}: ${describeRun(r)}`).not.toBe(0);
      expect(r.stderr).not.toBe('');
    });
    const after = await h.database.db.selectFrom('feature_flags').selectAll().where('key', '=', 'bulk-withdraw').executeTakeFirstOrThrow();
    expect(after).toEqual(flag);
  });

  it('support withdraw-all previews with --dry-run and then withdraws every pending invitation, through the CLI path', async () => {
    const alice = await makeMember(h);
    const others = await Promise.all([1, 2, 3, 4].map(() => makeMember(h)));
    const sent: string[] = [];
    for (const o of others) {
      const reply = await as(h, alice).post('/api/v1/invitations', { memberId: o.id });
      expect(reply.status).toBe(201);
      sent.push(reply.body.id);
    }
    const byMail = await as(h, alice).post('/api/v1/invitations', { email: `someone.${dialect}@cli.example` });
    expect(byMail.status).toBe(201);
    sent.push(byMail.body.id);
    expect((await as(h, others[0]!).post(`/api/v1/invitations/${sent[0]}/accept`)).status).toBe(200);
    expect((await as(h, others[1]!).post(`/api/v1/invitations/${sent[1]}/ignore`)).status).toBe(200);
    // Someone else's pending invitation stays untouched.
    const unrelated = await as(h, others[2]!).post('/api/v1/invitations', { memberId: others[3]!.id });
    expect(unrelated.status).toBe(201);

    const snapshot = () => h.database.db.selectFrom('invitations').select(['id', 'status', 'withdrawn_at', 'withdraw_path']).orderBy('id').execute();
    const before = await snapshot();
    const audits = () =>
      h.database.db.selectFrom('audit_log').selectAll().where('subject_member_id', '=', alice.id).where('action', '=', 'support.withdraw_all').execute();

    const dry = await rapport(['support', 'withdraw-all', '--member', alice.id, '--reason', 'Member asked by phone', '--dry-run'], env);
    expect(dry.code, describeRun(dry)).toBe(0);
    // Two pending, the ignored one (still open to the sender) and the e-mail invitation.
    expect(dry.stdout).toContain('Would withdraw 4 invitations.');
    expect(await snapshot()).toEqual(before);
    expect(await audits()).toEqual([]);

    const run = await rapport(['support', 'withdraw-all', '--member', alice.id, '--reason', 'Member asked by phone'], env);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('Withdrew 4 invitations.');
    const rows = await h.database.db.selectFrom('invitations').selectAll().where('sender_id', '=', alice.id).execute();
    const statusOf = (id: string) => rows.find((r) => r.id === id)!;
    expect(statusOf(sent[0]!).status).toBe('accepted');
    for (const id of sent.slice(1)) {
      expect(statusOf(id)).toMatchObject({ status: 'withdrawn', withdraw_path: 'cli' });
      expect(statusOf(id).withdrawn_at).not.toBeNull();
    }
    const [summary] = await audits();
    expect(summary).toMatchObject({ path: 'cli' });
    expect(JSON.parse(summary!.details)).toMatchObject({ reason: 'Member asked by phone', count: 4 });
    const perInvitation = await h.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('invitation_id', 'in', sent)
      .where('action', '=', 'invitation.withdrawn')
      .execute();
    expect(perInvitation.map((r) => r.invitation_id).sort()).toEqual(sent.slice(1).sort());
    for (const row of perInvitation) expect(row).toMatchObject({ path: 'cli', subject_member_id: alice.id });
    expect((await h.database.db.selectFrom('invitations').select('status').where('id', '=', unrelated.body.id).executeTakeFirstOrThrow()).status).toBe(
      'pending',
    );

    // The member sees it, and nothing is left for a second run.
    expect((await as(h, alice).get('/api/v1/invitations/sent')).body.items).toEqual([]);
    expect((await as(h, alice).get('/api/v1/invitations/sent?status=withdrawn')).body.items).toHaveLength(4);
    const again = await rapport(['support', 'withdraw-all', '--member', alice.id, '--reason', 'Once more'], env);
    expect(again.code, describeRun(again)).toBe(0);
    expect(again.stdout).toContain('Withdrew 0 invitations.');

    const [unknown, noReason] = await Promise.all([
      rapport(['support', 'withdraw-all', '--member', 'no-such-member', '--reason', 'x'], env),
      rapport(['support', 'withdraw-all', '--member', alice.id], env),
    ]);
    expect(unknown.code, describeRun(unknown)).not.toBe(0);
    expect(unknown.stderr).toMatch(/does not exist/);
    expect(noReason.code, describeRun(noReason)).not.toBe(0);
    expect(noReason.stderr).toContain('--reason');
  });

  it('serve answers /healthz and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const { child, output } = start(['serve'], { ...env, PORT: String(port), HOST: '127.0.0.1' });
    try {
      const deadline = Date.now() + 30_000;
      let health: Response | undefined;
      while (!health && Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`serve exited early: ${describeRun(output())}`);
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!health) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(health?.status, describeRun(output())).toBe(200);
      expect(output().stdout).toContain(`http://127.0.0.1:${port}`);
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited(child).then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]);
      expect(stopped, describeRun(output())).toBe(true);
      expect(output().code, describeRun(output())).toBe(0);
      expect(await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => 'refused')).toBe('refused');
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited(child);
      }
    }
  });
});

describe('rapport CLI configuration', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['INVITATION_TTL', 'abc', 'migrate'],
    ['PORT', '70000', 'serve'],
    ['DATABASE_URL', 'mysql://x', 'migrate'],
    ['WEEKLY_INVITATION_LIMIT', '-1', 'migrate'],
    ['REMINDER_SCHEDULE', '3d,1d', 'serve'],
    ['SMTP_URL', 'http://mail.example', 'worker'],
  ])('%s=%s stops `%s` with a message naming the variable', async (variable, value, command) => {
    const file = join(dir, `${variable}.db`);
    const run = await rapport([command], { DATABASE_URL: `file:${file}`, PORT: '0', [variable]: value });
    expect(run.code, describeRun(run)).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stderr).toContain(variable);
    // It stopped before touching the database.
    expect(existsSync(file)).toBe(false);
  });
});

describe('rapport demo (sqlite)', () => {
  let database: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    h = await appOn(database, 'sqlite');
  });
  afterAll(async () => h?.close());

  it('loads a demo network into an empty database, prints its log-ins, and refuses a second time', async () => {
    const run = await rapport(['demo'], { DATABASE_URL: database.url }, 150_000);
    expect(run.code, describeRun(run)).toBe(0);
    for (const email of ['alice@northwind.example', 'bob@contoso.example', 'support@rapport.example', 'admin@rapport.example']) {
      expect(run.stdout).toContain(email);
    }
    const password = /alice@northwind\.example\s+(\S+)/.exec(run.stdout)?.[1];
    expect(password).toBeTruthy();

    const db = database.db;
    const members = await db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(members.n)).toBeGreaterThanOrEqual(200);
    // The demo's addresses are its own: every one is verified.
    expect(await db.selectFrom('members').select('id').where('email_verified_at', 'is', null).execute()).toEqual([]);
    const statuses = await db
      .selectFrom('invitations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const stored = new Set(statuses.map((s) => s.status));
    for (const status of ['pending', 'accepted', 'ignored', 'withdrawn'] as const) expect(stored, status).toContain(status);

    // Through the API, as the printed log-in: every status a sender can filter on has invitations, expired included.
    const login = await call(h, 'POST', '/api/v1/auth/tokens', { body: { email: 'alice@northwind.example', password } });
    expect(login.status).toBe(201);
    for (const status of ['pending', 'accepted', 'withdrawn', 'expired']) {
      const page = await call(h, 'GET', `/api/v1/invitations/sent?status=${status}`, { token: login.body.token });
      expect(page.status).toBe(200);
      expect(page.body.items.length, status).toBeGreaterThan(0);
    }

    // Messaging in both views: Alice has the new experience with unread conversations, a group among
    // them; Bob the classic inbox, with messages among his invitations.
    const me = await call(h, 'GET', '/api/v1/me', { token: login.body.token });
    expect(me.body.features['new-messaging']).toBe(true);
    expect(me.body.unread.messages).toBeGreaterThan(0);
    const conversations = await call(h, 'GET', '/api/v1/conversations', { token: login.body.token });
    expect(conversations.body.items.length).toBeGreaterThanOrEqual(3);
    expect(conversations.body.items.some((c: { participants: unknown[] }) => c.participants.length > 2)).toBe(true);
    const bob = await call(h, 'POST', '/api/v1/auth/tokens', { body: { email: 'bob@contoso.example', password } });
    expect((await call(h, 'GET', '/api/v1/me', { token: bob.body.token })).body.features['new-messaging']).toBe(false);
    const inbox = await call(h, 'GET', '/api/v1/inbox?folder=received&limit=100', { token: bob.body.token });
    const kinds = new Set(inbox.body.items.map((i: { kind: string }) => i.kind));
    expect(kinds).toEqual(new Set(['message', 'invitation']));

    const again = await rapport(['demo'], { DATABASE_URL: database.url });
    expect(again.code, describeRun(again)).not.toBe(0);
    expect(again.stderr).toMatch(/already/);
    const after = await db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(members.n));
  }, 180_000);
});
