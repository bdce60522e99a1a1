import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, makeMember, type TestMember } from '../support/harness.js';

describe.each(DIALECTS)('members, profiles, settings and connections (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  /** `a` invites `b` and `b` accepts: they are connected. */
  async function connect(a: TestMember, b: TestMember) {
    const sent = await as(h, a).post('/api/v1/invitations', { memberId: b.id });
    expect(sent.status).toBe(201);
    const accepted = await as(h, b).post(`/api/v1/invitations/${sent.body.id}/accept`);
    expect(accepted.status).toBe(200);
    return sent.body.id as string;
  }

  const relationship = async (viewer: TestMember, other: TestMember) => {
    const res = await as(h, viewer).get(`/api/v1/members/${other.id}`);
    expect(res.status).toBe(200);
    return res.body.relationship as string;
  };

  describe('GET /me', () => {
    it('describes a new member: identity, full balance, empty week, no restriction, no features', async () => {
      const m = await makeMember(h, { name: 'Nora New', headline: 'Engineer' });
      const res = await as(h, m).get('/api/v1/me');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        member: { id: m.id, name: 'Nora New', email: m.email, role: 'member' },
        balance: { available: h.config.initialBalance, weeklyLimit: h.config.weeklyInvitationLimit, sentLast7Days: 0, weeklyWindowFreesAt: null },
        restricted: false,
        rules: { reinviteCooldownSeconds: h.config.reinviteCooldownMs / 1000 },
        features: { 'bulk-withdraw': false, 'inbox-withdraw': false, 'new-messaging': false },
      });
      // The default: three weeks before a withdrawn invitation's recipient can be invited again.
      expect(res.body.rules.reinviteCooldownSeconds).toBe(21 * 86_400);
    });

    it('counts what was sent in the last 7 days and says when the window frees up', async () => {
      const m = await makeMember(h);
      const [x, y] = [await makeMember(h), await makeMember(h)];
      const first = await as(h, m).post('/api/v1/invitations', { memberId: x.id });
      h.clock.advance(2 * DAY);
      await as(h, m).post('/api/v1/invitations', { memberId: y.id });
      let me = (await as(h, m).get('/api/v1/me')).body;
      expect(me.balance).toEqual({
        available: h.config.initialBalance - 2,
        weeklyLimit: h.config.weeklyInvitationLimit,
        sentLast7Days: 2,
        weeklyWindowFreesAt: new Date(Date.parse(first.body.createdAt) + 7 * DAY).toISOString(),
      });
      // Withdrawing neither refunds nor frees the weekly window.
      await as(h, m).post(`/api/v1/invitations/${first.body.id}/withdraw`);
      me = (await as(h, m).get('/api/v1/me')).body;
      expect(me.balance.available).toBe(h.config.initialBalance - 2);
      expect(me.balance.sentLast7Days).toBe(2);
      h.clock.advance(5 * DAY + 1000);
      me = (await as(h, m).get('/api/v1/me')).body;
      expect(me.balance.sentLast7Days).toBe(1);
      h.clock.advance(2 * DAY);
      me = (await as(h, m).get('/api/v1/me')).body;
      expect(me.balance.sentLast7Days).toBe(0);
      expect(me.balance.weeklyWindowFreesAt).toBeNull();
    });

    it('reports roles', async () => {
      const admin = await makeMember(h, { role: 'admin' });
      const agent = await makeMember(h, { role: 'support' });
      expect((await as(h, admin).get('/api/v1/me')).body.member.role).toBe('admin');
      expect((await as(h, agent).get('/api/v1/me')).body.member.role).toBe('support');
    });
  });

  describe('GET /members/{id}', () => {
    it('shows name, headline and relationship "self" and "none"', async () => {
      const a = await makeMember(h, { name: 'Ada', headline: 'Mathematician' });
      const b = await makeMember(h, { name: 'Bea', headline: 'Botanist' });
      const self = await as(h, a).get(`/api/v1/members/${a.id}`);
      expect(self.body).toEqual({ id: a.id, name: 'Ada', headline: 'Mathematician', relationship: 'self' });
      const other = await as(h, a).get(`/api/v1/members/${b.id}`);
      expect(other.body).toEqual({ id: b.id, name: 'Bea', headline: 'Botanist', relationship: 'none' });
    });

    it('shows invitation_sent to the sender and invitation_received to the recipient, then connected', async () => {
      const a = await makeMember(h);
      const b = await makeMember(h);
      const sent = await as(h, a).post('/api/v1/invitations', { memberId: b.id });
      expect(await relationship(a, b)).toBe('invitation_sent');
      expect(await relationship(b, a)).toBe('invitation_received');
      await as(h, b).post(`/api/v1/invitations/${sent.body.id}/accept`);
      expect(await relationship(a, b)).toBe('connected');
      expect(await relationship(b, a)).toBe('connected');
    });

    it('after an ignore, the recipient sees none while the sender still sees invitation_sent', async () => {
      const a = await makeMember(h);
      const b = await makeMember(h);
      const sent = await as(h, a).post('/api/v1/invitations', { memberId: b.id });
      expect((await as(h, b).post(`/api/v1/invitations/${sent.body.id}/ignore`, {})).status).toBe(200);
      expect(await relationship(b, a)).toBe('none');
      expect(await relationship(a, b)).toBe('invitation_sent');
    });

    it('after a withdrawal or expiry both see none', async () => {
      const a = await makeMember(h);
      const b = await makeMember(h);
      const c = await makeMember(h);
      const toB = await as(h, a).post('/api/v1/invitations', { memberId: b.id });
      await as(h, a).post(`/api/v1/invitations/${toB.body.id}/withdraw`);
      expect(await relationship(a, b)).toBe('none');
      expect(await relationship(b, a)).toBe('none');
      await as(h, a).post('/api/v1/invitations', { memberId: c.id });
      h.clock.advance(h.config.invitationTtlMs + 1000);
      expect(await relationship(a, c)).toBe('none');
      expect(await relationship(c, a)).toBe('none');
    });

    it('is 404 not_found for an unknown id', async () => {
      const a = await makeMember(h);
      const res = await as(h, a).get('/api/v1/members/no-such-member');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });

    it('needs credentials', async () => {
      const a = await makeMember(h);
      const res = await as(h, { ...a, token: '' }).get(`/api/v1/members/${a.id}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });
  });

  describe('settings', () => {
    it('findableByEmail is on by default and can be turned off and on', async () => {
      const m = await makeMember(h);
      expect((await as(h, m).get('/api/v1/me/settings')).body).toEqual({ findableByEmail: true, invitationsFrom: 'anyone', messageEmails: true });
      const off = await as(h, m).patch('/api/v1/me/settings', { findableByEmail: false });
      expect(off.status).toBe(200);
      expect(off.body).toEqual({ findableByEmail: false, invitationsFrom: 'anyone', messageEmails: true });
      expect((await as(h, m).get('/api/v1/me/settings')).body).toEqual({ findableByEmail: false, invitationsFrom: 'anyone', messageEmails: true });
      // An empty change changes nothing.
      expect((await as(h, m).patch('/api/v1/me/settings', {})).body).toEqual({ findableByEmail: false, invitationsFrom: 'anyone', messageEmails: true });
      expect((await as(h, m).patch('/api/v1/me/settings', { findableByEmail: true })).body).toEqual({
        findableByEmail: true,
        invitationsFrom: 'anyone',
        messageEmails: true,
      });
      expect((await as(h, m).get('/api/v1/me/settings')).body).toEqual({ findableByEmail: true, invitationsFrom: 'anyone', messageEmails: true });
    });

    it('are per member', async () => {
      const a = await makeMember(h);
      const b = await makeMember(h);
      await as(h, a).patch('/api/v1/me/settings', { findableByEmail: false });
      expect((await as(h, b).get('/api/v1/me/settings')).body).toEqual({ findableByEmail: true, invitationsFrom: 'anyone', messageEmails: true });
    });

    it('refuses a value of the wrong type', async () => {
      const m = await makeMember(h);
      for (const findableByEmail of ['sometimes', null, 7]) {
        const res = await as(h, m).patch('/api/v1/me/settings', { findableByEmail });
        expect(res.status, JSON.stringify(findableByEmail)).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.message).toContain('findableByEmail');
      }
      expect((await as(h, m).get('/api/v1/me/settings')).body).toEqual({ findableByEmail: true, invitationsFrom: 'anyone', messageEmails: true });
    });
  });

  describe('connections', () => {
    it('lists connections newest first, in pages', async () => {
      const me = await makeMember(h);
      const others = [];
      for (let i = 0; i < 5; i++) {
        const other = await makeMember(h, { name: `Contact ${i}` });
        // Some invite me, some I invite: a connection is undirected.
        if (i % 2 === 0) await connect(me, other);
        else await connect(other, me);
        others.push(other);
        h.clock.advance(60_000);
      }
      const first = await as(h, me).get('/api/v1/connections?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await as(h, me).get(`/api/v1/connections?limit=2&cursor=${first.body.nextCursor}`);
      const third = await as(h, me).get(`/api/v1/connections?limit=2&cursor=${second.body.nextCursor}`);
      expect(third.body.nextCursor).toBeNull();
      const all = [...first.body.items, ...second.body.items, ...third.body.items];
      expect(all.map((c: { member: { id: string } }) => c.member.id)).toEqual(others.map((o) => o.id).reverse());
      expect(all[0]).toMatchObject({ member: { id: others[4]!.id, name: 'Contact 4', headline: '' }, connectedAt: expect.any(String) });
      // The default page holds all of them, and the other side sees only me.
      expect((await as(h, me).get('/api/v1/connections')).body).toMatchObject({ items: all, nextCursor: null });
      const theirs = await as(h, others[0]!).get('/api/v1/connections');
      expect(theirs.body.items.map((c: { member: { id: string } }) => c.member.id)).toEqual([me.id]);
    });

    it('refuses bad page parameters', async () => {
      const me = await makeMember(h);
      for (const query of ['limit=0', 'limit=101', 'limit=ten', 'cursor=garbage']) {
        const res = await as(h, me).get(`/api/v1/connections?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
      }
    });

    it('DELETE removes a connection for both sides (204), then it is 404', async () => {
      const a = await makeMember(h);
      const b = await makeMember(h);
      await connect(a, b);
      const removed = await as(h, b).delete(`/api/v1/connections/${a.id}`);
      expect(removed.status).toBe(204);
      expect(removed.body).toBe('');
      expect((await as(h, a).get('/api/v1/connections')).body.items).toEqual([]);
      expect((await as(h, b).get('/api/v1/connections')).body.items).toEqual([]);
      expect(await relationship(a, b)).toBe('none');
      const again = await as(h, b).delete(`/api/v1/connections/${a.id}`);
      expect(again.status).toBe(404);
      expect(again.body.error.code).toBe('not_found');
      expect((await as(h, a).delete(`/api/v1/connections/${b.id}`)).status).toBe(404);
      // Once removed, they can invite each other again.
      expect((await as(h, a).post('/api/v1/invitations', { memberId: b.id })).status).toBe(201);
    });

    it('cannot remove a connection between two other members', async () => {
      const a = await makeMember(h);
      const b = await makeMember(h);
      const eve = await makeMember(h);
      await connect(a, b);
      expect((await as(h, eve).delete(`/api/v1/connections/${a.id}`)).status).toBe(404);
      expect((await as(h, eve).delete(`/api/v1/connections/${b.id}`)).status).toBe(404);
      expect((await as(h, a).get('/api/v1/connections')).body.items).toHaveLength(1);
    });
  });
  describe('PATCH /me/profile', () => {
    it('sets the headline others see, cleaned to one line; an empty one removes it', async () => {
      const me = await makeMember(h);
      const other = await makeMember(h);
      const set = await as(h, me).patch('/api/v1/me/profile', { headline: '  Staff Engineer\n at\u200b Northwind\u202e  ' });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ id: me.id, headline: 'Staff Engineer at Northwind' });
      expect((await as(h, other).get(`/api/v1/members/${me.id}`)).body.headline).toBe('Staff Engineer at Northwind');
      expect((await as(h, me).get('/api/v1/me')).body.member.headline).toBe('Staff Engineer at Northwind');
      const cleared = await as(h, me).patch('/api/v1/me/profile', { headline: '' });
      expect(cleared.body.headline).toBe('');
      expect((await as(h, other).get(`/api/v1/members/${me.id}`)).body.headline).toBe('');
    });

    it('changes the name, keeping what was not given', async () => {
      const me = await makeMember(h);
      await as(h, me).patch('/api/v1/me/profile', { headline: 'Recruiter' });
      const renamed = await as(h, me).patch('/api/v1/me/profile', { name: 'Zoë  Spärck-Jones' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'Zoë Spärck-Jones', headline: 'Recruiter' });
      expect((await as(h, me).patch('/api/v1/me/profile', {})).body).toMatchObject({ name: 'Zoë Spärck-Jones', headline: 'Recruiter' });
    });

    it.each([
      [{ name: '' }, 'name'],
      [{ name: '\u200b\u202e ' }, 'name'],
      [{ name: 42 }, 'name'],
      [{ headline: ['Engineer'] }, 'headline'],
      [{ headline: null }, 'headline'],
      [{ headline: 'x'.repeat(201) }, 'headline'],
      [{ email: 'new@example.test' }, 'email'],
    ])('refuses %j with 400 validation_failed naming the field, and changes nothing', async (body, field) => {
      const me = await makeMember(h);
      const before = (await as(h, me).get('/api/v1/me')).body.member;
      const res = await as(h, me).patch('/api/v1/me/profile', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain(field);
      expect((await as(h, me).get('/api/v1/me')).body.member).toEqual(before);
    });

    it('needs a member', async () => {
      expect((await h.app.inject({ method: 'PATCH', url: '/api/v1/me/profile', payload: { headline: 'x' } })).statusCode).toBe(401);
    });
  });
});
