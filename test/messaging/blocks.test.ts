/**
 * Blocking a member: the endpoints, and what a block stops (messages and invitations, either way),
 * withdraws (open invitations between the two, telling nobody) and leaves alone (the connection,
 * conversations, group threads). Every refusal reads exactly as it would without a block.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { BLOCK_DAILY_LIMIT } from '../../src/messaging/blocks.js';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, DAY, expectRefusal, type Harness, makeMember, type TestMember } from '../support/harness.js';
import { connect, send, start } from './support.js';

describe.each(DIALECTS)('blocking members (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { env: { MESSAGE_DAILY_LIMIT: '1000' } });
  });
  afterAll(async () => h?.close());

  const block = async (by: TestMember, whom: TestMember) => {
    const res = await as(h, by).post(`/api/v1/members/${whom.id}/block`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(204);
  };
  const unblock = async (by: TestMember, whom: TestMember) => {
    const res = await as(h, by).delete(`/api/v1/members/${whom.id}/block`);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
  };
  const blockedBy = async (m: TestMember, query = '') => {
    const res = await as(h, m).get(`/api/v1/me/blocked${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: { member: { id: string; name: string; headline: string }; blockedAt: string }[]; nextCursor: string | null };
  };
  const received = async (m: TestMember) => ((await as(h, m).get('/api/v1/invitations/received')).body.items as { id: string }[]).map((i) => i.id);
  const sent = async (m: TestMember) =>
    ((await as(h, m).get('/api/v1/invitations/sent')).body.items as { id: string; status: string }[]).map((i) => `${i.id}:${i.status}`);
  const invite = async (from: TestMember, body: Record<string, unknown>) => as(h, from).post('/api/v1/invitations', body);
  /** What the dev mailbox holds for these members' addresses. */
  const mailTo = async (...members: TestMember[]) =>
    (
      await h.database.db
        .selectFrom('dev_mailbox')
        .select('to_address')
        .where(
          'to_address',
          'in',
          members.map((m) => m.email),
        )
        .execute()
    ).length;
  const drainOutbox = async () => {
    while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
  };

  describe('the endpoints', () => {
    it('blocks and unblocks with 204, both idempotent, and lists blocks newest first, keyset-paged', async () => {
      const ann = await makeMember(h, { name: 'Ann' });
      const ben = await makeMember(h, { name: 'Ben', headline: 'Engineer' });
      const cat = await makeMember(h, { name: 'Cat', headline: 'Designer' });
      expect(await blockedBy(ann)).toEqual({ items: [], nextCursor: null });

      await block(ann, ben);
      const benAt = h.clock.now().toISOString();
      h.clock.advance(1000);
      await block(ann, cat);
      const catAt = h.clock.now().toISOString();
      h.clock.advance(1000);
      await block(ann, ben); // again: nothing changes, not even the time

      expect(await blockedBy(ann)).toEqual({
        items: [
          { member: { id: cat.id, name: 'Cat', headline: 'Designer' }, blockedAt: catAt },
          { member: { id: ben.id, name: 'Ben', headline: 'Engineer' }, blockedAt: benAt },
        ],
        nextCursor: null,
      });
      const first = await blockedBy(ann, '?limit=1');
      expect(first.items.map((i) => i.member.id)).toEqual([cat.id]);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await blockedBy(ann, `?limit=1&cursor=${first.nextCursor}`);
      expect(second).toEqual({ items: [{ member: { id: ben.id, name: 'Ben', headline: 'Engineer' }, blockedAt: benAt }], nextCursor: null });
      // A block is the blocker's list only: Ben sees nothing of it.
      expect(await blockedBy(ben)).toEqual({ items: [], nextCursor: null });

      await unblock(ann, ben);
      await unblock(ann, ben);
      expect((await blockedBy(ann)).items.map((i) => i.member.id)).toEqual([cat.id]);
      // Unblocking someone never blocked is as harmless.
      await unblock(ben, ann);
    });

    it('refuses blocking oneself (422 self_block), an unknown member (404) and no credentials (401)', async () => {
      const ann = await makeMember(h);
      expectRefusal(await as(h, ann).post(`/api/v1/members/${ann.id}/block`, {}), 422, 'self_block');
      expectRefusal(await as(h, ann).delete(`/api/v1/members/${ann.id}/block`), 422, 'self_block');
      expectRefusal(await as(h, ann).post('/api/v1/members/no-such-member/block', {}), 404, 'not_found');
      expectRefusal(await as(h, ann).delete('/api/v1/members/no-such-member/block'), 404, 'not_found');
      expectRefusal(await call(h, 'POST', `/api/v1/members/${ann.id}/block`, { body: {} }), 401, 'unauthenticated');
      expectRefusal(await call(h, 'GET', '/api/v1/me/blocked'), 401, 'unauthenticated');
      expectRefusal(await as(h, ann).get('/api/v1/me/blocked?limit=0'), 400, 'validation_failed');
      expectRefusal(await as(h, ann).get('/api/v1/me/blocked?cursor=nonsense'), 400, 'validation_failed');
      expect((await blockedBy(ann)).items).toEqual([]);
    });

    it(`caps new blocks at ${BLOCK_DAILY_LIMIT} in any 24 hours; a repeated block is never refused`, async () => {
      const ann = await makeMember(h);
      const others: TestMember[] = [];
      for (let i = 0; i <= BLOCK_DAILY_LIMIT; i++) others.push(await makeMember(h));
      for (const other of others.slice(0, BLOCK_DAILY_LIMIT)) await block(ann, other);
      expectRefusal(await as(h, ann).post(`/api/v1/members/${others[BLOCK_DAILY_LIMIT]!.id}/block`, {}), 429, 'rate_limited');
      await block(ann, others[0]!);
      expect((await blockedBy(ann, '?limit=100')).items).toHaveLength(BLOCK_DAILY_LIMIT);
      h.clock.advance(DAY + 1000);
      await block(ann, others[BLOCK_DAILY_LIMIT]!);
    });
  });

  describe('messages', () => {
    it('a block either way refuses a direct conversation exactly as no connection does; the connection and the history stay', async () => {
      const ann = await makeMember(h);
      const ben = await makeMember(h);
      const stranger = await makeMember(h);
      await connect(h, ann, ben);
      const { conversation } = await start(h, ann, [ben], 'Hello Ben');
      const strangers = await as(h, stranger).post('/api/v1/conversations', { memberIds: [ann.id], text: 'Hi' });
      expectRefusal(strangers, 403, 'not_connected');

      await block(ben, ann);
      for (const [from, to] of [
        [ann, ben],
        [ben, ann],
      ] as const) {
        const inThread = await as(h, from).post(`/api/v1/conversations/${conversation.id}/messages`, { text: 'Still there?' });
        expectRefusal(inThread, 403, 'not_connected');
        expect(inThread.body).toEqual(strangers.body);
        const started = await as(h, from).post('/api/v1/conversations', { memberIds: [to.id], text: 'Again' });
        expect(started.body).toEqual(strangers.body);
        expect(started.status).toBe(403);
      }
      // Removes nothing else: both still see the conversation and its history, and the connection.
      for (const m of [ann, ben]) {
        expect((await as(h, m).get(`/api/v1/conversations/${conversation.id}`)).status).toBe(200);
        expect((await as(h, m).get(`/api/v1/conversations/${conversation.id}/messages`)).body.items.map((x: any) => x.text)).toEqual(['Hello Ben']);
      }
      const connections = (await as(h, ann).get('/api/v1/connections')).body.items.map((c: any) => c.member?.id ?? c.id);
      expect(connections).toContain(ben.id);

      // Unblocking restores the possibility.
      await unblock(ben, ann);
      await send(h, ann, conversation.id, 'Back again');
    });

    it('a group thread goes on for everyone; a new group of the blocker and the blocked is refused to either of them', async () => {
      const [ann, ben, cat] = [await makeMember(h), await makeMember(h), await makeMember(h)];
      await connect(h, ann, ben);
      await connect(h, ann, cat);
      await connect(h, ben, cat);
      const group = (await start(h, ann, [ben, cat], 'Team')).conversation.id;
      await block(ann, ben);
      await send(h, ben, group, 'From the blocked one');
      await send(h, ann, group, 'From the blocker');
      await send(h, cat, group, 'From the third');
      expect((await as(h, ann).get(`/api/v1/conversations/${group}/messages`)).body.items).toHaveLength(4);
      expectRefusal(await as(h, ann).post('/api/v1/conversations', { memberIds: [ben.id, cat.id], text: 'New group' }), 403, 'not_connected');
      expectRefusal(await as(h, ben).post('/api/v1/conversations', { memberIds: [ann.id, cat.id], text: 'New group' }), 403, 'not_connected');
      // The block is between Ann and Ben: Cat may still start a group with both.
      expect((await as(h, cat).post('/api/v1/conversations', { memberIds: [ann.id, ben.id], text: 'Cat’s group' })).status).toBe(201);
      // Ann may still write to Cat alone.
      expect([200, 201]).toContain((await as(h, ann).post('/api/v1/conversations', { memberIds: [cat.id], text: 'Just us' })).status);
    });
  });

  describe('invitations', () => {
    it('a block either way refuses an invitation as recipient_unavailable, the same words as the invitationsFrom setting', async () => {
      const ann = await makeMember(h, { phone: '+14155550701' });
      const ben = await makeMember(h);
      const nobody = await makeMember(h);
      expect((await as(h, nobody).patch('/api/v1/me/settings', { invitationsFrom: 'nobody' })).status).toBe(200);
      const bySetting = await invite(ben, { memberId: nobody.id });
      expectRefusal(bySetting, 422, 'recipient_unavailable');

      await block(ann, ben);
      for (const attempt of [
        await invite(ben, { memberId: ann.id }),
        await invite(ann, { memberId: ben.id }),
        await invite(ben, { email: ann.email }),
        await invite(ben, { phone: '+14155550701' }),
        await invite(ann, { email: ben.email }),
      ]) {
        expectRefusal(attempt, 422, 'recipient_unavailable');
        expect(attempt.body).toEqual(bySetting.body);
      }
      await unblock(ann, ben);
      expect((await invite(ben, { memberId: ann.id })).status).toBe(201);
    });

    it('withdraws the open invitations between the two, telling nobody and reading to the blocked sender as before', async () => {
      const ann = await makeMember(h);
      const ben = await makeMember(h);
      const fromBen = await invite(ben, { memberId: ann.id, message: 'Hi Ann' });
      expect(fromBen.status).toBe(201);
      expect(await received(ann)).toEqual([fromBen.body.id]);
      const before = await as(h, ben).get(`/api/v1/invitations/${fromBen.body.id}`);
      const mail = await mailTo(ann, ben);

      await block(ann, ben);
      // Gone from Ann's lists; to Ben it reads exactly as before (as an invitation Ann ignored would).
      expect(await received(ann)).toEqual([]);
      expect((await as(h, ben).get(`/api/v1/invitations/${fromBen.body.id}`)).body).toEqual(before.body);
      expect(await sent(ben)).toEqual([`${fromBen.body.id}:pending`]);
      // Ben cannot tell by sending again either: it reads as the invitation he still has pending.
      expectRefusal(await invite(ben, { memberId: ann.id }), 409, 'invitation_pending');
      // Its reminders are never sent, and nobody hears of it.
      const statuses = await h.database.db.selectFrom('outbox').select('status').where('invitation_id', '=', fromBen.body.id).execute();
      expect(statuses.map((s) => s.status)).toEqual(['suppressed', 'suppressed']); // its two reminders
      h.clock.advance(15 * DAY);
      await drainOutbox();
      expect(await mailTo(ann, ben)).toBe(mail);

      // Unblocking brings nothing back.
      await unblock(ann, ben);
      expect(await received(ann)).toEqual([]);
    });

    it('the blocker’s own pending invitation is withdrawn: the blocked recipient sees it gone, as after any withdrawal', async () => {
      const ann = await makeMember(h);
      const ben = await makeMember(h);
      const tag = ann.id.toLowerCase();
      const toBen = await invite(ann, { memberId: ben.id });
      const toAddress = await invite(ann, { email: `friend.${tag}@example.test` });
      expect(await received(ben)).toEqual([toBen.body.id]);
      await block(ann, ben);
      expect(await received(ben)).toEqual([]);
      expectRefusal(await as(h, ben).get(`/api/v1/invitations/${toBen.body.id}`), 404, 'not_found');
      expect((await as(h, ann).get(`/api/v1/invitations/${toBen.body.id}`)).body.status).toBe('withdrawn');
      // Only the invitations between the two.
      expect(await sent(ann)).toEqual([`${toAddress.body.id}:pending`]);
      await unblock(ann, ben);
      expect((await as(h, ann).get(`/api/v1/invitations/${toBen.body.id}`)).body.status).toBe('withdrawn');
    });

    it('the blocker’s e-mail and SMS invitations to the other’s addresses stay pending to the blocker, who must not learn whose they are, and go silent', async () => {
      const ann = await makeMember(h);
      const ben = await makeMember(h, { phone: '+14155550702' });
      const byEmail = await invite(ann, { email: ben.email });
      const bySms = await invite(ann, { phone: '+14155550702' });
      expect(await received(ben)).toEqual([byEmail.body.id]);
      const before = await Promise.all([byEmail, bySms].map(async (i) => (await as(h, ann).get(`/api/v1/invitations/${i.body.id}`)).body));
      const mail = await mailTo(ben);
      await block(ann, ben);
      expect(await received(ben)).toEqual([]);
      const after = await Promise.all([byEmail, bySms].map(async (i) => (await as(h, ann).get(`/api/v1/invitations/${i.body.id}`)).body));
      expect(after).toEqual(before);
      const queued = await h.database.db
        .selectFrom('outbox')
        .select('status')
        .where('invitation_id', 'in', [byEmail.body.id, bySms.body.id])
        .where('status', '<>', 'suppressed')
        .execute();
      expect(queued).toEqual([]);
      h.clock.advance(15 * DAY);
      await drainOutbox();
      expect(await mailTo(ben)).toBe(mail);
    });

    it('an e-mailed link between the two cannot be accepted while a block stands: it reads as any link no longer valid', async () => {
      const ann = await makeMember(h);
      const ben = await makeMember(h);
      const tag = ben.id.toLowerCase();
      // Ann invites an address Ben does not own yet; he opens its link signed in after Ann blocked him.
      const address = `later.${tag}@example.test`;
      expect((await invite(ann, { email: address })).status).toBe(201);
      await drainOutbox();
      const mail = await h.database.db.selectFrom('dev_mailbox').select('links').where('to_address', '=', address).executeTakeFirstOrThrow();
      const token = (JSON.parse(mail.links) as string[]).map((l) => /\/i\/([A-Za-z0-9_-]{32,})$/.exec(l)?.[1]).find((t) => t !== undefined)!;
      const withdrawn = await invite(ann, { email: `gone.${tag}@example.test` });
      await drainOutbox();
      const goneMail = await h.database.db
        .selectFrom('dev_mailbox')
        .select('links')
        .where('to_address', '=', `gone.${tag}@example.test`)
        .executeTakeFirstOrThrow();
      const goneToken = (JSON.parse(goneMail.links) as string[]).map((l) => /\/i\/([A-Za-z0-9_-]{32,})$/.exec(l)?.[1]).find((t) => t !== undefined)!;
      expect((await as(h, ann).post(`/api/v1/invitations/${withdrawn.body.id}/withdraw`, {})).status).toBe(200);
      const asWithdrawn = await as(h, ben).post(`/api/v1/invitation-links/${goneToken}/accept`);
      expectRefusal(asWithdrawn, 410, 'invitation_unavailable');

      await block(ann, ben);
      const refused = await as(h, ben).post(`/api/v1/invitation-links/${token}/accept`);
      expect(refused.body).toEqual(asWithdrawn.body);
      expect(refused.status).toBe(410);
      await unblock(ann, ben);
      expect((await as(h, ben).post(`/api/v1/invitation-links/${token}/accept`)).status).toBe(200);
    });

    it('the other’s SMS invitation to the blocker’s number is closed too, and reads to its sender as before', async () => {
      const ann = await makeMember(h, { phone: '+14155550703' });
      const ben = await makeMember(h);
      const bySms = await invite(ben, { phone: '+14155550703' });
      const before = (await as(h, ben).get(`/api/v1/invitations/${bySms.body.id}`)).body;
      await block(ann, ben);
      expect((await as(h, ben).get(`/api/v1/invitations/${bySms.body.id}`)).body).toEqual(before);
      const row = await h.database.db.selectFrom('invitations').select('status').where('id', '=', bySms.body.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('ignored');
      const statuses = await h.database.db.selectFrom('outbox').select('status').where('invitation_id', '=', bySms.body.id).execute();
      expect(statuses.map((s) => s.status)).toEqual(['suppressed', 'suppressed', 'suppressed']);
    });

    it('an e-mail invitation that reached the blocker is closed too; a verified address of theirs is then refused', async () => {
      const ann = await makeMember(h);
      const ben = await makeMember(h);
      const byEmail = await invite(ben, { email: ann.email });
      expect(byEmail.status).toBe(201);
      expect(await received(ann)).toEqual([byEmail.body.id]);
      const before = (await as(h, ben).get(`/api/v1/invitations/${byEmail.body.id}`)).body;
      await block(ann, ben);
      expect(await received(ann)).toEqual([]);
      expect((await as(h, ben).get(`/api/v1/invitations/${byEmail.body.id}`)).body).toEqual(before);
    });
  });

  it('People You May Know suggests neither member to the other while a block stands', async () => {
    const ann = await makeMember(h);
    const ben = await makeMember(h);
    const friend = await makeMember(h);
    await connect(h, ann, friend);
    await connect(h, ben, friend);
    const suggested = async (m: TestMember) =>
      ((await as(h, m).get('/api/v1/people-you-may-know')).body.items as { member: { id: string } }[]).map((s) => s.member.id);
    expect(await suggested(ann)).toContain(ben.id);
    expect(await suggested(ben)).toContain(ann.id);
    await block(ben, ann);
    expect(await suggested(ann)).not.toContain(ben.id);
    expect(await suggested(ben)).not.toContain(ann.id);
    await unblock(ben, ann);
    expect(await suggested(ann)).toContain(ben.id);
  });
});
