import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameSearchQuery } from '../../src/members/search-store.js';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, type Harness, makeMember, type TestMember } from '../support/harness.js';

interface Found {
  id: string;
  name: string;
  email: string;
  role: string;
  headline: string;
  createdAt: string;
  restricted: boolean;
}

describe.each(DIALECTS)('member lookup in the support console (%s)', (dialect) => {
  let h: Harness;
  let agent: TestMember;
  let admin: TestMember;
  beforeAll(async () => {
    h = await createHarness(dialect);
    agent = await makeMember(h, { role: 'support' });
    admin = await makeMember(h, { role: 'admin' });
  });
  afterAll(async () => h?.close());

  let tags = 0;
  /** Letters no other test's names hold, so each test reads only its own members. */
  const uniqueTag = () =>
    `qz${(++tags).toString(36)}${Math.random()
      .toString(36)
      .replace(/[^a-z]/g, '')
      .slice(0, 5)}x`;

  const search = (q: string, extra = '', who: TestMember = agent) => as(h, who).get(`/api/v1/support/members?q=${encodeURIComponent(q)}${extra}`);
  const names = (items: Found[]) => items.map((m) => m.name);

  it('finds a member by exact e-mail address, in any case and with spaces around it', async () => {
    const tag = uniqueTag();
    const dana = await makeMember(h, { name: 'Dana Lookup', email: `dana.${tag}@example.test`, headline: 'Buyer' });
    await makeMember(h, { name: 'Dana Other', email: `other.${tag}@example.test` });
    for (const q of [`dana.${tag}@example.test`, `  DANA.${tag.toUpperCase()}@Example.TEST `]) {
      const res = await search(q);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        match: 'email',
        items: [
          {
            id: dana.id,
            name: 'Dana Lookup',
            email: dana.email,
            emailVerified: true,
            role: 'member',
            headline: 'Buyer',
            createdAt: dana.member.created_at,
            restricted: false,
          },
        ],
        nextCursor: null,
      });
    }
    const none = await search(`nobody.${tag}@example.test`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ match: 'email', items: [], nextCursor: null });
  });

  it('finds a member by a verified additional address, never by an unverified one', async () => {
    const tag = uniqueTag();
    const erin = await makeMember(h, { name: 'Erin Extra', email: `erin.${tag}@example.test` });
    const now = h.clock.now().toISOString();
    await h.database.db
      .insertInto('member_emails')
      .values([
        { member_id: erin.id, email: `erin.work.${tag}@example.test`, verified_at: now, token_hash: null, token_expires_at: null, created_at: now },
        { member_id: erin.id, email: `erin.claim.${tag}@example.test`, verified_at: null, token_hash: null, token_expires_at: null, created_at: now },
      ])
      .execute();
    const verified = await search(`Erin.Work.${tag}@example.test`);
    expect(verified.body).toMatchObject({ match: 'email', items: [{ id: erin.id, email: erin.email }] });
    const unverified = await search(`erin.claim.${tag}@example.test`);
    expect(unverified.body).toEqual({ match: 'email', items: [], nextCursor: null });
  });

  it('finds a member whose primary address is only claimed by id or name, not by the address, and says so', async () => {
    const tag = uniqueTag();
    const claimer = await makeMember(h, { name: `Claire ${tag}`, email: `claire.${tag}@example.test`, emailVerified: false });
    expect((await search(claimer.email)).body).toEqual({ match: 'email', items: [], nextCursor: null });
    const byId = await search(claimer.id);
    expect(byId.body.items).toEqual([expect.objectContaining({ id: claimer.id, email: claimer.email, emailVerified: false })]);
    expect((await search(`Claire ${tag}`)).body.items.map((f: Found) => f.id)).toEqual([claimer.id]);
  });

  it('finds a member by exact id, and says whether they are restricted', async () => {
    const m = await makeMember(h, { name: 'Ivo Byid', role: 'support' });
    await h.database.db.updateTable('members').set({ restricted_at: h.clock.now().toISOString() }).where('id', '=', m.id).execute();
    const res = await search(m.id);
    expect(res.status).toBe(200);
    expect(res.body.match).toBe('id');
    expect(res.body.items).toEqual([expect.objectContaining({ id: m.id, name: 'Ivo Byid', role: 'support', restricted: true })]);
    // An id is matched exactly, not as a part of one.
    const part = await search(m.id.slice(0, -1));
    expect(part.body.match).toBe('name');
    expect(part.body.items.map((f: Found) => f.id)).not.toContain(m.id);
  });

  it('finds members by part of their name, whatever the case: names starting with it first', async () => {
    const tag = uniqueTag();
    const created = [`Zoe ${tag}son`, `${tag}berg Ann`, `Al ${tag}`, `${tag.toUpperCase()} Bo`, `Mo ${tag.slice(0, -1)}`];
    for (const name of created) await makeMember(h, { name });
    for (const q of [tag, tag.toUpperCase(), ` ${tag} `]) {
      const res = await search(q);
      expect(res.status).toBe(200);
      expect(res.body.match).toBe('name');
      // Starting with the text, by name; then containing it, by name. The near miss is not there.
      expect(names(res.body.items)).toEqual([`${tag.toUpperCase()} Bo`, `${tag}berg Ann`, `Al ${tag}`, `Zoe ${tag}son`]);
      expect(res.body.nextCursor).toBeNull();
    }
    const prefix = await search(`${tag}B`);
    expect(names(prefix.body.items)).toEqual([`${tag}berg Ann`]);
    const inner = await search(`${tag}son`);
    expect(names(inner.body.items)).toEqual([`Zoe ${tag}son`]);
  });

  it('finds names with accents as typed; PostgreSQL also folds their case', async () => {
    const tag = uniqueTag();
    const emile = await makeMember(h, { name: `Émile ${tag}` });
    expect((await search(`Émile ${tag}`)).body.items.map((f: Found) => f.id)).toEqual([emile.id]);
    expect((await search(`ÉMILE ${tag.toUpperCase()}`)).body.items.map((f: Found) => f.id)).toEqual([emile.id]);
    // SQLite's lower() folds ASCII letters only.
    expect((await search(`émile ${tag}`)).body.items.map((f: Found) => f.id)).toEqual(dialect === 'postgres' ? [emile.id] : []);
  });

  it('takes % and _ literally', async () => {
    const tag = uniqueTag();
    for (const name of [`${tag} 100% Sure`, `${tag} 100x Sure`, `${tag} 1000 Sure`, `${tag} a_b`, `${tag} axb`, `${tag} a\\b`]) await makeMember(h, { name });
    expect(names((await search(`${tag} 100%`)).body.items)).toEqual([`${tag} 100% Sure`]);
    expect(names((await search('100% sure')).body.items)).toEqual([`${tag} 100% Sure`]);
    expect(names((await search(`${tag} a_b`)).body.items)).toEqual([`${tag} a_b`]);
    expect(names((await search(`${tag} a\\b`)).body.items)).toEqual([`${tag} a\\b`]);
    const percent = await search('%', '&limit=100');
    expect(percent.body.items.length).toBeGreaterThan(0);
    for (const found of percent.body.items as Found[]) expect(found.name).toContain('%');
    const underscore = await search('_', '&limit=100');
    expect(underscore.body.items.length).toBeGreaterThan(0);
    for (const found of underscore.body.items as Found[]) expect(found.name).toContain('_');
  });

  it('pages through every match once, across both kinds of match, in the order of one long page', async () => {
    const tag = uniqueTag();
    const made = [`${tag} Ada`, `${tag} Ben`, `${tag} Cy`, `Dee ${tag}`, `Eve ${tag}`, `Fay ${tag}`, `${tag} Ben`];
    for (const name of made) await makeMember(h, { name });
    const whole = await search(tag, '&limit=100');
    expect(names(whole.body.items)).toEqual([`${tag} Ada`, `${tag} Ben`, `${tag} Ben`, `${tag} Cy`, `Dee ${tag}`, `Eve ${tag}`, `Fay ${tag}`]);
    for (const limit of [1, 2, 3, 4]) {
      const seen: Found[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await search(tag, `&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(
        seen.map((f) => f.id),
        `limit ${limit}`,
      ).toEqual(whole.body.items.map((f: Found) => f.id));
      expect(pages).toBe(Math.ceil(made.length / limit));
    }
  });

  it('caps the page size and refuses a cursor it did not give', async () => {
    const tooMany = await search('a', '&limit=101');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('validation_failed');
    const bad = await search('a', '&cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.message).toContain('cursor');
    const forged = Buffer.from(JSON.stringify(['p', 'a\u0000', 'x'])).toString('base64url');
    const nul = await search('a', `&cursor=${forged}`);
    expect(nul.status).toBe(400);
    expect(nul.body.error.code).toBe('validation_failed');
  });

  it('validates q: present, not blank, at most 200 characters', async () => {
    for (const url of [
      '/api/v1/support/members',
      '/api/v1/support/members?q=',
      `/api/v1/support/members?q=${'a'.repeat(201)}`,
      '/api/v1/support/members?q=%20%20%20',
    ]) {
      const res = await as(h, agent).get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain('q');
    }
    const longest = await search('a'.repeat(200));
    expect(longest.status).toBe(200);
    expect(longest.body.items).toEqual([]);
  });

  it('is for support agents and admins only: a member gets 403, nobody 401', async () => {
    const target = await makeMember(h, { name: 'Private Person' });
    const member = await makeMember(h);
    const refused = await search(target.email, '', member);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(JSON.stringify(refused.body)).not.toContain(target.id);
    const anonymous = await call(h, 'GET', `/api/v1/support/members?q=${encodeURIComponent(target.email)}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const byAdmin = await search(target.email, '', admin);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.items.map((f: Found) => f.id)).toEqual([target.id]);
  });

  it('reads a name prefix as a range of the name index, not the whole table', async () => {
    const compiled = nameSearchQuery(h.database.db, dialect, 'Ada', 'prefix', null, 21).compile();
    const plan = await h.database.db.transaction().execute(async (trx) => {
      // PostgreSQL would rightly scan a table this small; the question is whether it can use the index.
      if (dialect === 'postgres') await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
      const explain = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
      return trx.executeQuery(CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]));
    });
    const text = plan.rows.map((r) => Object.values(r as object).join(' ')).join('\n');
    expect(text).toContain('members_name_search');
    expect(text).not.toMatch(/\bSCAN members\b(?! USING)|Seq Scan/);
  });
});
