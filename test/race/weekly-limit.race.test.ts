/**
 * The weekly limit under real concurrency: one member fires 500 sends at once against a limit of
 * 100 — on PostgreSQL spread over two server processes, on SQLite through one. Exactly 100 get in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DialectName } from '../../src/db/database.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { makeMember, type TestMember } from '../support/harness.js';
import { callServer, type ServerProcess, startServerProcess } from '../support/servers.js';

const SENDS = 500;
const LIMIT = 100;
const BALANCE = 3000;

describe.each(DIALECTS)('the weekly limit under concurrent sends (%s)', (dialect: DialectName) => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  let sender: TestMember;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    // With the real clock, as the servers use.
    const config = loadConfig({ DATABASE_URL: database.url });
    sender = await makeMember({ database, clock: systemClock, config }, { balance: BALANCE });
    const env = { WEEKLY_INVITATION_LIMIT: String(LIMIT) };
    const started = await Promise.allSettled(Array.from({ length: dialect === 'postgres' ? 2 : 1 }, () => startServerProcess(database.url, env)));
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  });

  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await database?.drop();
  });

  it(`lets exactly ${LIMIT} of ${SENDS} simultaneous sends through`, async () => {
    const run = `${Date.now().toString(36)}`;
    const replies = await Promise.all(
      Array.from({ length: SENDS }, (_, i) =>
        callServer(servers[i % servers.length]!.url, 'POST', '/api/v1/invitations', sender.token, { email: `guest${i}.${run}@outside.test` }),
      ),
    );

    const byStatus = new Map<number, number>();
    for (const r of replies) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 201: LIMIT, 429: SENDS - LIMIT });
    for (const r of replies) {
      if (r.status === 429) {
        expect(r.body.error.code).toBe('weekly_limit_reached');
        expect(r.body.error.details.retryAt).toEqual(expect.any(String));
      } else {
        expect(r.body).toMatchObject({ status: 'pending', channel: 'email', sender: { id: sender.id } });
      }
    }

    const created = replies.filter((r) => r.status === 201).map((r) => r.body.id as string);
    expect(new Set(created).size).toBe(LIMIT);
    const rows = await database.db.selectFrom('invitations').select(['id', 'status']).where('sender_id', '=', sender.id).execute();
    expect(rows.map((r) => r.id).sort()).toEqual([...created].sort());

    const member = await database.db.selectFrom('members').select('invitation_balance').where('id', '=', sender.id).executeTakeFirstOrThrow();
    expect(member.invitation_balance).toBe(BALANCE - LIMIT);

    const me = await callServer(servers[0]!.url, 'GET', '/api/v1/me', sender.token);
    expect(me.body.balance).toMatchObject({ available: BALANCE - LIMIT, weeklyLimit: LIMIT, sentLast7Days: LIMIT });

    // The refusals rolled back whole: no audit row, no queued message for a send that did not happen.
    const sentAudit = await database.db.selectFrom('audit_log').select('invitation_id').where('action', '=', 'invitation.sent').execute();
    expect(sentAudit.map((a) => a.invitation_id).sort()).toEqual([...created].sort());
    const invitationMessages = await database.db.selectFrom('outbox').select('invitation_id').where('kind', '=', 'invitation').execute();
    expect(invitationMessages.map((m) => m.invitation_id).sort()).toEqual([...created].sort());

    for (const server of servers) expect(server.output()).not.toMatch(/unhandled error/);
  });
});
