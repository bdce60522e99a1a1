/**
 * The two views of messaging: the classic inbox (messages as items with a subject line among
 * invitations, in Received and Sent) and, with `new-messaging`, conversations alone. Flipping the
 * flag converts nothing and loses nothing: each view reads the same data the same way before and
 * after. A folder's page of messages reads one index range, whatever the member's totals.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxMessagePageQuery } from '../../src/inbox/store.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, expectRefusal, type Harness, makeInvitation, makeMember, setFeature, type TestMember } from '../support/harness.js';
import { flatten, pgPlan, rowsRead, sqlitePlan } from '../support/plans.js';
import { connect, send, start } from './support.js';

describe.each(DIALECTS)('the two views of messaging (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { env: { MESSAGE_DAILY_LIMIT: '100000' } });
  });
  afterAll(async () => h?.close());

  const tick = () => h.clock.advance(1000);
  const inboxOf = async (m: TestMember, folder: 'received' | 'sent', query = '') => {
    const res = await as(h, m).get(`/api/v1/inbox?folder=${folder}${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: any[]; nextCursor: string | null };
  };
  const allOf = async (m: TestMember, folder: 'received' | 'sent') => {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await inboxOf(m, folder, `&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  const conversationsOf = async (m: TestMember) => (await as(h, m).get('/api/v1/conversations')).body.items as any[];

  /** Three connected members with a direct and a group conversation, and an invitation each way. */
  async function network() {
    const ann = await makeMember(h, { name: 'Ann' });
    const ben = await makeMember(h, { name: 'Ben' });
    const cat = await makeMember(h, { name: 'Cat' });
    await connect(h, ann, ben);
    await connect(h, ann, cat);
    await connect(h, ben, cat);
    const outsider = await makeMember(h, { name: 'Dee' });
    const toAnn = await makeInvitation(h, { sender_id: outsider.id, recipient_member_id: ann.id, channel: 'member' });
    tick();
    const direct = await start(h, ben, [ann], 'Are you free on Thursday?\nWe could meet at noon.');
    tick();
    const group = await start(h, ann, [ben, cat], 'Kick-off notes attached', { subject: 'Project Falcon' });
    tick();
    const reply = await send(h, cat, group.conversation.id, 'Thanks, Ann!');
    tick();
    const invitee = await makeMember(h, { name: 'Eve' });
    const fromAnn = await makeInvitation(h, { sender_id: ann.id, recipient_member_id: invitee.id, channel: 'member' });
    tick();
    return { ann, ben, cat, outsider, toAnn, fromAnn, direct, group, reply };
  }

  it('the classic inbox lists messages as items with a subject line among invitations, newest first', async () => {
    const n = await network();
    await setFeature(h, 'new-messaging', { rolloutPercent: 0, allow: [], deny: [] });
    const received = await inboxOf(n.ann, 'received');
    expect(received.items).toEqual([
      {
        id: n.reply.id,
        kind: 'message',
        subject: 'Project Falcon',
        counterpart: { memberId: n.cat.id, name: 'Cat' },
        createdAt: n.reply.createdAt,
        read: false,
        conversationId: n.group.conversation.id,
      },
      {
        id: n.direct.message.id,
        kind: 'message',
        subject: 'Are you free on Thursday?',
        counterpart: { memberId: n.ben.id, name: 'Ben' },
        createdAt: n.direct.message.createdAt,
        read: false,
        conversationId: n.direct.conversation.id,
      },
      expect.objectContaining({ id: n.toAnn.id, kind: 'invitation', counterpart: { memberId: n.outsider.id, name: 'Dee' } }),
    ]);
    const sent = await inboxOf(n.ann, 'sent');
    expect(sent.items.map((i) => [i.kind, i.id])).toEqual([
      ['invitation', n.fromAnn.id],
      ['message', n.group.message.id],
    ]);
    expect(sent.items[1]).toMatchObject({ subject: 'Project Falcon', counterpart: { name: 'Ben, Cat' }, read: true });
    // Ben received Ann's group message and sent the direct one.
    expect((await inboxOf(n.ben, 'received')).items.map((i) => i.id)).toEqual([n.reply.id, n.group.message.id]);
    expect((await inboxOf(n.ben, 'sent')).items).toEqual([
      expect.objectContaining({ id: n.direct.message.id, counterpart: { memberId: n.ann.id, name: 'Ann' } }),
    ]);
  });

  it('pages through invitations and messages together, each item once, newest first with ties broken by id', async () => {
    const ann = await makeMember(h);
    const others = [await makeMember(h), await makeMember(h)];
    for (const o of others) await connect(h, ann, o);
    const expected: { id: string; at: string }[] = [];
    for (let i = 0; i < 7; i++) {
      const at = h.clock.now().toISOString();
      const inv = await makeInvitation(h, { sender_id: others[i % 2]!.id, recipient_member_id: ann.id, channel: 'member' });
      await h.database.db.updateTable('invitations').set({ status: 'accepted' }).where('id', '=', inv.id).execute();
      expected.push({ id: inv.id, at });
      // Messages of the same instant as the invitation: the page order is by id among them.
      const { conversation, message } = await start(h, others[i % 2]!, [ann], `Message ${i}`);
      expected.push({ id: message.id, at });
      expected.push({ id: (await send(h, others[i % 2]!, conversation.id, `More ${i}`)).id, at });
      tick();
    }
    const order = [...expected].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : -1)).map((e) => e.id);
    expect((await allOf(ann, 'received')).map((i) => i.id)).toEqual(order);
  });

  it('reading an item moves the thread’s read position, and the thread’s read state shows in the inbox', async () => {
    const ann = await makeMember(h);
    const ben = await makeMember(h);
    await connect(h, ann, ben);
    const { conversation, message: first } = await start(h, ben, [ann], 'one');
    tick();
    const second = await send(h, ben, conversation.id, 'two');
    const unread = async () => (await as(h, ann).get('/api/v1/me')).body.unread.messages;
    expect(await unread()).toBe(2);

    const res = await as(h, ann).post(`/api/v1/inbox/${first.id}/read`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: first.id, read: true });
    expect(await unread()).toBe(1);
    expect((await as(h, ann).get(`/api/v1/conversations/${conversation.id}`)).body.unreadCount).toBe(1);
    expect((await inboxOf(ann, 'received')).items.map((i) => [i.id, i.read])).toEqual([
      [second.id, false],
      [first.id, true],
    ]);

    // Read in the thread view: read in the inbox too.
    expect((await as(h, ann).post(`/api/v1/conversations/${conversation.id}/read`, {})).status).toBe(204);
    expect((await inboxOf(ann, 'received')).items.every((i) => i.read)).toBe(true);

    // Unread again from the first: both unread, in both views.
    expect((await as(h, ann).post(`/api/v1/inbox/${first.id}/unread`)).body).toMatchObject({ read: false });
    expect(await unread()).toBe(2);
    expect((await inboxOf(ann, 'received')).items.map((i) => i.read)).toEqual([false, false]);

    // Another member's message, or one of a conversation one is not in, does not exist.
    const stranger = await makeMember(h);
    expectRefusal(await as(h, stranger).post(`/api/v1/inbox/${first.id}/read`), 404, 'not_found');
    // One's own message is always read.
    expect((await as(h, ben).post(`/api/v1/inbox/${second.id}/unread`)).body).toMatchObject({ read: true });
  });

  it('Mark all as read in Received reads every conversation too, as reading each thread would', async () => {
    const ann = await makeMember(h);
    const ben = await makeMember(h);
    const cat = await makeMember(h);
    await connect(h, ann, ben);
    await connect(h, ann, cat);
    const one = await start(h, ben, [ann], 'first');
    await send(h, ben, one.conversation.id, 'second');
    const two = await start(h, cat, [ann], 'third');
    await makeInvitation(h, { sender_id: (await makeMember(h)).id, recipient_member_id: ann.id, channel: 'member' });
    expect((await as(h, ann).get('/api/v1/me')).body.unread).toEqual({ messages: 3, invitations: 1 });

    // Sent alone leaves the messages unread.
    expect((await as(h, ann).post('/api/v1/inbox/read-all?folder=sent')).body.marked).toBe(0);
    expect((await as(h, ann).get('/api/v1/me')).body.unread.messages).toBe(3);

    const res = await as(h, ann).post('/api/v1/inbox/read-all?folder=received');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.marked).toBe(4);
    expect((await as(h, ann).get('/api/v1/me')).body.unread).toEqual({ messages: 0, invitations: 0 });
    expect((await inboxOf(ann, 'received')).items.every((i) => i.read)).toBe(true);
    for (const c of [one, two]) expect((await as(h, ann).get(`/api/v1/conversations/${c.conversation.id}`)).body.unreadCount).toBe(0);
    // The others' side is untouched.
    expect((await as(h, ben).get('/api/v1/me')).body.unread.messages).toBe(0);
  });

  it('delete-for-me clears the messages from the classic folders too, until a new one arrives', async () => {
    const ann = await makeMember(h);
    const ben = await makeMember(h);
    await connect(h, ann, ben);
    const { conversation } = await start(h, ben, [ann], 'old news');
    tick();
    expect((await as(h, ann).delete(`/api/v1/conversations/${conversation.id}`)).status).toBe(204);
    expect((await inboxOf(ann, 'received')).items).toEqual([]);
    expect((await inboxOf(ben, 'sent')).items).toHaveLength(1);
    const fresh = await send(h, ben, conversation.id, 'fresh news');
    expect((await inboxOf(ann, 'received')).items.map((i) => i.id)).toEqual([fresh.id]);
  });

  it('with new-messaging, invitations leave the inbox and Withdraw-from-inbox is gone; flipping the flag converts and loses nothing', async () => {
    const n = await network();
    await setFeature(h, 'inbox-withdraw', { rolloutPercent: 100 });
    await setFeature(h, 'new-messaging', { rolloutPercent: 0, allow: [], deny: [] });
    const snapshot = async () => ({
      received: await allOf(n.ann, 'received'),
      sent: await allOf(n.ann, 'sent'),
      conversations: await conversationsOf(n.ann),
      invitationsReceived: (await as(h, n.ann).get('/api/v1/invitations/received')).body.items.map((i: any) => i.id),
      invitationsSent: (await as(h, n.ann).get('/api/v1/invitations/sent')).body.items.map((i: any) => i.id),
      unread: (await as(h, n.ann).get('/api/v1/me')).body.unread,
    });
    const classic = await snapshot();
    expect(classic.received.map((i) => i.kind)).toEqual(['message', 'message', 'invitation']);
    expect(classic.conversations).toHaveLength(2);
    expect(classic.invitationsReceived).toEqual([n.toAnn.id]);

    // The rollout reaches everybody: the view changes, nothing else.
    await setFeature(h, 'new-messaging', { rolloutPercent: 100, allow: [], deny: [] });
    expect((await as(h, n.ann).get('/api/v1/me')).body.features['new-messaging']).toBe(true);
    const modern = await snapshot();
    expect(modern.received).toEqual(classic.received.filter((i) => i.kind === 'message'));
    expect(modern.sent).toEqual(classic.sent.filter((i) => i.kind === 'message'));
    expect(modern.conversations).toEqual(classic.conversations);
    expect(modern.invitationsReceived).toEqual(classic.invitationsReceived);
    expect(modern.invitationsSent).toEqual(classic.invitationsSent);
    expect(modern.unread).toEqual(classic.unread);
    // Invitations are not inbox items any more, and cannot be withdrawn from it.
    expectRefusal(await as(h, n.ann).post(`/api/v1/inbox/${n.toAnn.id}/read`), 404, 'not_found');
    expectRefusal(await as(h, n.ann).post(`/api/v1/invitations/${n.fromAnn.id}/withdraw`, { via: 'inbox' }), 403, 'feature_unavailable');
    expect((await as(h, n.ann).get(`/api/v1/invitations/${n.fromAnn.id}`)).body.status).toBe('pending');

    // Back again (a deny list): exactly the classic view as before.
    await setFeature(h, 'new-messaging', { rolloutPercent: 100, allow: [], deny: [n.ann.id] });
    expect(await snapshot()).toEqual(classic);
    const withdrawn = await as(h, n.ann).post(`/api/v1/invitations/${n.fromAnn.id}/withdraw`, { via: 'inbox' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    await setFeature(h, 'new-messaging', { rolloutPercent: 0, allow: [], deny: [] });
    await setFeature(h, 'inbox-withdraw', { rolloutPercent: 0 });
  });

  it('refuses a folder it does not know and a cursor it did not give', async () => {
    const ann = await makeMember(h);
    expectRefusal(await as(h, ann).get('/api/v1/inbox?folder=archive'), 400, 'validation_failed');
    expectRefusal(await as(h, ann).get('/api/v1/inbox?cursor=nope'), 400, 'validation_failed');
  });

  it('a folder’s page of messages reads one index range, whatever the member’s totals', async () => {
    const busy = await makeMember(h);
    const friends = await Promise.all(Array.from({ length: 30 }, () => makeMember(h)));
    for (const f of friends) await connect(h, busy, f);
    for (const [i, f] of friends.entries()) {
      const { conversation } = await start(h, f, [busy], `hello ${i}`);
      for (let j = 0; j < 10; j++) await send(h, j % 2 ? busy : f, conversation.id, `line ${j}`);
      tick();
    }
    if (dialect === 'postgres') await sql`analyze`.execute(h.database.db);
    const LIMIT = 20;
    for (const folder of ['received', 'sent'] as const) {
      for (const cursor of [null, { at: h.clock.now().toISOString(), id: 'zzz' }]) {
        const query = inboxMessagePageQuery(h.database.db, busy.id, folder, cursor, LIMIT);
        expect((await query.execute()).length).toBe(LIMIT + 1);
        if (dialect === 'sqlite') {
          const details = flatten(await sqlitePlan(h.database.db, query)).map((s) => s.detail);
          expect(
            details.some((d) => d.startsWith('SEARCH inbox_messages') && d.includes('inbox_messages_folder')),
            details.join(' / '),
          ).toBe(true);
          expect(
            details.filter((d) => d.includes('TEMP B-TREE')),
            details.join(' / '),
          ).toEqual([]);
        } else {
          const plan = await pgPlan(h.database.db, query, true);
          expect(rowsRead(plan, 'inbox_messages'), JSON.stringify(plan)).toBeLessThanOrEqual(3 * (LIMIT + 1));
          expect(rowsRead(plan, 'messages'), JSON.stringify(plan)).toBeLessThanOrEqual(3 * (LIMIT + 1));
        }
      }
    }
  }, 120_000);
});
