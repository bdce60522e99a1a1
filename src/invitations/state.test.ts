import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/databases.js';
import { makeInvitation } from '../../test/support/factories.js';
import { loadConfig } from '../config.js';
import type { InvitationStatus, InvitationUpdate } from '../db/schema.js';
import { insertMember } from '../members/store.js';
import { ManualClock } from '../shared/clock.js';
import { newId } from '../shared/crypto.js';
import { canMove, FINAL_STATES, type Move, OPEN_STATES, TRANSITIONS } from './state.js';
import { applyMove } from './store.js';

const STATUSES: InvitationStatus[] = ['pending', 'accepted', 'ignored', 'withdrawn', 'expired'];
const MOVES = Object.keys(TRANSITIONS) as Move[];

describe('the transition table', () => {
  it('has no move out of a final state', () => {
    for (const status of FINAL_STATES) {
      for (const move of MOVES) expect(canMove(status, move), `${move} from ${status}`).toBe(false);
    }
  });

  it('splits every status into open or final, and open ones can move', () => {
    expect([...OPEN_STATES, ...FINAL_STATES].sort()).toEqual([...STATUSES].sort());
    for (const status of OPEN_STATES) expect(MOVES.some((move) => canMove(status, move))).toBe(true);
  });

  it('moves only from open states, into the state each move names', () => {
    expect(Object.fromEntries(MOVES.map((m) => [m, TRANSITIONS[m].to]))).toEqual({
      accept: 'accepted',
      ignore: 'ignored',
      withdraw: 'withdrawn',
      expire: 'expired',
    });
    for (const move of MOVES) for (const from of TRANSITIONS[move].from) expect(OPEN_STATES).toContain(from);
  });

  it('lets the sender withdraw an ignored invitation, which still expires, but never accepts it', () => {
    expect(canMove('ignored', 'withdraw')).toBe(true);
    expect(canMove('ignored', 'expire')).toBe(true);
    expect(canMove('ignored', 'accept')).toBe(false);
    expect(canMove('ignored', 'ignore')).toBe(false);
  });
});

describe.each(DIALECTS)('applyMove follows the table (%s)', (dialect) => {
  let database: TestDatabase;
  let senderId: string;
  const now = '2026-06-01T09:00:00.000Z';
  const later = '2026-07-01T09:00:00.000Z';
  const earlier = '2026-05-01T09:00:00.000Z';

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    senderId = newId();
    await insertMember(database.db, {
      id: senderId,
      email: `sender.${senderId.toLowerCase()}@example.test`,
      name: 'Sender',
      passwordHash: 'not-a-real-hash',
      role: 'member',
      balance: 10,
      createdAt: earlier,
    });
  });
  afterAll(async () => database?.drop());

  /** Stores an e-mail invitation in `status` (each to its own address, so no unique index interferes). */
  async function storedInvitation(status: InvitationStatus, expiresAt: string): Promise<string> {
    const at = { database, clock: new ManualClock(Date.parse(earlier)), config: loadConfig({}) };
    return (await makeInvitation(at, { sender_id: senderId, status, expires_at: expiresAt })).id;
  }

  // A move is one step of a change: it runs in a transaction.
  const applyMoveIn = (id: string, move: Move, at: string, set: InvitationUpdate) =>
    database.db.transaction().execute((trx) => applyMove(trx, id, move, at, set));

  const statusOf = async (id: string) => (await database.db.selectFrom('invitations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('succeeds exactly from the source states of each move, and leaves the others untouched', async () => {
    for (const move of MOVES) {
      const t = TRANSITIONS[move];
      // Live moves need the invitation within its lifetime; expiry needs it past.
      const expiresAt = t.live ? later : earlier;
      for (const status of STATUSES) {
        const id = await storedInvitation(status, expiresAt);
        const row = await applyMoveIn(id, move, now, {});
        if (canMove(status, move)) {
          expect(row, `${move} from ${status}`).toBeDefined();
          expect(row!.status).toBe(t.to);
          expect(await statusOf(id)).toBe(t.to);
        } else {
          expect(row, `${move} from ${status}`).toBeUndefined();
          expect(await statusOf(id)).toBe(status);
        }
      }
    }
  });

  it('a live move fails past the expiry time, and expiry fails before it', async () => {
    for (const move of MOVES) {
      const t = TRANSITIONS[move];
      const id = await storedInvitation('pending', t.live ? now : later);
      expect(await applyMoveIn(id, move, now, {}), move).toBeUndefined();
      expect(await statusOf(id)).toBe('pending');
    }
  });

  it('only one of two racing moves wins', async () => {
    const id = await storedInvitation('pending', later);
    expect(await applyMoveIn(id, 'accept', now, { responded_at: now })).toBeDefined();
    expect(await applyMoveIn(id, 'withdraw', now, { withdrawn_at: now })).toBeUndefined();
    const row = await database.db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'accepted', responded_at: now, withdrawn_at: null });
  });
});
