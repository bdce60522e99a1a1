/**
 * Accept against withdraw, for real: the two calls of each pair are in flight at the same moment,
 * on PostgreSQL through two server processes (one takes the accepts, the other the withdrawals),
 * on SQLite through one. Every pair must have exactly one winner and a clean conflict for the loser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DialectName } from '../../src/db/database.js';
import { sendInvitation } from '../../src/invitations/send.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestDatabase, deadlocksIn, DIALECTS, type TestDatabase } from '../support/databases.js';
import { makeMember, type TestMember } from '../support/harness.js';
import { callServer, mapLimit, type ServerProcess, startServerProcess } from '../support/servers.js';

const INVITATIONS = 500;
const SENDERS = 10;
const RECIPIENTS = INVITATIONS / SENDERS;
const PAIRS_IN_FLIGHT = 25;

interface Race {
  id: string;
  sender: TestMember;
  recipient: TestMember;
}

describe.each(DIALECTS)('accept racing withdraw over HTTP (%s)', (dialect: DialectName) => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  const races: Race[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const serverCount = dialect === 'postgres' ? 2 : 1;
    const starting = Promise.allSettled(Array.from({ length: serverCount }, () => startServerProcess(database.url)));

    // The invitations are made directly, with the real clock the servers use too.
    const config = loadConfig({ DATABASE_URL: database.url, WEEKLY_INVITATION_LIMIT: '1000' });
    const deps = { config, clock: systemClock, dialect };
    const senders: TestMember[] = [];
    const recipients: TestMember[] = [];
    for (let i = 0; i < SENDERS; i++) senders.push(await makeMember({ database, clock: systemClock, config }));
    for (let i = 0; i < RECIPIENTS; i++) recipients.push(await makeMember({ database, clock: systemClock, config }));
    await Promise.all(
      senders.map(async (sender) => {
        for (const recipient of recipients) {
          const inv = await sendInvitation(database.db, deps, { memberId: sender.id, role: 'member', path: 'api' }, { recipient: { memberId: recipient.id } });
          races.push({ id: inv.id, sender, recipient });
        }
      }),
    );
    const started = await starting;
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  });

  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await database?.drop();
  });

  it(`gives each of ${INVITATIONS} invitations exactly one winner`, async () => {
    expect(races).toHaveLength(INVITATIONS);
    const acceptVia = servers[0]!.url;
    const withdrawVia = servers[servers.length - 1]!.url;

    const outcomes = await mapLimit(races, PAIRS_IN_FLIGHT, async (race) => {
      // Both requests are started before either is awaited: they are in flight together.
      const [accept, withdraw] = await Promise.all([
        callServer(acceptVia, 'POST', `/api/v1/invitations/${race.id}/accept`, race.recipient.token),
        callServer(withdrawVia, 'POST', `/api/v1/invitations/${race.id}/withdraw`, race.sender.token),
      ]);
      return { race, accept, withdraw };
    });

    const problems: string[] = [];
    const winners = new Map<string, 'accepted' | 'withdrawn'>();
    for (const { race, accept, withdraw } of outcomes) {
      const seen = `${race.id}: accept ${accept.status} ${JSON.stringify(accept.body).slice(0, 200)}, withdraw ${withdraw.status} ${JSON.stringify(withdraw.body).slice(0, 200)}`;
      const acceptWon = accept.status === 200;
      const withdrawWon = withdraw.status === 200;
      if (acceptWon === withdrawWon) {
        problems.push(`not exactly one winner — ${seen}`);
        continue;
      }
      if (acceptWon) {
        if (!(withdraw.status === 409 && withdraw.body?.error?.code === 'not_withdrawable')) problems.push(`withdraw lost badly — ${seen}`);
        if (accept.body?.invitation?.status !== 'accepted' || accept.body?.connection?.memberId !== race.sender.id) problems.push(`odd accept reply — ${seen}`);
        winners.set(race.id, 'accepted');
      } else {
        const code = accept.body?.error?.code;
        if (!((accept.status === 409 && code === 'not_pending') || (accept.status === 404 && code === 'not_found')))
          problems.push(`accept lost badly — ${seen}`);
        if (withdraw.body?.status !== 'withdrawn') problems.push(`odd withdraw reply — ${seen}`);
        winners.set(race.id, 'withdrawn');
      }
    }
    expect({ problems: problems.length, first: problems.slice(0, 3) }).toEqual({ problems: 0, first: [] });

    const rows = await database.db.selectFrom('invitations').select(['id', 'status', 'sender_id', 'recipient_member_id']).execute();
    expect(rows).toHaveLength(INVITATIONS);
    for (const row of rows) expect(row.status, row.id).toBe(winners.get(row.id));

    const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    const connections = await database.db.selectFrom('connections').select(['member_a', 'member_b', 'invitation_id']).execute();
    const expected = rows
      .filter((r) => r.status === 'accepted')
      .map((r) => pair(r.sender_id, r.recipient_member_id!))
      .sort();
    expect(connections.map((c) => pair(c.member_a, c.member_b)).sort()).toEqual(expected);
    for (const c of connections) expect(winners.get(c.invitation_id!)).toBe('accepted');

    // The trail agrees: one audit row per invitation for the winning action, none for the loser.
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['invitation_id', 'action'])
      .where('action', 'in', ['invitation.accepted', 'invitation.withdrawn'])
      .execute();
    expect(audit).toHaveLength(INVITATIONS);
    for (const a of audit) expect(a.action).toBe(`invitation.${winners.get(a.invitation_id!)}`);

    // The losers' replies were clean, so neither server logged an unhandled error.
    for (const server of servers) expect(server.output()).not.toMatch(/unhandled error/);
    // Nor did any transaction deadlock (and succeed only when retried).
    await Promise.all(servers.map((s) => s.stop()));
    expect(await deadlocksIn(database)).toBe(0);
  });
});
