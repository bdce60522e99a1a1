import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/invitations/respond.js';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, DAY, type Harness, makeMember, type Reply, type TestMember } from '../support/harness.js';

interface Item {
  member: { id: string; name: string; headline: string };
  mutualConnections: number;
  mutualNames: string[];
  sameDomain: boolean;
}

const URL = '/api/v1/people-you-may-know';
let unique = 0;
/** A company domain no other test uses, so no stranger shows up as a colleague. */
const freshDomain = (label = 'co') => `${label}-${++unique}-${Math.random().toString(36).slice(2, 8)}.test`;
const at = (domain: string, label = 'm') => `${label}.${++unique}.${Math.random().toString(36).slice(2, 8)}@${domain}`;

describe.each(DIALECTS)('people you may know (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  /** A member whose own domain is private to the test (so only what the test builds is suggested). */
  const person = (name?: string, domain = freshDomain()) => makeMember(h, { name, email: at(domain) });

  async function link(...pairs: [TestMember, TestMember][]) {
    const now = h.clock.now().toISOString();
    await h.database.db.transaction().execute(async (trx) => {
      for (const [a, b] of pairs) await connect(trx, a.id, b.id, null, now);
    });
  }

  /** Every suggestion for `m`, paged through with `limit`. */
  async function all(m: TestMember, limit = 100): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const res: Reply = await as(h, m).get(`${URL}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (cursor === null) return items;
      expect(res.body.items).toHaveLength(limit);
    }
    throw new Error('the list never ended');
  }
  const ids = async (m: TestMember) => (await all(m)).map((i) => i.member.id);

  /** `me` connected to `friends`, and one candidate connected to the friends given for it. */
  async function friendsOf(me: TestMember, n: number, names?: string[]) {
    const friends: TestMember[] = [];
    for (let i = 0; i < n; i++) friends.push(await person(names?.[i]));
    await link(...friends.map((f) => [me, f] as [TestMember, TestMember]));
    return friends;
  }

  async function invite(from: TestMember, to: TestMember) {
    const res = await as(h, from).post('/api/v1/invitations', { memberId: to.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  describe('ranking', () => {
    it('ranks by mutual connections, with the count and up to three mutual names in name order', async () => {
      const me = await person('Me');
      const [f1, f2, f3, f4] = await friendsOf(me, 4, ['Dora Fourth', 'Bea Second', 'Cleo Third', 'Ann First']);
      const four = await person('Four Mutual');
      const two = await person('Two Mutual');
      const one = await person('One Mutual');
      const three = await person('Three Mutual');
      await link([four, f1!], [four, f2!], [four, f3!], [four, f4!], [two, f1!], [two, f3!], [one, f2!], [three, f1!], [three, f2!], [three, f4!]);

      const items = await all(me);
      expect(items).toEqual([
        {
          member: { id: four.id, name: 'Four Mutual', headline: '' },
          mutualConnections: 4,
          mutualNames: ['Ann First', 'Bea Second', 'Cleo Third'],
          sameDomain: false,
        },
        {
          member: { id: three.id, name: 'Three Mutual', headline: '' },
          mutualConnections: 3,
          mutualNames: ['Ann First', 'Bea Second', 'Dora Fourth'],
          sameDomain: false,
        },
        { member: { id: two.id, name: 'Two Mutual', headline: '' }, mutualConnections: 2, mutualNames: ['Cleo Third', 'Dora Fourth'], sameDomain: false },
        { member: { id: one.id, name: 'One Mutual', headline: '' }, mutualConnections: 1, mutualNames: ['Bea Second'], sameDomain: false },
      ]);
      // Each friend sees the others through me, one mutual connection each, and never themselves.
      const seenByF1 = await all(f1!);
      expect(seenByF1.map((i) => i.member.id)).not.toContain(f1!.id);
      expect(seenByF1.find((i) => i.member.id === f2!.id)).toMatchObject({ mutualConnections: 3, mutualNames: ['Four Mutual', 'Me', 'Three Mutual'] });
    });

    it('breaks ties by a shared company domain, then newest member, then id; colleagues with no mutual come last', async () => {
      const company = freshDomain('acme');
      const me = await makeMember(h, { name: 'Me', email: at(company) });
      const [friend] = await friendsOf(me, 1);
      // All created at the same instant: only the id can order them.
      const sameInstant = [await person(), await person(), await person()];
      h.clock.advance(1000);
      const older = await person();
      h.clock.advance(1000);
      const newer = await person();
      h.clock.advance(1000);
      const colleagueOld = await makeMember(h, { email: at(company) });
      h.clock.advance(1000);
      const colleagueNew = await makeMember(h, { email: at(company).toUpperCase() });
      h.clock.advance(1000);
      const colleagueNoMutual = await makeMember(h, { email: at(company) });
      // Two mutual connections beat a shared domain.
      const [friend2] = await friendsOf(me, 1);
      const twoMutual = await person();
      await link(
        ...[...sameInstant, older, newer, colleagueOld, colleagueNew].map((c) => [c, friend!] as [TestMember, TestMember]),
        [twoMutual, friend!],
        [twoMutual, friend2!],
      );

      const items = await all(me);
      const byId = [...sameInstant].sort((a, b) => (a.id < b.id ? 1 : -1));
      expect(items.map((i) => i.member.id)).toEqual([
        twoMutual.id,
        colleagueNew.id,
        colleagueOld.id,
        newer.id,
        older.id,
        ...byId.map((m) => m.id),
        // friend2 is my connection, so never suggested; the colleague without a mutual comes last.
        colleagueNoMutual.id,
      ]);
      expect(items.map((i) => [i.mutualConnections, i.sameDomain])).toEqual([
        [2, false],
        [1, true],
        [1, true],
        [1, false],
        [1, false],
        [1, false],
        [1, false],
        [1, false],
        [0, true],
      ]);
      expect(items.at(-1)!.mutualNames).toEqual([]);
    });

    it('a public webmail domain is not a company: no colleague suggestions, no domain tie-break', async () => {
      const me = await makeMember(h, { email: at('gmail.com') });
      const [friend] = await friendsOf(me, 1);
      const webmailOld = await makeMember(h, { email: at('gmail.com') });
      h.clock.advance(1000);
      const other = await person();
      const webmailStranger = await makeMember(h, { email: at('gmail.com') });
      await link([webmailOld, friend!], [other, friend!]);
      const items = await all(me);
      expect(items.map((i) => i.member.id)).toEqual([other.id, webmailOld.id]);
      expect(items.every((i) => !i.sameDomain)).toBe(true);
      expect(items.map((i) => i.member.id)).not.toContain(webmailStranger.id);
    });

    it('a domain is matched whole, not as a pattern or a suffix', async () => {
      const company = freshDomain('exact');
      const me = await makeMember(h, { email: at(company) });
      const colleague = await makeMember(h, { email: at(company) });
      await makeMember(h, { email: at(`sub.${company}`) });
      await makeMember(h, { email: at(`x${company}`) });
      expect(await ids(me)).toEqual([colleague.id]);
      // LIKE wildcards in an address's domain match nothing but themselves.
      const wild = `%.${company.replace(/-/g, '_')}`;
      const prober = await makeMember(h, { email: at(wild) });
      expect(await ids(prober)).toEqual([]);
      const lookalike = `a_b-${freshDomain()}`;
      const underscore = await makeMember(h, { email: at(lookalike) });
      await makeMember(h, { email: at(lookalike.replace('_', 'x')) });
      expect(await ids(underscore)).toEqual([]);
    });

    it('a member with no connections and a private domain gets an empty list', async () => {
      const loner = await person();
      const res = await as(h, loner).get(URL);
      expect(res.body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('exclusions', () => {
    /** me – friend – candidate: the candidate is suggested with one mutual connection. */
    async function triangle() {
      const me = await person('Me');
      const friend = await person('Friend');
      const candidate = await person('Candidate');
      await link([me, friend], [friend, candidate]);
      expect(await ids(me)).toEqual([candidate.id]);
      return { me, friend, candidate };
    }

    it('never myself, never my connections', async () => {
      const { me, friend, candidate } = await triangle();
      await link([me, candidate]);
      expect(await ids(me)).toEqual([]);
      // Removing the connection brings the candidate back.
      expect((await as(h, me).delete(`/api/v1/connections/${candidate.id}`)).status).toBe(204);
      expect(await ids(me)).toEqual([candidate.id]);
      expect(await ids(friend)).toEqual([]);
    });

    it('a pending invitation I sent to a member excludes them; one to their e-mail address does not tell', async () => {
      const { me, candidate } = await triangle();
      const id = await invite(me, candidate);
      expect(await ids(me)).toEqual([]);
      expect((await as(h, me).post(`/api/v1/invitations/${id}/withdraw`)).status).toBe(200);

      // It reaches the candidate, but their vanishing would tell me whose address it was.
      const second = await triangle();
      const sent = await as(h, second.me).post('/api/v1/invitations', { email: second.candidate.email.toUpperCase() });
      expect(sent.status).toBe(201);
      expect((await as(h, second.candidate).get('/api/v1/invitations/received')).body.items.map((i: { id: string }) => i.id)).toEqual([sent.body.id]);
      expect(await ids(second.me)).toEqual([second.candidate.id]);
      expect((await as(h, second.me).post(`/api/v1/invitations/${sent.body.id}/withdraw`)).status).toBe(200);
      expect(await ids(second.me)).toEqual([second.candidate.id]);
    });

    it('a pending invitation I received excludes its sender', async () => {
      const { me, candidate } = await triangle();
      await invite(candidate, me);
      expect(await ids(me)).toEqual([]);
    });

    it('an invitation I sent that the recipient ignored still excludes them (to me it is pending) until it expires', async () => {
      const { me, candidate } = await triangle();
      const id = await invite(me, candidate);
      expect((await as(h, candidate).post(`/api/v1/invitations/${id}/ignore`, {})).status).toBe(200);
      expect(await ids(me)).toEqual([]);
      h.clock.advance(h.config.invitationTtlMs - 1000);
      expect(await ids(me)).toEqual([]);
      h.clock.advance(2000);
      expect(await ids(me)).toEqual([candidate.id]);
    });

    it('a pending invitation either way stops excluding once it has expired', async () => {
      const a = await triangle();
      const b = await triangle();
      await invite(a.me, a.candidate);
      await invite(b.candidate, b.me);
      expect(await ids(a.me)).toEqual([]);
      expect(await ids(b.me)).toEqual([]);
      h.clock.advance(h.config.invitationTtlMs + 1000);
      expect(await ids(a.me)).toEqual([a.candidate.id]);
      expect(await ids(b.me)).toEqual([b.candidate.id]);
    });

    it('someone I withdrew an invitation from is excluded for the re-invite cooldown, then suggested again', async () => {
      const { me, candidate } = await triangle();
      const id = await invite(me, candidate);
      h.clock.advance(DAY);
      expect((await as(h, me).post(`/api/v1/invitations/${id}/withdraw`)).status).toBe(200);
      expect(await ids(me)).toEqual([]);
      h.clock.advance(h.config.reinviteCooldownMs - 1);
      expect(await ids(me)).toEqual([]);
      expect((await as(h, me).post('/api/v1/invitations', { memberId: candidate.id })).body.error.code).toBe('reinvite_cooldown');
      h.clock.advance(1);
      // Suggested again exactly when Connect would work again.
      expect(await ids(me)).toEqual([candidate.id]);
      expect((await as(h, me).post('/api/v1/invitations', { memberId: candidate.id })).status).toBe(201);
    });

    it('a withdrawal by the other side does not exclude them from my suggestions', async () => {
      const { me, candidate } = await triangle();
      const id = await invite(candidate, me);
      expect((await as(h, candidate).post(`/api/v1/invitations/${id}/withdraw`)).status).toBe(200);
      expect(await ids(me)).toEqual([candidate.id]);
      // ...but it does exclude me from theirs.
      expect(await ids(candidate)).toEqual([]);
    });

    it('dismissed: not suggested until the dismissal is undone; dismissing twice is harmless', async () => {
      const { me, friend, candidate } = await triangle();
      const other = await person();
      await link([other, (await friendsOf(me, 1))[0]!]);
      expect(new Set(await ids(me))).toEqual(new Set([candidate.id, other.id]));
      const dismiss = `${URL}/${candidate.id}/dismiss`;
      expect((await as(h, me).post(dismiss)).status).toBe(204);
      expect((await as(h, me).post(dismiss)).status).toBe(204);
      expect(await ids(me)).toEqual([other.id]);
      // Only my list changes.
      const bystander = await person();
      await link([bystander, friend]);
      expect(new Set(await ids(bystander))).toEqual(new Set([me.id, candidate.id]));
      expect((await as(h, me).delete(dismiss)).status).toBe(204);
      expect(new Set(await ids(me))).toEqual(new Set([candidate.id, other.id, bystander.id]));
      expect((await as(h, me).delete(dismiss)).status).toBe(204);
    });

    it.each(['dont_know', 'spam'] as const)('someone who reported my invitation (%s) is never suggested to me again', async (reason) => {
      const { me, candidate } = await triangle();
      const id = await invite(me, candidate);
      expect((await as(h, candidate).post(`/api/v1/invitations/${id}/ignore`, { reason })).status).toBe(200);
      expect(await ids(me)).toEqual([]);
      // Withdrawing it, the cooldown and the expiry change nothing.
      expect((await as(h, me).post(`/api/v1/invitations/${id}/withdraw`)).status).toBe(200);
      h.clock.advance(h.config.invitationTtlMs + h.config.reinviteCooldownMs + DAY);
      expect(await ids(me)).toEqual([]);
      // Nor am I suggested to the one who reported me.
      expect(await ids(candidate)).toEqual([]);
      // Other members are unaffected.
      const bystander = await person();
      await link([bystander, (await friendsOf(candidate, 1))[0]!]);
      expect(await ids(bystander)).toContain(candidate.id);
    });

    it('a plain ignore is not a report: after the invitation expires the recipient is suggested again', async () => {
      const { me, candidate } = await triangle();
      const id = await invite(me, candidate);
      expect((await as(h, candidate).post(`/api/v1/invitations/${id}/ignore`, {})).status).toBe(200);
      h.clock.advance(h.config.invitationTtlMs + DAY);
      expect(await ids(me)).toEqual([candidate.id]);
    });

    it('exclusions apply to colleagues found by domain too', async () => {
      const company = freshDomain('corp');
      const me = await makeMember(h, { email: at(company) });
      const [a, b, c, d] = [
        await makeMember(h, { email: at(company) }),
        await makeMember(h, { email: at(company) }),
        await makeMember(h, { email: at(company) }),
        await makeMember(h, { email: at(company) }),
      ];
      expect(new Set(await ids(me))).toEqual(new Set([a.id, b.id, c.id, d.id]));
      await link([me, a]);
      await invite(me, b);
      await invite(c, me);
      expect((await as(h, me).post(`${URL}/${d.id}/dismiss`)).status).toBe(204);
      expect(await ids(me)).toEqual([]);
    });
  });

  describe('paging', () => {
    it('limit and cursor return each suggestion exactly once, in ranking order', async () => {
      const me = await person('Me');
      const friends = await friendsOf(me, 4);
      const pairs: [TestMember, TestMember][] = [];
      for (let i = 0; i < 23; i++) {
        if (i % 5 === 0) h.clock.advance(1000);
        const c = await person();
        friends.slice(0, (i % 4) + 1).forEach((f) => pairs.push([c, f]));
      }
      await link(...pairs);
      const whole = await all(me, 100);
      expect(whole).toHaveLength(23);
      const counts = whole.map((i) => i.mutualConnections);
      expect(counts).toEqual([...counts].sort((x, y) => y - x));
      for (const limit of [1, 4, 7, 23]) {
        const paged = await all(me, limit);
        expect(paged).toEqual(whole);
      }
      const first = await as(h, me).get(`${URL}?limit=23`);
      expect(first.body.nextCursor).toBeNull();
      const short = await as(h, me).get(`${URL}?limit=22`);
      expect(short.body.nextCursor).toEqual(expect.any(String));
      const last = await as(h, me).get(`${URL}?limit=22&cursor=${short.body.nextCursor}`);
      expect(last.body).toEqual({ items: [whole[22]], nextCursor: null });
      expect((await as(h, me).get(URL)).body.items).toHaveLength(20);
    });

    it('refuses a malformed cursor or limit with 400 validation_failed', async () => {
      const me = await person();
      for (const query of [
        'cursor=not-a-cursor!',
        `cursor=${Buffer.from('-5').toString('base64url')}`,
        `cursor=${Buffer.from('1.5').toString('base64url')}`,
        'limit=0',
        'limit=101',
      ]) {
        const res = await as(h, me).get(`${URL}?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
      }
    });
  });

  describe('dismiss', () => {
    it('an unknown member, or myself, is 404 not_found', async () => {
      const me = await person();
      const unknown = await as(h, me).post(`${URL}/no-such-member/dismiss`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not_found');
      const self = await as(h, me).post(`${URL}/${me.id}/dismiss`);
      expect(self.status).toBe(404);
      expect(self.body.error.code).toBe('not_found');
    });

    it('needs authentication', async () => {
      const other = await person();
      expect((await call(h, 'GET', URL)).status).toBe(401);
      expect((await call(h, 'POST', `${URL}/${other.id}/dismiss`)).status).toBe(401);
      expect((await call(h, 'DELETE', `${URL}/${other.id}/dismiss`)).status).toBe(401);
    });
  });
});
