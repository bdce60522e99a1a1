import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, makeMember, setFeature } from '../support/harness.js';

interface InboxItem {
  id: string;
  kind: string;
  subject: string;
  counterpart: { memberId?: string; name: string };
  read: boolean;
  invitation?: { id: string; status: string; withdrawable: boolean };
}

describe.each(DIALECTS)('the inbox (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  const inbox = async (m: Parameters<typeof as>[1], folder?: 'received' | 'sent', query = '') => {
    const res = await as(h, m).get(`/api/v1/inbox?${folder ? `folder=${folder}&` : ''}${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: InboxItem[]; nextCursor: string | null };
  };

  it('shows an invitation as a message in the recipient’s Received and the sender’s Sent folder', async () => {
    const alice = await makeMember(h, { name: 'Alice Inbox' });
    const bob = await makeMember(h, { name: 'Bob Inbox' });
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id, message: 'Met at the conference' });

    const received = await inbox(bob, 'received');
    expect(received.items).toHaveLength(1);
    expect(received.items[0]).toMatchObject({
      id: sent.body.id,
      kind: 'invitation',
      subject: 'Alice Inbox would like to connect',
      counterpart: { memberId: alice.id, name: 'Alice Inbox' },
      createdAt: sent.body.createdAt,
      read: false,
      invitation: { id: sent.body.id, status: 'pending', message: 'Met at the conference' },
    });
    // Received is the default folder.
    expect((await inbox(bob)).items.map((i) => i.id)).toEqual([sent.body.id]);

    const outgoing = await inbox(alice, 'sent');
    expect(outgoing.items).toHaveLength(1);
    expect(outgoing.items[0]).toMatchObject({
      id: sent.body.id,
      kind: 'invitation',
      subject: 'Invitation to connect with Bob Inbox',
      counterpart: { memberId: bob.id, name: 'Bob Inbox' },
      invitation: { status: 'pending', withdrawable: true },
    });
    // Each folder holds only its own side.
    expect((await inbox(alice, 'received')).items).toEqual([]);
    expect((await inbox(bob, 'sent')).items).toEqual([]);
  });

  it('names a non-member counterpart by address', async () => {
    const alice = await makeMember(h);
    const address = `friend.${Date.now()}@example.test`;
    await as(h, alice).post('/api/v1/invitations', { email: address });
    const [item] = (await inbox(alice, 'sent')).items;
    expect(item!.counterpart).toEqual({ name: address });
    expect(item!.subject).toBe(`Invitation to connect with ${address}`);
  });

  it('marks accepted invitations accepted, in both folders', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    await as(h, bob).post(`/api/v1/invitations/${sent.body.id}/accept`);
    expect((await inbox(bob, 'received')).items[0]!.invitation).toMatchObject({ id: sent.body.id, status: 'accepted', withdrawable: false });
    expect((await inbox(alice, 'sent')).items[0]!.invitation).toMatchObject({ id: sent.body.id, status: 'accepted', withdrawable: false });
  });

  it('a withdrawn invitation leaves the recipient’s Received folder and stays in the sender’s Sent folder as withdrawn', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    expect((await inbox(bob, 'received')).items).toHaveLength(1);
    await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    expect((await inbox(bob, 'received')).items).toEqual([]);
    const [item] = (await inbox(alice, 'sent')).items;
    expect(item).toMatchObject({ id: sent.body.id, invitation: { status: 'withdrawn', withdrawable: false } });
  });

  it('an ignored invitation is archived for the recipient and still awaiting a response for the sender', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    await as(h, bob).post(`/api/v1/invitations/${sent.body.id}/ignore`, { reason: 'dont_know' });
    expect((await inbox(bob, 'received')).items).toEqual([]);
    expect((await inbox(alice, 'sent')).items[0]!.invitation).toMatchObject({ status: 'pending', withdrawable: true });
  });

  it('an expired invitation shows as expired, without a withdraw action', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    h.clock.advance(h.config.invitationTtlMs + DAY);
    expect((await inbox(alice, 'sent')).items[0]!.invitation).toMatchObject({ id: sent.body.id, status: 'expired', withdrawable: false });
    expect((await inbox(bob, 'received')).items[0]!.invitation).toMatchObject({ id: sent.body.id, status: 'expired' });
  });

  it('pages newest first', async () => {
    const bob = await makeMember(h);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sender = await makeMember(h);
      ids.push((await as(h, sender).post('/api/v1/invitations', { memberId: bob.id })).body.id);
      h.clock.advance(1000);
    }
    const first = await inbox(bob, 'received', 'limit=2');
    expect(first.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await inbox(bob, 'received', `limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses an unknown folder and needs credentials', async () => {
    const bob = await makeMember(h);
    const bad = await as(h, bob).get('/api/v1/inbox?folder=spam');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.message).toContain('folder');
    const anonymous = await as(h, { ...bob, token: '' }).get('/api/v1/inbox');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
  });

  describe('withdrawing from the inbox', () => {
    it('needs the inbox-withdraw flag: 403 feature_unavailable without it, and nothing changes', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
      const refused = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`, { via: 'inbox' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('feature_unavailable');
      expect((await inbox(alice, 'sent')).items[0]!.invitation).toMatchObject({ status: 'pending', withdrawable: true });
      expect((await inbox(bob, 'received')).items).toHaveLength(1);
    });

    it('with the flag, withdraws and audits the path as inbox', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      await setFeature(h, 'inbox-withdraw', { rolloutPercent: 0, allow: [alice.id] });
      expect((await as(h, alice).get('/api/v1/me')).body.features['inbox-withdraw']).toBe(true);
      const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
      const done = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`, { via: 'inbox' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ id: sent.body.id, status: 'withdrawn' });
      expect((await inbox(bob, 'received')).items).toEqual([]);

      const audit = await h.database.db.selectFrom('audit_log').selectAll().where('invitation_id', '=', sent.body.id).where('action', '=', 'invitation.withdrawn').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: alice.id, subject_member_id: alice.id, path: 'inbox' });
      const row = await h.database.db.selectFrom('invitations').select(['withdraw_path', 'withdrawn_by']).where('id', '=', sent.body.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ withdraw_path: 'inbox', withdrawn_by: alice.id });
    });

    it('a plain withdrawal is audited as api, whether or not the member has the flag', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
      await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
      const audit = await h.database.db.selectFrom('audit_log').select('path').where('invitation_id', '=', sent.body.id).where('action', '=', 'invitation.withdrawn').execute();
      expect(audit).toEqual([{ path: 'api' }]);
    });

    it('refuses an unknown via', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
      const res = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`, { via: 'carrier-pigeon' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect((await inbox(alice, 'sent')).items[0]!.invitation!.status).toBe('pending');
    });
  });
});
