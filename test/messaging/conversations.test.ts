import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, expectRefusal, type Harness, makeMember, type TestMember } from '../support/harness.js';
import { connect, send, start } from './support.js';

describe.each(DIALECTS)('conversations (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { env: { MESSAGE_DAILY_LIMIT: '1000' } });
  });
  afterAll(async () => h?.close());

  /** Members all connected with the first. */
  async function circle(n: number): Promise<TestMember[]> {
    const members: TestMember[] = [];
    for (let i = 0; i < n; i++) members.push(await makeMember(h, { name: `Person ${i}`, headline: `Role ${i}` }));
    for (const other of members.slice(1)) await connect(h, members[0]!, other);
    return members;
  }

  const conversationOf = async (m: TestMember, id: string) => {
    const res = await as(h, m).get(`/api/v1/conversations/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const listOf = async (m: TestMember, query = '') => {
    const res = await as(h, m).get(`/api/v1/conversations${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as any[];
  };
  const threadOf = async (m: TestMember, id: string, query = '') => {
    const res = await as(h, m).get(`/api/v1/conversations/${id}/messages${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: any[]; nextCursor: string | null };
  };
  const unreadOf = async (m: TestMember) => (await as(h, m).get('/api/v1/me')).body.unread.messages as number;

  describe('starting', () => {
    it('starts a direct conversation with a connection: 201 with the conversation and its first message', async () => {
      const [ann, ben] = await circle(2);
      const res = await as(h, ann!).post('/api/v1/conversations', { memberIds: [ben!.id], text: 'Hi Ben', subject: 'Lunch' });
      expect(res.status).toBe(201);
      const { conversation, message } = res.body;
      expect(message).toEqual({
        id: expect.any(String),
        conversationId: conversation.id,
        sender: { id: ann!.id, name: 'Person 0' },
        text: 'Hi Ben',
        attachments: [],
        createdAt: h.clock.now().toISOString(),
      });
      expect(conversation).toEqual({
        id: expect.any(String),
        participants: [
          { id: ann!.id, name: 'Person 0', headline: 'Role 0' },
          { id: ben!.id, name: 'Person 1', headline: 'Role 1' },
        ],
        subject: 'Lunch',
        lastMessage: { id: message.id, sender: { id: ann!.id, name: 'Person 0' }, text: 'Hi Ben', attachments: [], createdAt: message.createdAt },
        unreadCount: 0,
        muted: false,
        archived: false,
        createdAt: message.createdAt,
        updatedAt: message.createdAt,
      });
      // The recipient has one unread message, in the conversation and in /me.
      const theirs = await conversationOf(ben!, conversation.id);
      expect(theirs.unreadCount).toBe(1);
      expect(await unreadOf(ben!)).toBe(1);
      expect(await unreadOf(ann!)).toBe(0);
      const me = (await as(h, ben!).get('/api/v1/me')).body;
      expect(me.unread).toEqual({ messages: 1, invitations: 0 });
    });

    it('reuses the direct conversation of a pair, from either side: 200, the same conversation', async () => {
      const [ann, ben] = await circle(2);
      const first = await start(h, ann!, [ben!], 'One');
      h.clock.advance(1000);
      const again = await as(h, ben!).post('/api/v1/conversations', { memberIds: [ann!.id], text: 'Two' });
      expect(again.status).toBe(200);
      expect(again.body.conversation.id).toBe(first.conversation.id);
      expect(again.body.conversation.lastMessage.text).toBe('Two');
      const third = await as(h, ann!).post('/api/v1/conversations', { memberIds: [ben!.id, ben!.id, ann!.id], text: 'Three' });
      expect(third.status).toBe(200);
      expect(third.body.conversation.id).toBe(first.conversation.id);
      const thread = await threadOf(ann!, first.conversation.id);
      expect(thread.items.map((m) => m.text)).toEqual(['Three', 'Two', 'One']);
      expect((await listOf(ann!)).filter((c) => c.id === first.conversation.id)).toHaveLength(1);
    });

    it('starts a group with members connected to the starter; each group is its own conversation', async () => {
      const [ann, ben, cat] = await circle(3);
      const one = await as(h, ann!).post('/api/v1/conversations', { memberIds: [ben!.id, cat!.id], text: 'Hello all' });
      expect(one.status).toBe(201);
      expect(one.body.conversation.participants.map((p: any) => p.id)).toEqual([ann!.id, ben!.id, cat!.id]); // joined together: by name
      const two = await as(h, ann!).post('/api/v1/conversations', { memberIds: [ben!.id, cat!.id], text: 'Again' });
      expect(two.status).toBe(201);
      expect(two.body.conversation.id).not.toBe(one.body.conversation.id);
      expect((await conversationOf(cat!, one.body.conversation.id)).unreadCount).toBe(1);
    });

    it('refuses members one is not connected with as not_connected, existing or not', async () => {
      const [ann, ben] = await circle(2);
      const stranger = await makeMember(h);
      expectRefusal(await as(h, ann!).post('/api/v1/conversations', { memberIds: [stranger.id], text: 'Hi' }), 403, 'not_connected');
      expectRefusal(await as(h, ann!).post('/api/v1/conversations', { memberIds: ['no-such-member'], text: 'Hi' }), 403, 'not_connected');
      // A group needs a connection with each.
      expectRefusal(await as(h, ann!).post('/api/v1/conversations', { memberIds: [ben!.id, stranger.id], text: 'Hi' }), 403, 'not_connected');
      // Ben's connection with Ann does not let Ben's stranger in, nor the stranger reach Ann.
      expectRefusal(await as(h, stranger).post('/api/v1/conversations', { memberIds: [ann!.id], text: 'Hi' }), 403, 'not_connected');
      expect(await listOf(ann!)).toEqual([]);
    });

    it('allows 50 participants and refuses 51 as too_many_participants', async () => {
      const members = await circle(51);
      const [first, ...others] = members;
      expectRefusal(await as(h, first!).post('/api/v1/conversations', { memberIds: others.map((m) => m.id), text: 'Too many' }), 422, 'too_many_participants');
      const ok = await as(h, first!).post('/api/v1/conversations', { memberIds: others.slice(0, 49).map((m) => m.id), text: 'Fifty' });
      expect(ok.status).toBe(201);
      expect(ok.body.conversation.participants).toHaveLength(50);
    });

    it('refuses a conversation with oneself only', async () => {
      const [ann] = await circle(1);
      expectRefusal(await as(h, ann!).post('/api/v1/conversations', { memberIds: [ann!.id], text: 'Me' }), 400, 'validation_failed');
    });
  });

  describe('text', () => {
    it('removes control characters but keeps newlines; refuses what is empty after that, or too long', async () => {
      const [ann, ben] = await circle(2);
      const { conversation } = await start(h, ann!, [ben!]);
      const sent = await send(h, ann!, conversation.id, 'line one\r\nline\u0007 two\u202e\n\tthree');
      expect(sent.text).toBe('line one\nline two\nthree');
      for (const text of ['', ' \n ', '\u0001\u0002']) {
        expectRefusal(await as(h, ann!).post(`/api/v1/conversations/${conversation.id}/messages`, { text }), 400, 'validation_failed');
      }
      expect((await as(h, ann!).post(`/api/v1/conversations/${conversation.id}/messages`, { text: 'x'.repeat(8000) })).status).toBe(201);
      expectRefusal(await as(h, ann!).post(`/api/v1/conversations/${conversation.id}/messages`, { text: 'x'.repeat(8001) }), 400, 'validation_failed');
    });
  });

  describe('read and unread', () => {
    it('counts unread messages per conversation and in /me, reads up to a message, and marks unread again', async () => {
      const [ann, ben, cat] = await circle(3);
      const direct = await start(h, ann!, [ben!], 'a1');
      const group = await start(h, ann!, [ben!, cat!], 'g1');
      h.clock.advance(1000);
      const a2 = await send(h, ann!, direct.conversation.id, 'a2');
      await send(h, ann!, direct.conversation.id, 'a3');
      expect((await conversationOf(ben!, direct.conversation.id)).unreadCount).toBe(3);
      expect(await unreadOf(ben!)).toBe(4);

      // Up to a2: one left.
      expect((await as(h, ben!).post(`/api/v1/conversations/${direct.conversation.id}/read`, { upTo: a2.id })).status).toBe(204);
      expect((await conversationOf(ben!, direct.conversation.id)).unreadCount).toBe(1);
      // Reading up to an earlier message does not move the position back.
      expect((await as(h, ben!).post(`/api/v1/conversations/${direct.conversation.id}/read`, { upTo: direct.message.id })).status).toBe(204);
      expect((await conversationOf(ben!, direct.conversation.id)).unreadCount).toBe(1);
      // Without upTo: everything.
      expect((await as(h, ben!).post(`/api/v1/conversations/${direct.conversation.id}/read`)).status).toBe(204);
      expect((await conversationOf(ben!, direct.conversation.id)).unreadCount).toBe(0);
      expect(await unreadOf(ben!)).toBe(1);

      // Unread: the latest message of someone else is unread again.
      expect((await as(h, ben!).post(`/api/v1/conversations/${direct.conversation.id}/unread`)).status).toBe(204);
      expect((await conversationOf(ben!, direct.conversation.id)).unreadCount).toBe(1);
      expect((await listOf(ben!, '?unread=true')).map((c) => c.id)).toEqual([direct.conversation.id, group.conversation.id]);

      // A reply marks the sender's side read; the other side counts it.
      await send(h, ben!, direct.conversation.id, 'b1');
      expect((await conversationOf(ben!, direct.conversation.id)).unreadCount).toBe(0);
      expect((await conversationOf(ann!, direct.conversation.id)).unreadCount).toBe(1);
      // With nothing from anyone else, unread changes nothing.
      expect((await as(h, cat!).post(`/api/v1/conversations/${group.conversation.id}/read`)).status).toBe(204);
      expect((await as(h, ann!).post(`/api/v1/conversations/${group.conversation.id}/unread`)).status).toBe(204);
      expect((await conversationOf(ann!, group.conversation.id)).unreadCount).toBe(0);
    });

    it('refuses to read up to a message of another conversation as not_found', async () => {
      const [ann, ben, cat] = await circle(3);
      const one = await start(h, ann!, [ben!]);
      const two = await start(h, ann!, [cat!]);
      expectRefusal(await as(h, ben!).post(`/api/v1/conversations/${one.conversation.id}/read`, { upTo: two.message.id }), 404, 'not_found');
      expectRefusal(await as(h, ben!).post(`/api/v1/conversations/${one.conversation.id}/read`, { upTo: 'nothing' }), 404, 'not_found');
    });
  });

  describe('lists', () => {
    it('lists the most recently active first, by folder, unread only, and by name or subject', async () => {
      const [ann, ben, cat, dan] = await circle(4);
      const withBen = await start(h, ann!, [ben!], 'to Ben');
      h.clock.advance(1000);
      const withCat = await start(h, ann!, [cat!], 'to Cat', { subject: 'Quarterly plan' });
      h.clock.advance(1000);
      const withDan = await start(h, ann!, [dan!], 'to Dan');
      expect((await listOf(ann!)).map((c) => c.id)).toEqual([withDan, withCat, withBen].map((s) => s.conversation.id));
      // A new message moves a conversation to the top.
      h.clock.advance(1000);
      await send(h, ben!, withBen.conversation.id, 'back to you');
      expect((await listOf(ann!)).map((c) => c.id)).toEqual([withBen, withDan, withCat].map((s) => s.conversation.id));
      expect((await listOf(ann!, '?unread=true')).map((c) => c.id)).toEqual([withBen.conversation.id]);
      expect((await listOf(ann!, '?q=person%203')).map((c) => c.id)).toEqual([withDan.conversation.id]);
      expect((await listOf(ann!, '?q=QUARTERLY')).map((c) => c.id)).toEqual([withCat.conversation.id]);
      expect(await listOf(ann!, '?q=%25')).toEqual([]);
      // Ann is not found by her own name in her own list.
      expect(await listOf(ann!, '?q=person%200')).toEqual([]);

      // Pages of one, each once.
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const res: { body: { items: any[]; nextCursor: string | null } } = await as(h, ann!).get(
          `/api/v1/conversations?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...res.body.items.map((c: any) => c.id));
        cursor = res.body.nextCursor;
      }
      expect(seen).toEqual([withBen, withDan, withCat].map((s) => s.conversation.id));
      expectRefusal(await as(h, ann!).get('/api/v1/conversations?cursor=bogus'), 400, 'validation_failed');
    });

    it('archives and mutes for the member only; a new message brings an archived one back to the inbox', async () => {
      const [ann, ben] = await circle(2);
      const { conversation } = await start(h, ann!, [ben!]);
      const patched = await as(h, ben!).patch(`/api/v1/conversations/${conversation.id}`, { archived: true, muted: true });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ id: conversation.id, archived: true, muted: true });
      expect((await listOf(ben!)).map((c) => c.id)).not.toContain(conversation.id);
      expect((await listOf(ben!, '?folder=archived')).map((c) => c.id)).toEqual([conversation.id]);
      expect(await conversationOf(ann!, conversation.id)).toMatchObject({ archived: false, muted: false });
      // An empty change changes nothing.
      expect((await as(h, ben!).patch(`/api/v1/conversations/${conversation.id}`, {})).body).toMatchObject({ archived: true, muted: true });

      await send(h, ann!, conversation.id, 'still there?');
      expect(await conversationOf(ben!, conversation.id)).toMatchObject({ archived: false, muted: true, unreadCount: 2 });
      expect((await listOf(ben!)).map((c) => c.id)).toEqual([conversation.id]);
      expect(await listOf(ben!, '?folder=archived')).toEqual([]);
      const unmuted = await as(h, ben!).patch(`/api/v1/conversations/${conversation.id}`, { muted: false });
      expect(unmuted.body.muted).toBe(false);
    });

    it('deletes for the member only: gone with its history, back with only what comes after', async () => {
      const [ann, ben] = await circle(2);
      const { conversation } = await start(h, ann!, [ben!], 'old one');
      await send(h, ann!, conversation.id, 'old two');
      expect((await as(h, ben!).delete(`/api/v1/conversations/${conversation.id}`)).status).toBe(204);
      expect(await listOf(ben!)).toEqual([]);
      expect(await listOf(ben!, '?folder=archived')).toEqual([]);
      expect(await unreadOf(ben!)).toBe(0);
      expect((await threadOf(ben!, conversation.id)).items).toEqual([]);
      expect((await conversationOf(ben!, conversation.id)).lastMessage).toBeNull();
      // The other side keeps everything.
      expect((await threadOf(ann!, conversation.id)).items.map((m) => m.text)).toEqual(['old two', 'old one']);
      expect((await listOf(ann!)).map((c) => c.id)).toEqual([conversation.id]);

      h.clock.advance(DAY);
      await send(h, ann!, conversation.id, 'new');
      expect((await listOf(ben!)).map((c) => c.id)).toEqual([conversation.id]);
      expect((await threadOf(ben!, conversation.id)).items.map((m) => m.text)).toEqual(['new']);
      expect(await conversationOf(ben!, conversation.id)).toMatchObject({ unreadCount: 1, lastMessage: { text: 'new' } });
      expect(await unreadOf(ben!)).toBe(1);

      // Starting the pair's conversation again brings back the deleter's own side too.
      expect((await as(h, ann!).delete(`/api/v1/conversations/${conversation.id}`)).status).toBe(204);
      expect(await listOf(ann!)).toEqual([]);
      const again = await as(h, ann!).post('/api/v1/conversations', { memberIds: [ben!.id], text: 'fresh start' });
      expect(again.status).toBe(200);
      expect((await threadOf(ann!, conversation.id)).items.map((m) => m.text)).toEqual(['fresh start']);
    });
  });

  describe('sending', () => {
    it('stops a direct conversation once the two are no longer connected', async () => {
      const [ann, ben, cat] = await circle(3);
      const direct = await start(h, ann!, [ben!]);
      const group = await start(h, ann!, [ben!, cat!]);
      expect((await as(h, ben!).delete(`/api/v1/connections/${ann!.id}`)).status).toBe(204);
      expectRefusal(await as(h, ann!).post(`/api/v1/conversations/${direct.conversation.id}/messages`, { text: 'hello?' }), 403, 'not_connected');
      expectRefusal(await as(h, ben!).post(`/api/v1/conversations/${direct.conversation.id}/messages`, { text: 'hello?' }), 403, 'not_connected');
      expectRefusal(await as(h, ann!).post('/api/v1/conversations', { memberIds: [ben!.id], text: 'again' }), 403, 'not_connected');
      // The history stays readable, and the group goes on.
      expect((await threadOf(ben!, direct.conversation.id)).items).toHaveLength(1);
      await send(h, ben!, group.conversation.id, 'in the group');
    });

    it('replays a send with the same Idempotency-Key and body; another body is idempotency_key_reused', async () => {
      const [ann, ben] = await circle(2);
      const { conversation } = await start(h, ann!, [ben!]);
      const url = `/api/v1/conversations/${conversation.id}/messages`;
      const headers = { 'idempotency-key': 'msg-1' };
      const first = await as(h, ann!).post(url, { text: 'once' }, { headers });
      expect(first.status).toBe(201);
      const second = await as(h, ann!).post(url, { text: 'once' }, { headers });
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expectRefusal(await as(h, ann!).post(url, { text: 'twice' }, { headers }), 422, 'idempotency_key_reused');
      // The same key in another conversation is another request.
      const other = await start(h, ben!, [ann!], 'x');
      expect(other.conversation.id).toBe(conversation.id);
      expect((await threadOf(ben!, conversation.id)).items.map((m) => m.text)).toEqual(['x', 'once', 'Hello']);
      // Another member's key is theirs alone.
      expect((await as(h, ben!).post(url, { text: 'once' }, { headers })).headers['idempotent-replayed']).toBeUndefined();
    });

    it('pages a thread of a few hundred messages newest first, each message exactly once', async () => {
      const [ann, ben] = await circle(2);
      const { conversation } = await start(h, ann!, [ben!], 'm0');
      const texts = ['m0'];
      for (let i = 1; i < 300; i++) {
        const from = i % 3 === 0 ? ben! : ann!;
        texts.push((await send(h, from, conversation.id, `m${i}`)).text);
        if (i % 50 === 0) h.clock.advance(1);
      }
      const seen: string[] = [];
      let cursor: string | null = '';
      let pages = 0;
      while (cursor !== null) {
        const page = await threadOf(ben!, conversation.id, `?limit=37${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(37);
        seen.push(...page.items.map((m) => m.text));
        cursor = page.nextCursor;
        pages += 1;
      }
      expect(pages).toBe(Math.ceil(300 / 37));
      expect(seen).toEqual(texts.reverse());
      expect((await threadOf(ben!, conversation.id, '?limit=100')).items).toHaveLength(100);
      expectRefusal(await as(h, ben!).get(`/api/v1/conversations/${conversation.id}/messages?cursor=YWJj`), 400, 'validation_failed');
    });
  });

  describe('reports', () => {
    it('takes a report from a participant and shows it to support with the participants and latest messages', async () => {
      const [ann, ben] = await circle(2);
      const { conversation } = await start(h, ann!, [ben!], 'first');
      for (let i = 0; i < 24; i++) await send(h, ann!, conversation.id, `spam ${i}`);
      const report = await as(h, ben!).post(`/api/v1/conversations/${conversation.id}/report`, { reason: 'spam', details: 'Keeps\u0000 selling\u0007 things' });
      expect(report.status).toBe(400);
      const ok = await as(h, ben!).post(`/api/v1/conversations/${conversation.id}/report`, { reason: 'spam', details: 'Keeps\u0007 selling things' });
      expect(ok.status).toBe(201);
      expect(ok.body).toEqual({
        id: expect.any(String),
        conversationId: conversation.id,
        reason: 'spam',
        details: 'Keeps selling things',
        createdAt: expect.any(String),
      });
      // What is sent after the report is not its context.
      await send(h, ann!, conversation.id, 'after the report');
      expectRefusal(await as(h, ben!).post(`/api/v1/conversations/${conversation.id}/report`, { reason: 'rude' }), 400, 'validation_failed');

      expectRefusal(await as(h, ben!).get('/api/v1/admin/conversation-reports'), 403, 'forbidden');
      for (const role of ['support', 'admin'] as const) {
        const agent = await makeMember(h, { role });
        const res = await as(h, agent).get('/api/v1/admin/conversation-reports?limit=100');
        expect(res.status).toBe(200);
        const mine = res.body.items.find((r: any) => r.id === ok.body.id);
        expect(mine).toMatchObject({
          reason: 'spam',
          details: 'Keeps selling things',
          reporter: { id: ben!.id, name: 'Person 1' },
          conversation: {
            id: conversation.id,
            subject: null,
            participants: [
              { id: ann!.id, name: 'Person 0' },
              { id: ben!.id, name: 'Person 1' },
            ],
          },
        });
        expect(mine.messages).toHaveLength(20);
        expect(mine.messages[0].text).toBe('spam 23');
        expect(mine.messages[19].text).toBe('spam 4');
      }
    });

    it('pages reports newest first', async () => {
      const [ann, ben] = await circle(2);
      const { conversation } = await start(h, ann!, [ben!]);
      const ids: string[] = [];
      for (const reason of ['spam', 'harassment', 'other']) {
        h.clock.advance(1000);
        ids.push((await as(h, ben!).post(`/api/v1/conversations/${conversation.id}/report`, { reason })).body.id);
      }
      const agent = await makeMember(h, { role: 'support' });
      const first = await as(h, agent).get('/api/v1/admin/conversation-reports?limit=2');
      expect(first.body.items.map((r: any) => r.id)).toEqual([ids[2], ids[1]]);
      const second = await as(h, agent).get(`/api/v1/admin/conversation-reports?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items[0].id).toBe(ids[0]);
    });
  });
});

