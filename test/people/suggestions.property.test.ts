/**
 * People You May Know against a brute-force oracle: on random networks (connections, invitations in
 * every state and age, dismissals, reports, company and webmail domains, members created at the same
 * instant) the API's whole ranking, paged through, equals the one computed here in plain TypeScript.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/tokens.js';
import { removeConnection } from '../../src/connections/connections.js';
import { transact } from '../../src/db/database.js';
import { connect } from '../../src/invitations/respond.js';
import { dismissSuggestion, undoDismissal } from '../../src/people/suggestions.js';
import type { IgnoreReason, InvitationStatus, NewInvitation } from '../../src/db/schema.js';
import { newId } from '../../src/shared/crypto.js';
import { DIALECTS } from '../support/databases.js';
import { call, createHarness, DAY, type Harness, invitationRow, type Reply } from '../support/harness.js';

const RUNS = Number(process.env.SUGGESTIONS_PROPERTY_RUNS ?? 100);
const MINUTE = 60_000;

type Kind = 'pending' | 'ignored' | 'dont_know' | 'spam' | 'withdrawn' | 'withdrawn_after_report' | 'accepted' | 'expired';

interface Scenario {
  members: { domain: number; createdMinutesAgo: number }[];
  edges: [number, number][];
  invitations: { kind: Kind; from: number; to: number; ageDays: number; byEmail: boolean }[];
  dismissals: [number, number][];
  viewers: number[];
  limit: number;
}

/** A fraction skewed towards 0, so that the first members become hubs with many connections. */
const skewed = fc.integer({ min: 0, max: 999 }).map((x) => (x * x) / 1_000_000);
const PUBLIC = 0;

const scenario: fc.Arbitrary<Scenario> = fc
  .integer({ min: 2, max: 200 })
  .chain((n) => {
    const anyone = fc.nat(n - 1);
    const hub = skewed.map((f) => Math.min(n - 1, Math.floor(f * n)));
    return fc.record({
      // 0: a public webmail domain; 1, 2: two companies; 3: a domain of one's own.
      members: fc.array(fc.record({ domain: fc.integer({ min: 0, max: 3 }), createdMinutesAgo: fc.integer({ min: 0, max: 4 }) }), {
        minLength: n,
        maxLength: n,
      }),
      edges: fc.array(fc.tuple(fc.oneof(hub, anyone), anyone), { maxLength: 4 * n, size: 'max' }),
      invitations: fc.array(
        fc.record({
          kind: fc.constantFrom<Kind>('pending', 'ignored', 'dont_know', 'spam', 'withdrawn', 'withdrawn_after_report', 'accepted', 'expired'),
          // Around the 21-day cooldown and the 180-day expiry, and exactly on them.
          ageDays: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 170, max: 190 }), fc.constantFrom(35, 180)),
          byEmail: fc.boolean(),
          // Most invitations are between a viewer and one of their candidates, so that they decide something.
          side: fc.constantFrom('from', 'from', 'to', 'to', 'none'),
          viewer: fc.nat(),
          pick: fc.nat(),
          from: anyone,
          to: anyone,
        }),
        { maxLength: 40, size: 'max' },
      ),
      dismissals: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8, size: 'max' }),
      viewers: fc.uniqueArray(fc.oneof(hub, anyone), { minLength: 1, maxLength: 3 }),
      limit: fc.integer({ min: 5, max: 60 }),
    });
  })
  .map((s) => {
    const n = s.members.length;
    const adjacent = Array.from({ length: n }, () => new Set<number>());
    for (const [a, b] of s.edges) {
      if (a === b) continue;
      adjacent[a]!.add(b);
      adjacent[b]!.add(a);
    }
    // Who the ranking could show a viewer: two hops away, or at the same company.
    const pool = (v: number) => {
      const found = new Set<number>();
      for (const f of adjacent[v]!) for (const c of adjacent[f]!) found.add(c);
      s.members.forEach((m, i) => m.domain !== PUBLIC && m.domain !== 3 && m.domain === s.members[v]!.domain && found.add(i));
      found.delete(v);
      return [...found];
    };
    const pools = new Map(s.viewers.map((v) => [v, pool(v)]));
    const candidateOf = (k: number, pick: number, fallback: number) => {
      const viewer = s.viewers[k % s.viewers.length]!;
      const options = pools.get(viewer)!;
      return [viewer, options.length > 0 ? options[pick % options.length]! : fallback] as const;
    };
    return {
      members: s.members,
      edges: s.edges,
      invitations: s.invitations.map(({ side, viewer, pick, from, to, ...rest }) => {
        if (side === 'none') return { ...rest, from, to };
        const [v, c] = candidateOf(viewer, pick, to);
        return side === 'from' ? { ...rest, from: v, to: c } : { ...rest, from: c, to: v };
      }),
      dismissals: s.dismissals.map(([viewer, pick]): [number, number] => [...candidateOf(viewer, pick, 0)]),
      viewers: s.viewers,
      limit: s.limit,
    };
  });

