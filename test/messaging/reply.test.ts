/**
 * Replying to an invitation: only its recipient, only while it is pending; the reply opens (or
 * reuses) the direct conversation with its sender, leaves the invitation pending, and lets both
 * write there until the invitation stops waiting (then only a connection lets them go on).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, expectRefusal, type Harness, makeMember, type TestMember } from '../support/harness.js';
import { connect, send, start } from './support.js';

const DAILY_LIMIT = 5;

describe.each(DIALECTS)('replying to an invitation (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { env: { MESSAGE_DAILY_LIMIT: String(DAILY_LIMIT) } });
  });
  afterAll(async () => h?.close());

  /** Ben invites Ann (by member); returns the invitation's id. */
  async function invited(): Promise<{ ann: TestMember; ben: TestMember; id: string }> {
    const ann = await makeMember(h, { name: 'Ann', headline: 'Recipient' });
    const ben = await makeMember(h, { name: 'Ben', headline: 'Sender' });
    const res = await as(h, ben).post('/api/v1/invitations', { memberId: ann.id, message: 'Let us connect' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { ann, ben, id: res.body.id };
  }
  const reply = (m: TestMember, id: string, text: unknown) => as(h, m).post(`/api/v1/invitations/${id}/reply`, { text });
  const statusFor = async (m: TestMember, id: string) => (await as(h, m).get(`/api/v1/invitations/${id}`)).body.status as string;

  it('opens the direct conversation with the sender: 201 {conversation, message}; the invitation stays pending', async () => {
    const { ann, ben, id } = await invited();
    const res = await reply(ann, id, '  Hi Ben,\nwho are you?\u0007 ');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { conversation, message } = res.body;
    expect(message).toEqual({
      id: expect.any(String),
      conversationId: conversation.id,
      sender: { id: ann.id, name: 'Ann' },
      text: 'Hi Ben,\nwho are you?',
      attachments: [],
      createdAt: h.clock.now().toISOString(),
    });
    expect(conversation).toMatchObject({
      participants: [
        { id: ann.id, name: 'Ann', headline: 'Recipient' },
        { id: ben.id, name: 'Ben', headline: 'Sender' },
      ],
      subject: null,
      lastMessage: { id: message.id, text: 'Hi Ben,\nwho are you?' },
      unreadCount: 0,
    });
    // Ben has it unread; the invitation is pending on both sides, and Ann still has it to answer.
    expect((await as(h, ben).get(`/api/v1/conversations/${conversation.id}`)).body.unreadCount).toBe(1);
    expect(await statusFor(ben, id)).toBe('pending');
    expect(await statusFor(ann, id)).toBe('pending');
    expect((await as(h, ann).get('/api/v1/invitations/received')).body.items.map((i: any) => i.id)).toEqual([id]);
    // Both may write there although they are not connected; a second reply reuses the conversation.
    await send(h, ben, conversation.id, 'A former colleague of Cat');
    const again = await reply(ann, id, 'Ah, right');
    expect(again.status).toBe(201);
    expect(again.body.conversation.id).toBe(conversation.id);
    expect((await start(h, ben, [ann], 'Through the start route too')).conversation.id).toBe(conversation.id);
    const thread = (await as(h, ann).get(`/api/v1/conversations/${conversation.id}/messages`)).body.items.map((m: any) => m.text);
    expect(thread).toEqual(['Through the start route too', 'Ah, right', 'A former colleague of Cat', 'Hi Ben,\nwho are you?']);
    // Accepting still works, and connects them.
    expect((await as(h, ann).post(`/api/v1/invitations/${id}/accept`, {})).status).toBe(200);
    await send(h, ben, conversation.id, 'Thanks');
  });

  it('reuses the direct conversation the two already have', async () => {
    const { ann, ben, id } = await invited();
    // They were connected once, talked, and disconnected: the conversation is theirs still.
    await connect(h, ann, ben);
    const earlier = await start(h, ann, [ben], 'Long ago');
    await h.database.db.deleteFrom('connections').where('member_a', 'in', [ann.id, ben.id]).where('member_b', 'in', [ann.id, ben.id]).execute();
    const res = await reply(ann, id, 'Again');
    expect(res.status).toBe(201);
    expect(res.body.conversation.id).toBe(earlier.conversation.id);
  });

  it('anyone but the recipient hears 404, as for an invitation they cannot see', async () => {
    const { ann, ben, id } = await invited();
    const eve = await makeMember(h);
    for (const m of [ben, eve]) expectRefusal(await reply(m, id, 'Hi'), 404, 'not_found');
    expectRefusal(await reply(ann, 'no-such-invitation', 'Hi'), 404, 'not_found');
    expect(await h.database.db.selectFrom('messages').select('id').where('sender_id', 'in', [ben.id, eve.id]).execute()).toEqual([]);
  });

  it('a withdrawn invitation is 404 to its recipient; an ignored, accepted or expired one is 409 not_pending', async () => {
    const withdrawn = await invited();
    expect((await as(h, withdrawn.ben).post(`/api/v1/invitations/${withdrawn.id}/withdraw`, {})).status).toBe(200);
    expectRefusal(await reply(withdrawn.ann, withdrawn.id, 'Hi'), 404, 'not_found');

    const ignored = await invited();
    expect((await as(h, ignored.ann).post(`/api/v1/invitations/${ignored.id}/ignore`, {})).status).toBe(200);
    const refusal = await reply(ignored.ann, ignored.id, 'Hi');
    expectRefusal(refusal, 409, 'not_pending');
    expect(refusal.body.error.details).toEqual({ status: 'ignored' });

    const accepted = await invited();
    expect((await as(h, accepted.ann).post(`/api/v1/invitations/${accepted.id}/accept`, {})).status).toBe(200);
    expectRefusal(await reply(accepted.ann, accepted.id, 'Hi'), 409, 'not_pending');

    const expired = await invited();
    h.clock.advance(h.config.invitationTtlMs + 1000);
    const late = await reply(expired.ann, expired.id, 'Hi');
    expectRefusal(late, 409, 'not_pending');
    expect(late.body.error.details).toEqual({ status: 'expired' });
    for (const { ann } of [withdrawn, ignored, accepted, expired]) {
      expect(await h.database.db.selectFrom('messages').select('id').where('sender_id', '=', ann.id).execute()).toEqual([]);
    }
  });

  it('takes text as messages do: 1 to 8,000 characters once cleaned, a string only', async () => {
    const { ann, id } = await invited();
    for (const text of ['', ' \u0007 ', 5, null, ['hi'], 'x'.repeat(8001)]) {
      const res = await reply(ann, id, text);
      expectRefusal(res, 400, 'validation_failed');
    }
    expectRefusal(await as(h, ann).post(`/api/v1/invitations/${id}/reply`, {}), 400, 'validation_failed');
    expectRefusal(await as(h, ann).post(`/api/v1/invitations/${id}/reply`, { text: 'hi', subject: 'x' }), 400, 'validation_failed');
    // None of them counted as a reply.
    const row = await h.database.db.selectFrom('invitations').select('replied_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.replied_at).toBeNull();
    expect((await reply(ann, id, 'x'.repeat(8000))).status).toBe(201);
  });

  it('once the invitation stops waiting without a connection, neither may write there any more', async () => {
    for (const end of ['withdraw', 'ignore', 'expire'] as const) {
      const { ann, ben, id } = await invited();
      const { conversation } = (await reply(ann, id, 'Hello?')).body;
      if (end === 'withdraw') expect((await as(h, ben).post(`/api/v1/invitations/${id}/withdraw`, {})).status).toBe(200);
      if (end === 'ignore') expect((await as(h, ann).post(`/api/v1/invitations/${id}/ignore`, {})).status).toBe(200);
      if (end === 'expire') h.clock.advance(h.config.invitationTtlMs + 1000);
      for (const m of [ann, ben]) {
        expectRefusal(await as(h, m).post(`/api/v1/conversations/${conversation.id}/messages`, { text: 'Still there?' }), 403, 'not_connected');
        // The history stays.
        expect((await as(h, m).get(`/api/v1/conversations/${conversation.id}/messages`)).body.items.map((x: any) => x.text)).toEqual(['Hello?']);
      }
    }
  });

  it('an unanswered pending invitation lets nobody write: only a reply opens the conversation', async () => {
    const { ann, ben } = await invited();
    expectRefusal(await as(h, ben).post('/api/v1/conversations', { memberIds: [ann.id], text: 'Did you see my invitation?' }), 403, 'not_connected');
    expectRefusal(await as(h, ann).post('/api/v1/conversations', { memberIds: [ben.id], text: 'Who are you?' }), 403, 'not_connected');
  });

  it(`counts against the daily message limit (${DAILY_LIMIT})`, async () => {
    const { ann, id } = await invited();
    for (let i = 0; i < DAILY_LIMIT; i++) expect((await reply(ann, id, `Reply ${i}`)).status).toBe(201);
    const refused = await reply(ann, id, 'One too many');
    expectRefusal(refused, 429, 'message_limit_reached');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    h.clock.advance(DAY + 1000);
    expect((await reply(ann, id, 'Next day')).status).toBe(201);
  });

  it('a block stops the conversation a reply opened, both ways, and the reply itself', async () => {
    const { ann, ben, id } = await invited();
    const { conversation } = (await reply(ann, id, 'Hi')).body;
    // Ben (the sender) blocks Ann: his invitation is withdrawn, so to Ann it is gone.
    expect((await as(h, ben).post(`/api/v1/members/${ann.id}/block`, {})).status).toBe(204);
    expectRefusal(await reply(ann, id, 'Hello?'), 404, 'not_found');
    for (const m of [ann, ben]) {
      expectRefusal(await as(h, m).post(`/api/v1/conversations/${conversation.id}/messages`, { text: 'Hm' }), 403, 'not_connected');
    }

    // Another pair: the recipient, who replied, blocks the sender; to the sender the invitation stays pending.
    const other = await invited();
    const opened = (await reply(other.ann, other.id, 'Hi')).body.conversation.id;
    expect((await as(h, other.ann).post(`/api/v1/members/${other.ben.id}/block`, {})).status).toBe(204);
    expect(await statusFor(other.ben, other.id)).toBe('pending');
    expectRefusal(await as(h, other.ben).post(`/api/v1/conversations/${opened}/messages`, { text: 'Hm' }), 403, 'not_connected');
    expectRefusal(await reply(other.ann, other.id, 'Hello?'), 409, 'not_pending');
  });
});
