/**
 * The cached ranking behind People You May Know: used while nothing it depends on changed,
 * recomputed when a connection involving the member or one of their connections is made or removed,
 * left alone by changes elsewhere, and never fooled by a change that commits after a ranking was
 * computed from a snapshot that could not see it (PostgreSQL commits sequence numbers out of order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeConnection } from '../../src/connections/connections.js';
import { transact } from '../../src/db/database.js';
import { connect } from '../../src/invitations/respond.js';
import { pruneConnectionChanges } from '../../src/people/suggestion-cache.js';
import { listSuggestions } from '../../src/people/suggestions.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, makeMember, type TestMember } from '../support/harness.js';

describe.each(DIALECTS)('the cached ranking of suggestions (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  const link = (a: TestMember, b: TestMember) => transact(h.database.db, (trx) => connect(trx, a.id, b.id, null, h.clock.now().toISOString()));
  const computedAt = async (m: TestMember) =>
    (await h.database.db.selectFrom('suggestion_cache_state').select('computed_at').where('member_id', '=', m.id).executeTakeFirst())?.computed_at ?? null;
  const suggestions = async (m: TestMember) => {
    const res = await as(h, m).get('/api/v1/people-you-may-know?limit=50');
    expect(res.status).toBe(200);
    return (res.body.items as { member: { id: string }; mutualConnections: number }[]).map((i) => [i.member.id, i.mutualConnections]);
  };

  /** Me, connected to two friends; each friend knows one other person. */
  async function network() {
    // Webmail addresses: no colleagues by domain, only people met through connections.
    const [me, f1, f2, c1, c2, stranger, other] = await Promise.all(
      Array.from({ length: 7 }, () => makeMember(h, { email: `p${Math.random().toString(36).slice(2, 10)}@gmail.com` })),
    );
    await link(me!, f1!);
    await link(me!, f2!);
    await link(f1!, c1!);
    await link(f2!, c2!);
    return { me: me!, f1: f1!, f2: f2!, c1: c1!, c2: c2!, stranger: stranger!, other: other! };
  }

  it('is computed on the first read and reused while nothing around the member changes', async () => {
    const { me, c1, c2, stranger, other } = await network();
    expect(await computedAt(me)).toBeNull();
    const first = await suggestions(me);
    expect(first).toEqual(
      expect.arrayContaining([
        [c1.id, 1],
        [c2.id, 1],
      ]),
    );
    const at = await computedAt(me);
    expect(at).not.toBeNull();

    // A connection between two people who are not mine, nor my connections: the ranking stands.
    h.clock.advance(60_000);
    await link(stranger, other);
    expect(await suggestions(me)).toEqual(first);
    expect(await computedAt(me)).toBe(at);
  });

  it("follows a connection one of the member's connections makes by counting that candidate again", async () => {
    const { me, f1, c1, c2 } = await network();
    await suggestions(me);
    const at = await computedAt(me);
    const watermark = async () =>
      (await h.database.db.selectFrom('suggestion_cache_state').select('watermark').where('member_id', '=', me.id).executeTakeFirstOrThrow()).watermark;
    const before = await watermark();

    h.clock.advance(60_000);
    await link(f1, c2);
    expect(await suggestions(me)).toEqual([
      [c2.id, 2],
      [c1.id, 1],
    ]);
    // Brought up to date, not computed again: same computation, later watermark, new count stored.
    expect(await computedAt(me)).toBe(at);
    expect(await watermark()).not.toBe(before);
    const stored = await h.database.db
      .selectFrom('suggestion_cache')
      .select(['candidate_id', 'mutual'])
      .where('member_id', '=', me.id)
      .where('candidate_id', '=', c2.id)
      .execute();
    expect(stored).toEqual([{ candidate_id: c2.id, mutual: 2 }]);

    // And when the two part again.
    h.clock.advance(60_000);
    await removeConnection(h.database.db, h.services.deps, { memberId: f1.id, role: 'member', path: 'api' }, c2.id);
    expect(await suggestions(me)).toEqual(
      expect.arrayContaining([
        [c2.id, 1],
        [c1.id, 1],
      ]),
    );
    expect(await computedAt(me)).toBe(at);
  });

  it("is computed again when the member's own connections change", async () => {
    const { me, c1, c2 } = await network();
    await suggestions(me);
    const at = await computedAt(me);

    h.clock.advance(60_000);
    await link(me, c1);
    expect(await suggestions(me)).toEqual([[c2.id, 1]]);
    const again = await computedAt(me);
    expect(again).not.toBe(at);

    h.clock.advance(60_000);
    const removed = await as(h, me).delete(`/api/v1/connections/${c1.id}`);
    expect(removed.status).toBe(204);
    expect(await suggestions(me)).toEqual(
      expect.arrayContaining([
        [c2.id, 1],
        [c1.id, 1],
      ]),
    );
    expect(await computedAt(me)).not.toBe(again);
  });

  it('is not used after its lifetime, and the change log is pruned behind it', async () => {
    const { me } = await network();
    await suggestions(me);
    const at = await computedAt(me);
    h.clock.advance(25 * 3_600_000);
    await suggestions(me);
    expect(await computedAt(me)).not.toBe(at);
    h.clock.advance(2 * DAY);
    await pruneConnectionChanges(h.database.db, h.clock.now());
    const left = await h.database.db.selectFrom('connection_changes').select('seq').execute();
    expect(left).toEqual([]);
    // A ranking older than the log's retention is gone too, so nothing relies on pruned changes.
    expect(await computedAt(me)).toBeNull();
  });

  it('stays exact with many reads and connection changes at once', { timeout: 60_000 }, async () => {
    const email = () => `p${Math.random().toString(36).slice(2, 10)}@gmail.com`;
    const me = await makeMember(h, { email: email() });
    const friends = await Promise.all(Array.from({ length: 12 }, () => makeMember(h, { email: email() })));
    const others = await Promise.all(Array.from({ length: 30 }, () => makeMember(h, { email: email() })));
    for (const f of friends) await link(me, f);
    for (const [i, f] of friends.entries()) for (let k = 0; k < 5; k++) await link(f, others[(i * 7 + k * 3) % others.length]!);
    const small = { ...h.services.deps, config: { ...h.services.deps.config, suggestionsCached: 5 } };
    const live = { ...h.services.deps, config: { ...h.services.deps.config, suggestionsCached: 0 } };
    const page = async (deps: typeof small) => (await listSuggestions(h.database.db, deps, me.id, 0, 40)).items.map((i) => [i.member.id, i.mutualConnections]);
    await page(small);

    // Readers and writers together: connections made and removed next to me, and two of mine.
    const changes = Array.from({ length: 40 }, (_, n) => async () => {
      const f = friends[n % friends.length]!;
      const o = others[(n * 11) % others.length]!;
      if (n % 13 === 5) return link(me, others[n % others.length]!).catch(() => {});
      if (n % 3 === 2) return removeConnection(h.database.db, h.services.deps, { memberId: f.id, role: 'member', path: 'api' }, o.id).catch(() => {});
      return link(f, o);
    });
    const reads = Array.from({ length: 40 }, () => () => page(small));
    const work = [...changes, ...reads].sort(() => Math.random() - 0.5);
    await Promise.all(work.map((w) => w()));

    // Whatever the interleaving, the ranking read now is the network's.
    expect(await page(small)).toEqual(await page(live));
  });

  // (PostgreSQL only: SQLite commits one write at a time, in sequence order.)
  if (dialect === 'postgres')
    it('a change committed after the ranking was computed, with an earlier sequence number, still makes it stale', async () => {
      const { me, f1, c1, c2, stranger, other } = await network();
      // A transaction makes a connection next to me (its change gets the lower sequence number) and waits.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let made!: () => void;
      const madeIt = new Promise<void>((resolve) => (made = resolve));
      const slow = h.database.db.transaction().execute(async (trx) => {
        await connect(trx, f1.id, c2.id, null, h.clock.now().toISOString());
        made();
        await released;
      });
      await madeIt;
      // Meanwhile a change elsewhere commits with a higher number, and my ranking is computed.
      await link(stranger, other);
      expect(await suggestions(me)).toEqual(
        expect.arrayContaining([
          [c1.id, 1],
          [c2.id, 1],
        ]),
      );
      release();
      await slow;
      // The ranking saw neither the change nor its number's place; it must not be used now.
      expect(await suggestions(me)).toEqual([
        [c2.id, 2],
        [c1.id, 1],
      ]);
    });
});
