import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, expectRefusal, type Harness, makeMember, type TestMember } from '../support/harness.js';

describe.each(DIALECTS)('answering invitations (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  async function invite(from: TestMember, to: TestMember): Promise<string> {
    const sent = await as(h, from).post('/api/v1/invitations', { memberId: to.id });
    expect(sent.status).toBe(201);
    return sent.body.id;
  }

  const connectionIds = async (m: TestMember) => (await as(h, m).get('/api/v1/connections')).body.items.map((c: { member: { id: string } }) => c.member.id);
  const relationship = async (viewer: TestMember, other: TestMember) => (await as(h, viewer).get(`/api/v1/members/${other.id}`)).body.relationship;
  /** The audit actions about one invitation, newest first (every such row names its sender). */
  const auditActions = async (invitationId: string, sender: TestMember) => {
    const admin = await makeMember(h, { role: 'admin' });
    const audit = await as(h, admin).get(`/api/v1/admin/audit?memberId=${sender.id}&limit=100`);
    return audit.body.items.filter((a: { invitationId: string }) => a.invitationId === invitationId).map((a: { action: string }) => a.action);
  };

  it('accept makes the connection, seen from both sides', async () => {
    const alice = await makeMember(h, { name: 'Alice' });
    const bob = await makeMember(h);
    const id = await invite(alice, bob);
    expect(await relationship(alice, bob)).toBe('invitation_sent');
    expect(await relationship(bob, alice)).toBe('invitation_received');

    const accepted = await as(h, bob).post(`/api/v1/invitations/${id}/accept`);
    expect(accepted.status).toBe(200);
    const now = h.clock.now().toISOString();
    expect(accepted.body.invitation).toMatchObject({ id, status: 'accepted', respondedAt: now, withdrawable: false });
    expect(accepted.body.connection).toEqual({ memberId: alice.id, connectedAt: now, invitationId: id });

    expect(await connectionIds(alice)).toEqual([bob.id]);
    expect(await connectionIds(bob)).toEqual([alice.id]);
    expect(await relationship(alice, bob)).toBe('connected');
    expect(await relationship(bob, alice)).toBe('connected');
    expect((await as(h, alice).get(`/api/v1/invitations/${id}`)).body).toMatchObject({ status: 'accepted', withdrawable: false });
    expect((await as(h, bob).get('/api/v1/invitations/received')).body.items).toEqual([]);
    expect(await auditActions(id, alice)).toContain('invitation.accepted');

    expectRefusal(await as(h, bob).post(`/api/v1/invitations/${id}/accept`), 409, 'not_pending');
    expectRefusal(await as(h, bob).post(`/api/v1/invitations/${id}/ignore`, {}), 409, 'not_pending');
  });

  it('ignore: the recipient sees it ignored, the sender still sees it pending and can withdraw it', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const id = await invite(alice, bob);
    const ignored = await as(h, bob).post(`/api/v1/invitations/${id}/ignore`, {});
    expect(ignored.status).toBe(200);
    expect(ignored.body).toMatchObject({ id, status: 'ignored', respondedAt: h.clock.now().toISOString(), withdrawable: false });

    const bySender = await as(h, alice).get(`/api/v1/invitations/${id}`);
    expect(bySender.body).toMatchObject({ status: 'pending', withdrawable: true, respondedAt: null });
    expect((await as(h, alice).get('/api/v1/invitations/sent')).body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(await relationship(alice, bob)).toBe('invitation_sent');

    expect((await as(h, bob).get(`/api/v1/invitations/${id}`)).body.status).toBe('ignored');
    expect((await as(h, bob).get('/api/v1/invitations/received')).body.items).toEqual([]);
    expect(await relationship(bob, alice)).toBe('none');
    expectRefusal(await as(h, bob).post(`/api/v1/invitations/${id}/accept`), 409, 'not_pending');
    expect(await connectionIds(bob)).toEqual([]);

    const withdrawn = await as(h, alice).post(`/api/v1/invitations/${id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawable: false });
    expect((await as(h, bob).get(`/api/v1/invitations/${id}`)).status).toBe(404);
    expect(await auditActions(id, alice)).toEqual(['invitation.withdrawn', 'invitation.ignored', 'invitation.sent']);
  });

  it('ignore with a reason records a report; an unknown reason is refused', async () => {
    const alice = await makeMember(h);
    const [bob, carol, dave] = [await makeMember(h), await makeMember(h), await makeMember(h)];
    const toBob = await invite(alice, bob);
    const toCarol = await invite(alice, carol);
    const toDave = await invite(alice, dave);
    const bad = await as(h, dave).post(`/api/v1/invitations/${toDave}/ignore`, { reason: 'rude' });
    expectRefusal(bad, 400, 'validation_failed');
    expect(bad.body.error.message).toMatch(/^reason/);
    expect((await as(h, dave).get(`/api/v1/invitations/${toDave}`)).body.status).toBe('pending');

    const dontKnow = await as(h, bob).post(`/api/v1/invitations/${toBob}/ignore`, { reason: 'dont_know' });
    const spam = await as(h, carol).post(`/api/v1/invitations/${toCarol}/ignore`, { reason: 'spam' });
    expect(dontKnow.body.status).toBe('ignored');
    expect(spam.body.status).toBe('ignored');
    expect((await as(h, alice).get(`/api/v1/invitations/${toBob}`)).body.status).toBe('pending');
    expect(await auditActions(toBob, alice)).toContain('invitation.reported.dont_know');
    expect(await auditActions(toCarol, alice)).toContain('invitation.reported.spam');
  });

  it('accepting or ignoring a withdrawn invitation is 404', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const id = await invite(alice, bob);
    await as(h, alice).post(`/api/v1/invitations/${id}/withdraw`);
    expectRefusal(await as(h, bob).post(`/api/v1/invitations/${id}/accept`), 404, 'not_found');
    expectRefusal(await as(h, bob).post(`/api/v1/invitations/${id}/ignore`, {}), 404, 'not_found');
    expect(await connectionIds(bob)).toEqual([]);
  });

  it('someone else’s invitation is 404 to a third member on GET, accept, ignore and withdraw', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const eve = await makeMember(h);
    const id = await invite(alice, bob);
    expectRefusal(await as(h, eve).get(`/api/v1/invitations/${id}`), 404, 'not_found');
    expectRefusal(await as(h, eve).post(`/api/v1/invitations/${id}/accept`), 404, 'not_found');
    expectRefusal(await as(h, eve).post(`/api/v1/invitations/${id}/ignore`, {}), 404, 'not_found');
    expectRefusal(await as(h, eve).post(`/api/v1/invitations/${id}/withdraw`), 404, 'not_found');
    // The sender cannot answer their own invitation, nor the recipient withdraw it.
    expectRefusal(await as(h, alice).post(`/api/v1/invitations/${id}/accept`), 404, 'not_found');
    expectRefusal(await as(h, bob).post(`/api/v1/invitations/${id}/withdraw`), 404, 'not_found');
    expectRefusal(await as(h, bob).get('/api/v1/invitations/no-such-invitation'), 404, 'not_found');
    expect((await as(h, bob).get(`/api/v1/invitations/${id}`)).body.status).toBe('pending');
  });

  it('accept racing withdraw: exactly one wins, the other is refused', async () => {
    for (let round = 0; round < 3; round++) {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const id = await invite(alice, bob);
      const [accept, withdraw] = await Promise.all([
        as(h, bob).post(`/api/v1/invitations/${id}/accept`),
        as(h, alice).post(`/api/v1/invitations/${id}/withdraw`),
      ]);
      const status = (await as(h, alice).get(`/api/v1/invitations/${id}`)).body.status;
      if (accept.status === 200) {
        expectRefusal(withdraw, 409, 'not_withdrawable');
        expect(status).toBe('accepted');
        expect(await connectionIds(alice)).toEqual([bob.id]);
      } else {
        expectRefusal(accept, 404, 'not_found');
        expect(withdraw.status).toBe(200);
        expect(status).toBe('withdrawn');
        expect(await connectionIds(alice)).toEqual([]);
      }
    }
  });

  it('accepts many at once, skipping what is not the caller’s or not pending', async () => {
    const bob = await makeMember(h);
    const [s1, s2, s3, s4, s5] = await Promise.all([1, 2, 3, 4, 5].map(() => makeMember(h)));
    const a1 = await invite(s1!, bob);
    const a2 = await invite(s2!, bob);
    const withdrawn = await invite(s3!, bob);
    await as(h, s3!).post(`/api/v1/invitations/${withdrawn}/withdraw`);
    const alreadyIgnored = await invite(s4!, bob);
    await as(h, bob).post(`/api/v1/invitations/${alreadyIgnored}/ignore`, {});
    const notMine = await invite(s5!, s1!);

    const reply = await as(h, bob).post('/api/v1/invitations/respond', {
      ids: [a1, a2, a1, withdrawn, alreadyIgnored, notMine, 'no-such-invitation'],
      action: 'accept',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.done).toEqual([a1, a2]);
    expect(reply.body.skipped).toEqual([
      { id: withdrawn, reason: 'not_found' },
      { id: alreadyIgnored, reason: 'not_pending' },
      { id: notMine, reason: 'not_found' },
      { id: 'no-such-invitation', reason: 'not_found' },
    ]);
    expect(new Set(await connectionIds(bob))).toEqual(new Set([s1!.id, s2!.id]));
    expect((await as(h, s1!).get(`/api/v1/invitations/${notMine}`)).body.status).toBe('pending');
  });

  it('ignores many at once', async () => {
    const bob = await makeMember(h);
    const [s1, s2, s3] = await Promise.all([1, 2, 3].map(() => makeMember(h)));
    const i1 = await invite(s1!, bob);
    const i2 = await invite(s2!, bob);
    const accepted = await invite(s3!, bob);
    await as(h, bob).post(`/api/v1/invitations/${accepted}/accept`);
    const reply = await as(h, bob).post('/api/v1/invitations/respond', { ids: [i1, i2, accepted], action: 'ignore' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ done: [i1, i2], skipped: [{ id: accepted, reason: 'not_pending' }] });
    expect((await as(h, bob).get('/api/v1/invitations/received')).body.items).toEqual([]);
    expect((await as(h, bob).get(`/api/v1/invitations/${i1}`)).body.status).toBe('ignored');
    expect((await as(h, s1!).get(`/api/v1/invitations/${i1}`)).body.status).toBe('pending');
    expect(await connectionIds(bob)).toEqual([s3!.id]);
  });

  it('refuses a malformed respond request', async () => {
    const bob = await makeMember(h);
    expectRefusal(await as(h, bob).post('/api/v1/invitations/respond', { ids: [], action: 'accept' }), 400, 'validation_failed');
    expectRefusal(await as(h, bob).post('/api/v1/invitations/respond', { ids: ['x'], action: 'withdraw' }), 400, 'validation_failed');
    expectRefusal(await as(h, bob).post('/api/v1/invitations/respond', { action: 'accept' }), 400, 'validation_failed');
  });
});
