/**
 * Races with one winner: a block and invitations between the same two members; two members
 * starting their conversation at the same moment make one, and
 * concurrent sends each get an ordering key of their own, with every unread count exact. Over HTTP,
 * all at once (on PostgreSQL through a pool of connections, so truly concurrent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairKey } from '../../src/shared/pairs.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, type Harness, makeMember } from '../support/harness.js';
import { connect, start } from './support.js';

const expectNoSendAfter = (reply: { status: number; body: any }) => {
  expect(reply.status, JSON.stringify(reply.body)).toBe(403);
  expect(reply.body.error.code).toBe('not_connected');
};

describe.each(DIALECTS)('messaging races (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { env: { MESSAGE_DAILY_LIMIT: '10000' } });
  });
  afterAll(async () => h?.close());

  it('a block racing invitations between the two leaves none of them waiting for an answer, whichever commits first', async () => {
    for (let round = 0; round < 8; round++) {
      const ann = await makeMember(h);
      const ben = await makeMember(h);
      const [blocker, other] = round % 2 ? [ann, ben] : [ben, ann];
      const [blocked, ...invites] = await Promise.all([
        as(h, blocker).post(`/api/v1/members/${other.id}/block`, {}),
        // (Only from one side: two members inviting each other at the same moment is a race of its
        // own, which the pair's unique index decides.)
        as(h, other).post('/api/v1/invitations', { memberId: blocker.id }),
        as(h, other).post('/api/v1/invitations', { email: blocker.email }),
      ]);
      expect(blocked!.status, JSON.stringify(blocked!.body)).toBe(204);
      for (const i of invites) expect([201, 409, 422], JSON.stringify(i.body)).toContain(i.status);
      // Nothing of the other's waits for the blocker; the blocker's invitation to the other's address
      // stays pending to the blocker, but no longer reaches the other in the app nor sends anything.
      const open = await h.database.db
        .selectFrom('invitations')
        .select(['id', 'sender_id', 'recipient_member_id'])
        .where('status', '=', 'pending')
        .where('sender_id', 'in', [ann.id, ben.id])
        .execute();
      expect(open.filter((i) => i.sender_id === other.id)).toEqual([]);
      for (const inv of open) expect(inv.recipient_member_id).toBeNull();
      const queued = await h.database.db
        .selectFrom('outbox')
        .select('id')
        .where('invitation_id', 'in', open.map((i) => i.id).concat(['none']))
        .where('status', '=', 'queued')
        .execute();
      expect(queued).toEqual([]);
      expectNoSendAfter(await as(h, other).post('/api/v1/conversations', { memberIds: [blocker.id], text: 'after' }));
    }
  });

  it('a reply racing the withdrawal of its invitation: either the reply lands first, or it is not_found and leaves nothing', async () => {
    for (let round = 0; round < 8; round++) {
      const ann = await makeMember(h);
      const ben = await makeMember(h);
      const sent = await as(h, ben).post('/api/v1/invitations', { memberId: ann.id });
      expect(sent.status).toBe(201);
      const [reply, withdrawn] = await Promise.all([
        as(h, ann).post(`/api/v1/invitations/${sent.body.id}/reply`, { text: 'Who are you?' }),
        as(h, ben).post(`/api/v1/invitations/${sent.body.id}/withdraw`, {}),
      ]);
      expect(withdrawn!.status).toBe(200);
      expect([201, 404], JSON.stringify(reply!.body)).toContain(reply!.status);
      const row = await h.database.db.selectFrom('invitations').select(['status', 'replied_at']).where('id', '=', sent.body.id).executeTakeFirstOrThrow();
      const messages = await h.database.db.selectFrom('messages').select('id').where('sender_id', '=', ann.id).execute();
      expect(row.status).toBe('withdrawn');
      expect(row.replied_at !== null).toBe(reply!.status === 201);
      expect(messages).toHaveLength(reply!.status === 201 ? 1 : 0);
      // Withdrawn and not connected: the conversation, if there is one, takes no more messages.
      if (reply!.status === 201) expectNoSendAfter(await as(h, ben).post(`/api/v1/conversations/${reply!.body.conversation.id}/messages`, { text: 'Hi' }));
    }
  });

  it('concurrent starts of the same pair, from both sides, make one conversation holding every message', async () => {
    for (let round = 0; round < 5; round++) {
      const ann = await makeMember(h);
      const ben = await makeMember(h);
      await connect(h, ann, ben);
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          as(h, i % 2 ? ben : ann).post('/api/v1/conversations', { memberIds: [i % 2 ? ann.id : ben.id], text: `start ${i}` }),
        ),
      );
      for (const reply of replies) expect([200, 201], JSON.stringify(reply.body)).toContain(reply.status);
      expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
      expect(new Set(replies.map((r) => r.body.conversation.id)).size).toBe(1);
      const rows = await h.database.db.selectFrom('conversations').select('id').where('pair_key', '=', pairKey(ann.id, ben.id)).execute();
      expect(rows).toHaveLength(1);
      const messages = await h.database.db
        .selectFrom('messages')
        .select(['seq', 'sender_id'])
        .where('conversation_id', '=', rows[0]!.id)
        .orderBy('seq')
        .execute();
      expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const members = await h.database.db.selectFrom('conversation_members').selectAll().where('conversation_id', '=', rows[0]!.id).execute();
      expect(members).toHaveLength(2);
      // Each side's unread count is the others' messages after its own last one.
      for (const m of members) {
        const lastOwn = Math.max(0, ...messages.filter((x) => x.sender_id === m.member_id).map((x) => x.seq));
        expect(m.unread_count).toBe(messages.filter((x) => x.sender_id !== m.member_id && x.seq > lastOwn).length);
      }
    }
  });

  it('concurrent sends, reads and unreads get distinct ordering keys and leave exact unread counts', async () => {
    const members = await Promise.all(Array.from({ length: 4 }, () => makeMember(h)));
    const [first, ...others] = members;
    for (const other of others) await connect(h, first!, other);
    const { conversation } = await start(h, first!, others, 'kick-off');
    const url = `/api/v1/conversations/${conversation.id}`;
    const work = members.flatMap((m, i) =>
      Array.from({ length: 10 }, (_, k) => {
        if (k % 5 === 4) return as(h, m).post(`${url}/read`);
        if (k % 7 === 6) return as(h, m).post(`${url}/unread`);
        return as(h, m).post(`${url}/messages`, { text: `m${i}.${k}` });
      }),
    );
    const replies = await Promise.all(work);
    for (const reply of replies) expect([201, 204], JSON.stringify(reply.body)).toContain(reply.status);
    const messages = await h.database.db
      .selectFrom('messages')
      .select(['seq', 'sender_id'])
      .where('conversation_id', '=', conversation.id)
      .orderBy('seq')
      .execute();
    const sends = replies.filter((r) => r.status === 201).length;
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: sends + 1 }, (_, i) => i + 1));
    // Each member's count matches its read position, whatever order things landed in.
    const sides = await h.database.db.selectFrom('conversation_members').selectAll().where('conversation_id', '=', conversation.id).execute();
    for (const side of sides) {
      expect(side.unread_count).toBe(messages.filter((x) => x.sender_id !== side.member_id && x.seq > side.read_seq).length);
    }
    // Reading leaves nothing unread, for everyone.
    await Promise.all(members.map((m) => as(h, m).post(`${url}/read`)));
    for (const m of members) expect((await as(h, m).get(url)).body.unreadCount).toBe(0);
  });
});