describe.each(DIALECTS)('the daily message limit (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { env: { MESSAGE_DAILY_LIMIT: '3' } });
  });
  afterAll(async () => h?.close());

  it('refuses a send past MESSAGE_DAILY_LIMIT in any 24 hours with 429 message_limit_reached, and says when', async () => {
    const ann = await makeMember(h);
    const ben = await makeMember(h);
    const cat = await makeMember(h);
    await connect(h, ann, ben);
    await connect(h, ann, cat);
    const { conversation } = await start(h, ann, [ben], 'one');
    const firstAt = h.clock.now().getTime();
    h.clock.advance(3_600_000);
    await send(h, ann, conversation.id, 'two');
    await start(h, ann, [cat], 'three');
    const refused = await as(h, ann).post(`/api/v1/conversations/${conversation.id}/messages`, { text: 'four' });
    expectRefusal(refused, 429, 'message_limit_reached');
    expect(refused.body.error.details.retryAt).toBe(new Date(firstAt + DAY).toISOString());
    expect(refused.headers['retry-after']).toBe(String(23 * 3600));
    expectRefusal(await as(h, ann).post('/api/v1/conversations', { memberIds: [ben.id], text: 'four' }), 429, 'message_limit_reached');
    // The others are not limited by it.
    await send(h, ben, conversation.id, 'reply');
    // Once the first leaves the window, one more.
    h.clock.advance(23 * 3_600_000);
    await send(h, ann, conversation.id, 'four');
    expectRefusal(await as(h, ann).post(`/api/v1/conversations/${conversation.id}/messages`, { text: 'five' }), 429, 'message_limit_reached');
  });

  it('replays a refused send under its Idempotency-Key as the same refusal, with Retry-After counted from the replay', async () => {
    const ann = await makeMember(h);
    const ben = await makeMember(h);
    await connect(h, ann, ben);
    const { conversation } = await start(h, ann, [ben], 'one');
    const firstAt = h.clock.now().getTime();
    await send(h, ann, conversation.id, 'two');
    await send(h, ann, conversation.id, 'three');
    const url = `/api/v1/conversations/${conversation.id}/messages`;
    const headers = { 'idempotency-key': 'limit-replay' };
    const refused = await as(h, ann).post(url, { text: 'four' }, { headers });
    expectRefusal(refused, 429, 'message_limit_reached');
    expect(refused.headers['idempotent-replayed']).toBeUndefined();
    h.clock.advance(3_600_000);
    const replayed = await as(h, ann).post(url, { text: 'four' }, { headers });
    expectRefusal(replayed, 429, 'message_limit_reached');
    expect(replayed.body).toEqual(refused.body);
    expect(replayed.body.error.details.retryAt).toBe(new Date(firstAt + DAY).toISOString());
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.headers['retry-after']).toBe(String(23 * 3600));
  });
});