interface Person {
  id: string;
  name: string;
  email: string;
  createdAt: string;
}

interface Expected {
  id: string;
  name: string;
  mutualConnections: number;
  mutualNames: string[];
  sameDomain: boolean;
}

describe.each(
  DIALECTS.flatMap(
    (dialect) =>
      [
        [dialect, 200],
        [dialect, 3],
      ] as const,
  ),
)('people you may know equals a brute-force ranking (%s, %i candidates cached)', (dialect, cached) => {
  let h: Harness;
  beforeAll(async () => {
    // A small cache makes most rankings partial, so pages past it come from the network.
    h = await createHarness(dialect, { env: { SUGGESTIONS_CACHED: String(cached) } });
  });
  afterAll(async () => h?.close());

  let run = 0;
  const coverage = new Map<string, number>();

  async function build(s: Scenario) {
    run += 1;
    const tag = `${run}${Math.random().toString(36).slice(2, 7)}`;
    const nowMs = h.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const domains = ['gmail.com', `a-${tag}.test`, `b-${tag}.test`];
    const people: Person[] = s.members.map((m, i) => ({
      id: newId(),
      // Zero-padded, so name order is the same under any collation.
      name: `P${String(i).padStart(3, '0')} ${tag}`,
      email: `p${i}.${tag}@${m.domain === 3 ? `own${i}-${tag}.test` : domains[m.domain]}`,
      createdAt: iso(nowMs - m.createdMinutesAgo * MINUTE),
    }));
    const db = h.database.db;
    await db
      .insertInto('members')
      .values(
        people.map((p) => ({
          id: p.id,
          email: p.email,
          name: p.name,
          headline: '',
          phone: null,
          password_hash: 'x',
          role: 'member' as const,
          invitation_balance: 10,
          restricted_at: null,
          findable_by_email: 1,
          created_at: p.createdAt,
          email_verified_at: p.createdAt,
        })),
      )
      .execute();

    const connections = new Set<string>();
    for (const [a, b] of s.edges) {
      if (a === b) continue;
      const [x, y] = [people[a]!.id, people[b]!.id];
      connections.add(x < y ? `${x}|${y}` : `${y}|${x}`);
    }
    if (connections.size > 0) {
      await db
        .insertInto('connections')
        .values([...connections].map((k) => ({ member_a: k.split('|')[0]!, member_b: k.split('|')[1]!, invitation_id: null, created_at: iso(nowMs) })))
        .execute();
    }

    // At most one invitation per pair keeps within the database's one-open-invitation rules.
    const pairs = new Set<string>();
    const invitations: NewInvitation[] = [];
    for (const inv of s.invitations) {
      if (inv.from === inv.to) continue;
      const sender = people[inv.from]!;
      const recipient = people[inv.to]!;
      const pair = sender.id < recipient.id ? `${sender.id}|${recipient.id}` : `${recipient.id}|${sender.id}`;
      if (pairs.has(pair)) continue;
      pairs.add(pair);
      // 180 days old expires exactly now.
      const created = nowMs - inv.ageDays * DAY;
      const reason: IgnoreReason | null =
        inv.kind === 'ignored'
          ? 'ignore'
          : inv.kind === 'dont_know' || inv.kind === 'withdrawn_after_report'
            ? 'dont_know'
            : inv.kind === 'spam'
              ? 'spam'
              : null;
      const status: InvitationStatus = inv.kind === 'withdrawn_after_report' ? 'withdrawn' : reason ? 'ignored' : (inv.kind as InvitationStatus);
      // Withdrawn some time after sending: 35 days old is withdrawn exactly one cooldown ago.
      const withdrawnAt = status === 'withdrawn' ? iso(nowMs - Math.floor(inv.ageDays * 0.6 * DAY)) : null;
      invitations.push(
        invitationRow({
          sender_id: sender.id,
          channel: inv.byEmail ? 'email' : 'member',
          recipient_member_id: recipient.id,
          recipient_email: inv.byEmail ? recipient.email : null,
          pair_key: pair,
          status,
          ignore_reason: reason,
          created_at: iso(created),
          expires_at: iso(created + h.config.invitationTtlMs),
          responded_at: reason || status === 'accepted' ? iso(created + MINUTE) : null,
          withdrawn_at: withdrawnAt,
          withdrawn_by: withdrawnAt ? sender.id : null,
          withdraw_path: withdrawnAt ? 'web' : null,
          delivery: 'none',
        }),
      );
    }
    if (invitations.length > 0) await db.insertInto('invitations').values(invitations).execute();

    const dismissals = new Set<string>();
    for (const [a, b] of s.dismissals) if (a !== b) dismissals.add(`${people[a]!.id}|${people[b]!.id}`);
    if (dismissals.size > 0) {
      await db
        .insertInto('suggestion_dismissals')
        .values([...dismissals].map((k) => ({ member_id: k.split('|')[0]!, dismissed_id: k.split('|')[1]!, created_at: iso(nowMs) })))
        .execute();
    }
    return { people, connections, invitations, dismissals, nowMs };
  }

  /** The ranking, straight from the rules, without SQL. */
  function oracle(world: Awaited<ReturnType<typeof build>>, viewer: Person): Expected[] {
    const { people, connections, invitations, dismissals, nowMs } = world;
    const neighbours = new Map<string, Set<string>>(people.map((p) => [p.id, new Set()]));
    for (const k of connections) {
      const [a, b] = k.split('|') as [string, string];
      neighbours.get(a)!.add(b);
      neighbours.get(b)!.add(a);
    }
    const byId = new Map(people.map((p) => [p.id, p]));
    const domain = (p: Person) => p.email.split('@')[1]!;
    const mine = neighbours.get(viewer.id)!;
    const company = domain(viewer) === 'gmail.com' ? null : domain(viewer);

    const mutual = new Map<string, string[]>();
    for (const f of mine) {
      for (const c of neighbours.get(f)!) if (c !== viewer.id) mutual.set(c, [...(mutual.get(c) ?? []), f]);
    }
    const candidates = new Set([...mutual.keys(), ...people.filter((p) => company !== null && p.id !== viewer.id && domain(p) === company).map((p) => p.id)]);

    const now = new Date(nowMs).toISOString();
    const cooldownSince = new Date(nowMs - h.config.reinviteCooldownMs).toISOString();
    const open = (i: NewInvitation) => (i.status === 'pending' || i.status === 'ignored') && i.expires_at > now;
    const reported = (i: NewInvitation) => i.ignore_reason === 'dont_know' || i.ignore_reason === 'spam';
    const reasons = (c: string) => {
      const found: string[] = [];
      if (mine.has(c)) found.push('connected');
      if (dismissals.has(`${viewer.id}|${c}`)) found.push('dismissed');
      for (const i of invitations) {
        if (i.sender_id === viewer.id && i.recipient_member_id === c) {
          // Only a member invitation: an e-mail one that reached c must not tell the viewer whose address it was.
          if (open(i) && i.channel === 'member') found.push('sent_open');
          if (reported(i)) found.push('reported_me');
          if (i.status === 'withdrawn' && i.withdrawn_at! > cooldownSince && i.channel === 'member') found.push('withdrawn_in_cooldown');
        }
        if (i.sender_id === c && i.recipient_member_id === viewer.id) {
          if (open(i)) found.push('received_open');
          if (reported(i)) found.push('i_reported');
        }
      }
      return found;
    };
    const excluded = (c: string) => {
      const found = reasons(c);
      // Count the cases where one rule alone decides, so each rule is known to be exercised.
      if (found.length === 1) coverage.set(found[0]!, (coverage.get(found[0]!) ?? 0) + 1);
      if (
        found.length === 0 &&
        invitations.some((i) => [i.sender_id, i.recipient_member_id].includes(c) && [i.sender_id, i.recipient_member_id].includes(viewer.id))
      ) {
        coverage.set('kept_despite_invitation', (coverage.get('kept_despite_invitation') ?? 0) + 1);
      }
      return found.length > 0;
    };

    return [...candidates]
      .filter((c) => !excluded(c))
      .map((c) => {
        const p = byId.get(c)!;
        const via = (mutual.get(c) ?? []).map((f) => byId.get(f)!.name).sort();
        return {
          id: c,
          name: p.name,
          createdAt: p.createdAt,
          mutualConnections: via.length,
          mutualNames: via.slice(0, 3),
          sameDomain: company !== null && domain(p) === company,
        };
      })
      .sort(
        (x, y) =>
          y.mutualConnections - x.mutualConnections ||
          Number(y.sameDomain) - Number(x.sameDomain) ||
          (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0) ||
          (x.id < y.id ? 1 : x.id > y.id ? -1 : 0),
      )
      .map(({ createdAt: _, ...rest }) => rest);
  }

  async function ranking(token: string, limit: number): Promise<Expected[]> {
    const items: Expected[] = [];
    let cursor: string | null = null;
    do {
      const res: Reply = await call(h, 'GET', `/api/v1/people-you-may-know?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      for (const i of res.body.items)
        items.push({ id: i.member.id, name: i.member.name, mutualConnections: i.mutualConnections, mutualNames: i.mutualNames, sameDomain: i.sameDomain });
      cursor = res.body.nextCursor;
      if (cursor !== null) expect(res.body.items).toHaveLength(limit);
    } while (cursor !== null);
    return items;
  }

  it('pages through exactly the oracle’s ranking', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const world = await build(s);
        for (const v of s.viewers) {
          const viewer = world.people[v]!;
          const token = await issueToken(h.database.db, viewer.id, 'bearer', h.clock.now());
          const expected = oracle(world, viewer);
          if (expected.length > 0) nonEmpty += 1;
          expect(await ranking(token, s.limit)).toEqual(expected);
        }
      }),
      // Shrinking a 200-member network is slow: a failure is reported with what shrinking reached in time.
      { numRuns: RUNS, interruptAfterTimeLimit: 45_000, markInterruptAsFailure: true },
    );
    // The generator must produce real rankings, and every exclusion must have decided some case.
    expect(nonEmpty).toBeGreaterThan(RUNS / 2);
    expect([...coverage.keys()].sort()).toEqual(
      ['connected', 'dismissed', 'i_reported', 'kept_despite_invitation', 'received_open', 'reported_me', 'sent_open', 'withdrawn_in_cooldown'].sort(),
    );
  });

  it('stays exact while connections are made and removed around cached rankings', async () => {
    const change = fc.record({
      kind: fc.constantFrom('connect', 'connect', 'remove', 'dismiss', 'undismiss'),
      // Mostly around a viewer, where a change can alter their ranking; sometimes anywhere.
      near: fc.boolean(),
      viewer: fc.nat(),
      a: fc.nat(),
      b: fc.nat(),
    });
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(scenario, fc.array(change, { minLength: 1, maxLength: 12 }), async (s, changes) => {
        const world = await build(s);
        const n = world.people.length;
        const tokens = new Map<number, string>();
        for (const v of s.viewers) tokens.set(v, await issueToken(h.database.db, world.people[v]!.id, 'bearer', h.clock.now()));
        const check = async () => {
          for (const v of s.viewers) expect(await ranking(tokens.get(v)!, s.limit)).toEqual(oracle(world, world.people[v]!));
        };
        await check();
        const neighbours = (i: number) => {
          const id = world.people[i]!.id;
          return [...world.connections].flatMap((k) => k.split('|')).filter((x, j, all) => x !== id && all[j ^ 1] === id);
        };
        for (const c of changes) {
          const viewer = s.viewers[c.viewer % s.viewers.length]!;
          const around = [world.people[viewer]!.id, ...neighbours(viewer)];
          const x = c.near ? around[c.a % around.length]! : world.people[c.a % n]!.id;
          const y = world.people[c.b % n]!.id;
          if (x === y) continue;
          const key = x < y ? `${x}|${y}` : `${y}|${x}`;
          const now = h.clock.now().toISOString();
          if (c.kind === 'connect' && !world.connections.has(key)) {
            await transact(h.database.db, (trx) => connect(trx, x, y, null, now));
            world.connections.add(key);
          } else if (c.kind === 'remove' || (c.kind === 'connect' && world.connections.has(key))) {
            const [a, b] = c.kind === 'remove' ? ([...world.connections][c.b % Math.max(1, world.connections.size)]?.split('|') ?? []) : [x, y];
            if (!a || !b) continue;
            await removeConnection(h.database.db, h.services.deps, { memberId: a, role: 'member', path: 'api' }, b);
            world.connections.delete(a < b ? `${a}|${b}` : `${b}|${a}`);
          } else if (c.kind === 'dismiss') {
            const me = world.people[viewer]!.id;
            if (y === me) continue;
            await dismissSuggestion(h.database.db, h.services.deps, { memberId: me, role: 'member', path: 'api' }, y);
            world.dismissals.add(`${me}|${y}`);
          } else {
            const dismissed = [...world.dismissals][c.b % Math.max(1, world.dismissals.size)];
            if (!dismissed) continue;
            const [me, other] = dismissed.split('|') as [string, string];
            await undoDismissal(h.database.db, { memberId: me, role: 'member', path: 'api' }, other);
            world.dismissals.delete(dismissed);
          }
          changed += 1;
          await check();
        }
      }),
      // Shrinking a 200-member network is slow: a failure is reported with what shrinking reached in time.
      { numRuns: Math.ceil(RUNS / 2), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    );
    expect(changed).toBeGreaterThan(RUNS);
  });
});
