/**
 * Members' control over who reaches them: `invitationsFrom` (anyone, only who knows my e-mail
 * address, nobody) and "I don't know this person" stopping that sender. Every refusal reads the
 * same — 422 recipient_unavailable with the same words — whatever the reason and whichever channel
 * or address of the member the sender tried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVerifiedAddress, freshAddress } from '../support/addresses.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, expectRefusal, type Harness, makeMember, type Reply, type TestMember } from '../support/harness.js';

let phones = 0;
const freshPhone = () => `+1628${String(Math.floor(Math.random() * 1e6) * 10 + (++phones % 10)).padStart(7, '0')}`;

describe.each(DIALECTS)('who may invite me (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  const send = (from: TestMember, body: object) => as(h, from).post('/api/v1/invitations', body);
  const setting = async (m: TestMember, invitationsFrom: string) => {
    const res = await as(h, m).patch('/api/v1/me/settings', { invitationsFrom });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.invitationsFrom).toBe(invitationsFrom);
  };
  const restrict = (m: TestMember) => h.database.db.updateTable('members').set({ restricted_at: h.clock.now().toISOString() }).where('id', '=', m.id).execute();

  /** A member with a phone and a verified additional address. */
  async function recipient() {
    const m = await makeMember(h, { phone: freshPhone() });
    const extra = freshAddress('extra');
    await addVerifiedAddress(h, m, extra);
    return { m, extra };
  }

  /** Every refusal is this one, to the letter. */
  let reference: unknown;
  const expectUnavailable = (reply: Reply, what: string) => {
    expect(reply.status, `${what}: ${JSON.stringify(reply.body)}`).toBe(422);
    expect(reply.body.error.code, what).toBe('recipient_unavailable');
    reference ??= reply.body;
    expect(reply.body, what).toEqual(reference);
  };

  describe('the setting', () => {
    it('is anyone by default; takes each value; refuses others', async () => {
      const m = await makeMember(h);
      expect((await as(h, m).get('/api/v1/me/settings')).body).toEqual({ findableByEmail: true, invitationsFrom: 'anyone', messageEmails: true });
      for (const value of ['nobody', 'email_known', 'anyone']) await setting(m, value);
      for (const invitationsFrom of ['everyone', '', 'NOBODY', null, 1, true]) {
        const res = await as(h, m).patch('/api/v1/me/settings', { invitationsFrom });
        expect(res.status, JSON.stringify(invitationsFrom)).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.message).toContain('invitationsFrom');
      }
      const both = await as(h, m).patch('/api/v1/me/settings', { findableByEmail: false, invitationsFrom: 'nobody', messageEmails: true });
      expect(both.body).toEqual({ findableByEmail: false, invitationsFrom: 'nobody', messageEmails: true });
      expect((await as(h, m).get('/api/v1/me/settings')).body).toEqual({ findableByEmail: false, invitationsFrom: 'nobody', messageEmails: true });
    });
  });

  describe('nobody', () => {
    it('refuses every invitation, to the member and to each of their addresses and their phone, alone or in a batch, and costs nothing', async () => {
      const { m, extra } = await recipient();
      await setting(m, 'nobody');
      const sender = await makeMember(h);
      expectUnavailable(await send(sender, { memberId: m.id }), 'by member');
      expectUnavailable(await send(sender, { memberId: m.id, email: m.email }), 'by member with the address');
      expectUnavailable(await send(sender, { email: m.email.toUpperCase() }), 'to the primary address');
      expectUnavailable(await send(sender, { email: extra }), 'to the additional address');
      expectUnavailable(await send(sender, { phone: m.member.phone! }), 'to the phone');
      const batch = await as(h, sender).post('/api/v1/invitations/batch', { recipients: [{ memberId: m.id }, { email: extra }] });
      expect(batch.body.results.map((r: { error: unknown }) => r.error)).toEqual([(reference as Reply['body']).error, (reference as Reply['body']).error]);
      expect((await as(h, sender).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance);
      expect((await as(h, m).get('/api/v1/invitations/received')).body.items).toEqual([]);

      await setting(m, 'anyone');
      expect((await send(sender, { memberId: m.id })).status).toBe(201);
    });

    it('keeps invitations that waited for an address out of the member’s list when they verify it', async () => {
      const m = await makeMember(h);
      await setting(m, 'nobody');
      const address = freshAddress('later');
      const waiting = await send(await makeMember(h), { email: address });
      expect(waiting.status).toBe(201);
      await addVerifiedAddress(h, m, address);
      expect((await as(h, m).get('/api/v1/invitations/received')).body.items).toEqual([]);
    });
  });

  describe('email_known', () => {
    it('a member invitation needs one of the member’s addresses; e-mail and SMS invitations carry theirs', async () => {
      const { m, extra } = await recipient();
      await setting(m, 'email_known');
      const sender = await makeMember(h);
      expectUnavailable(await send(sender, { memberId: m.id }), 'without an address');
      expectUnavailable(await send(sender, { memberId: m.id, email: freshAddress('wrong') }), 'with a wrong address');
      const right = await send(sender, { memberId: m.id, email: extra.toUpperCase() });
      expect(right.status, JSON.stringify(right.body)).toBe(201);
      expect((await send(await makeMember(h), { memberId: m.id, email: m.email })).status).toBe(201);
      expect((await send(await makeMember(h), { email: extra })).status).toBe(201);
      expect((await send(await makeMember(h), { phone: m.member.phone! })).status).toBe(201);
    });

    it('a restricted sender hears email_required, as for any member, so the setting never shows; with the address both are met', async () => {
      const anyone = await makeMember(h);
      const { m } = await recipient();
      await setting(m, 'email_known');
      const sender = await makeMember(h);
      await restrict(sender);
      const plain = await send(sender, { memberId: anyone.id });
      expectRefusal(plain, 422, 'email_required');
      const guarded = await send(sender, { memberId: m.id });
      expect(guarded.body).toEqual(plain.body);
      expect((await send(sender, { memberId: m.id, email: freshAddress('wrong') })).body).toEqual(plain.body);
      expect((await send(sender, { memberId: m.id, email: m.email })).status).toBe(201);
    });

    it('a restricted sender who has the address of a member who takes nobody hears recipient_unavailable', async () => {
      const { m } = await recipient();
      await setting(m, 'nobody');
      const sender = await makeMember(h);
      await restrict(sender);
      expectRefusal(await send(sender, { memberId: m.id }), 422, 'email_required');
      expectUnavailable(await send(sender, { memberId: m.id, email: m.email }), 'restricted, with the address');
    });
  });

  describe('"I don’t know this person"', () => {
    it('stops that sender for good, by any channel and any address of the member; to them the invitation still reads as pending', async () => {
      const { m, extra } = await recipient();
      const sender = await makeMember(h);
      const first = await send(sender, { memberId: m.id });
      expect((await as(h, m).post(`/api/v1/invitations/${first.body.id}/ignore`, { reason: 'dont_know' })).status).toBe(200);
      // The sender is never told of the ignore: it is still pending to them, and so is the answer.
      expectRefusal(await send(sender, { memberId: m.id }), 409, 'invitation_pending');
      expect((await as(h, sender).post(`/api/v1/invitations/${first.body.id}/withdraw`)).status).toBe(200);
      expectRefusal(await send(sender, { memberId: m.id }), 429, 'reinvite_cooldown');
      h.clock.advance(h.config.reinviteCooldownMs + 1000);
      expectUnavailable(await send(sender, { memberId: m.id }), 'by member');
      expectUnavailable(await send(sender, { memberId: m.id, email: extra }), 'by member with the address');
      expectUnavailable(await send(sender, { email: m.email }), 'to the primary address');
      expectUnavailable(await send(sender, { email: extra }), 'to the additional address');
      expectUnavailable(await send(sender, { phone: m.member.phone! }), 'to the phone');
      // Nobody else is stopped, and the member may still invite the sender.
      expect((await send(await makeMember(h), { memberId: m.id })).status).toBe(201);
      expect((await send(m, { memberId: sender.id })).status).toBe(201);
    });

    it('answered on an e-mail invitation that reached the member, it stops member invitations too; a spam report does the same', async () => {
      const { m, extra } = await recipient();
      const sender = await makeMember(h);
      const byEmail = await send(sender, { email: extra });
      expect((await as(h, m).post(`/api/v1/invitations/${byEmail.body.id}/ignore`, { reason: 'dont_know' })).status).toBe(200);
      expectUnavailable(await send(sender, { memberId: m.id }), 'by member after an e-mail reported');

      const spammer = await makeMember(h);
      const spam = await send(spammer, { memberId: m.id });
      expect((await as(h, m).post(`/api/v1/invitations/${spam.body.id}/ignore`, { reason: 'spam' })).status).toBe(200);
      await as(h, spammer).post(`/api/v1/invitations/${spam.body.id}/withdraw`);
      h.clock.advance(h.config.reinviteCooldownMs + 1000);
      expectUnavailable(await send(spammer, { email: m.email }), 'after a spam report');
    });

    it('a plain ignore stops nothing once the invitation is gone', async () => {
      const m = await makeMember(h);
      const sender = await makeMember(h);
      const first = await send(sender, { memberId: m.id });
      expect((await as(h, m).post(`/api/v1/invitations/${first.body.id}/ignore`, {})).status).toBe(200);
      await as(h, sender).post(`/api/v1/invitations/${first.body.id}/withdraw`);
      h.clock.advance(h.config.reinviteCooldownMs + 1000);
      expect((await send(sender, { memberId: m.id })).status).toBe(201);
    });
  });

  it('a refusal is replayed as it was under the same Idempotency-Key', async () => {
    const m = await makeMember(h);
    await setting(m, 'nobody');
    const sender = await makeMember(h);
    const headers = { 'idempotency-key': `refused-${Math.random()}` };
    const refused = await as(h, sender).post('/api/v1/invitations', { memberId: m.id }, { headers });
    expectUnavailable(refused, 'first');
    await setting(m, 'anyone');
    const replay = await as(h, sender).post('/api/v1/invitations', { memberId: m.id }, { headers });
    expect(replay.body).toEqual(refused.body);
  });
});
