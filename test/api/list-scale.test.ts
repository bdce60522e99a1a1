/**
 * A page of the sent list (every filter, any page), of the received list and of the inbox costs
 * the same for a member with 100 open invitations as for one with 20,000, on a database that grew
 * after it was opened and was never analysed. Each page reads ranges of indexes that hold its rows
 * in its own order, and stops: the plans are checked on both databases, and the time a page takes
 * (and on PostgreSQL the rows it reads) does not grow with the member's open invitations.
 */
import type { Compilable } from 'kysely';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import type { NewInvitation } from '../../src/db/schema.js';
import { listInbox } from '../../src/inbox/inbox.js';
import { inboxPageQuery } from '../../src/inbox/store.js';
import {
  findInvitations,
  listReceived,
  listSent,
  receivedPageQuery,
  type SentFilter,
  sentPageQuery,
  type SentStatusFilter,
} from '../../src/invitations/store.js';
import { type Cursor, encodeCursor } from '../../src/shared/pagination.js';
import { DIALECTS } from '../support/databases.js';
import { type GrownLists, growLists } from '../support/grown-lists.js';
import { as, createHarness, DAY, type Harness, type TestMember } from '../support/harness.js';
import { analysed, flatten, type PgNode, pgNodes, pgPlan, rowsRead, sqlitePlan } from '../support/plans.js';

const SIZES = { heavyOpen: 20_000, lightOpen: 100, busyReceived: 5_000, quietReceived: 50 };
const LIMIT = 20;

const OPEN = 'invitations_open_by_sender';
const OPEN_CHANNEL = 'invitations_open_by_sender_channel';
const SENT = 'invitations_sent';
const RECEIVED = 'invitations_received';
const EXPIRY = 'invitations_expiry';

interface Case {
  label: string;
  who: 'sender' | 'recipient';
  /** The API's path for a page. */
  path: (cursor: string | null) => string;
  /** The statement the store sends for that page. */
  statement: (db: Db, memberId: string, cursor: Cursor | null, now: Date) => Compilable;
  /** The store's function that reads the page. */
  list: (db: Db, memberId: string, cursor: Cursor | null, now: Date) => Promise<unknown[]>;
  /** Every row of the member's list, in the list's order. */
  expected: (grown: GrownLists, memberId: string, now: Date) => NewInvitation[];
  /** The index each range of the statement must be read through, in order. */
  ranges: string[];
}

const isOpen = (r: NewInvitation) => r.status === 'pending' || r.status === 'ignored';
const newestFirst = (a: NewInvitation, b: NewInvitation) =>
  a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

function sentRows(grown: GrownLists, sender: string, status: SentStatusFilter, filter: SentFilter, now: Date): NewInvitation[] {
  const at = now.toISOString();
  const cutoff = filter.olderThanDays === undefined ? undefined : new Date(now.getTime() - filter.olderThanDays * DAY).toISOString();
  const text = filter.q?.toLowerCase();
  return grown.rows
    .filter((r) => r.sender_id === sender)
    .filter((r) =>
      status === 'pending'
        ? isOpen(r) && r.expires_at > at
        : status === 'expired'
          ? r.status === 'expired' || (isOpen(r) && r.expires_at <= at)
          : status === 'all' || r.status === status,
    )
    .filter((r) => !filter.channel || r.channel === filter.channel)
    .filter((r) => cutoff === undefined || r.created_at <= cutoff)
    .filter(
      (r) =>
        text === undefined ||
        [r.recipient_email, r.recipient_phone, r.recipient_member_id ? grown.names.get(r.recipient_member_id)?.toLowerCase() : null].some((v) =>
          v?.includes(text),
        ),
    )
    .sort(newestFirst);
}

function sentCase(label: string, status: SentStatusFilter, filter: SentFilter, ranges: string[]): Case {
  const params = Object.entries({ status, ...filter })
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return {
    label: `sent list: ${label}`,
    who: 'sender',
    path: (cursor) => `/api/v1/invitations/sent?${params}&limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`,
    statement: (db, id, cursor, now) => sentPageQuery(db, id, status, filter, cursor, LIMIT, now),
    list: (db, id, cursor, now) => listSent(db, id, status, filter, cursor, LIMIT, now),
    expected: (grown, id, now) => sentRows(grown, id, status, filter, now),
    ranges,
  };
}

const visible = (r: NewInvitation) => r.status === 'pending' || r.status === 'accepted' || (r.status === 'expired' && r.ignore_reason === null);

const CASES: Case[] = [
  sentCase('pending', 'pending', {}, [OPEN]),
  sentCase('pending, by channel', 'pending', { channel: 'sms' }, [OPEN_CHANNEL]),
  sentCase('pending, older than 30 days', 'pending', { olderThanDays: 30 }, [OPEN]),
  sentCase('pending, older than 30 days, by channel', 'pending', { olderThanDays: 30, channel: 'email' }, [OPEN_CHANNEL]),
  sentCase('pending, matching a frequent text', 'pending', { q: 'NORTH' }, [OPEN]),
  sentCase('accepted', 'accepted', {}, [SENT]),
  sentCase('withdrawn, by channel', 'withdrawn', { channel: 'email' }, [SENT]),
  sentCase('expired', 'expired', {}, [SENT, EXPIRY]),
  sentCase('expired, by channel, older than 10 days', 'expired', { channel: 'email', olderThanDays: 10 }, [SENT, EXPIRY]),
  sentCase('all', 'all', {}, [OPEN, SENT, SENT, SENT]),
  sentCase('all, by channel', 'all', { channel: 'member' }, [OPEN_CHANNEL, SENT, SENT, SENT]),
  {
    label: 'received list',
    who: 'recipient',
    path: (cursor) => `/api/v1/invitations/received?limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`,
    statement: (db, id, cursor, now) => receivedPageQuery(db, id, cursor, LIMIT, now),
    list: (db, id, cursor, now) => listReceived(db, id, cursor, LIMIT, now),
    expected: (grown, id, now) =>
      grown.rows.filter((r) => r.recipient_member_id === id && r.status === 'pending' && r.expires_at > now.toISOString()).sort(newestFirst),
    ranges: [RECEIVED],
  },
  {
    label: 'inbox, Received folder',
    who: 'recipient',
    path: (cursor) => `/api/v1/inbox?folder=received&limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`,
    statement: (db, id, cursor, now) => inboxPageQuery(db, id, 'received', cursor, LIMIT, now),
    list: (db, id, cursor, now) => listInbox(db, id, 'received', cursor, LIMIT, now),
    expected: (grown, id) => grown.rows.filter((r) => r.recipient_member_id === id && visible(r)).sort(newestFirst),
    ranges: [RECEIVED, RECEIVED, RECEIVED],
  },
  {
    label: 'inbox, Sent folder',
    who: 'sender',
    path: (cursor) => `/api/v1/inbox?folder=sent&limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`,
    statement: (db, id, cursor, now) => inboxPageQuery(db, id, 'sent', cursor, LIMIT, now),
    list: (db, id, cursor, now) => listInbox(db, id, 'sent', cursor, LIMIT, now),
    expected: (grown, id) => grown.rows.filter((r) => r.sender_id === id).sort(newestFirst),
    ranges: [OPEN, SENT, SENT, SENT],
  },
];

const quartile = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 4)]!;
const keyOf = (r: NewInvitation): Cursor => ({ at: r.created_at, id: r.id });

describe.each(DIALECTS)('lists of a member with many invitations, never analysed (%s)', (dialect) => {
  let h: Harness;
  let grown: GrownLists;
  beforeAll(async () => {
    h = await createHarness(dialect);
    grown = await growLists(h, SIZES);
  }, 120_000);
  afterAll(async () => h?.close());

  const members = (c: Case): [TestMember, TestMember] => (c.who === 'sender' ? [grown.heavy, grown.light] : [grown.busy, grown.quiet]);
  /** The first page, and one from the middle of the list (by its cursor). */
  const pagesOf = (c: Case, member: TestMember): (Cursor | null)[] => {
    const rows = c.expected(grown, member.id, h.clock.now());
    return rows.length > 2 * (LIMIT + 1) ? [null, keyOf(rows[Math.floor(rows.length / 2)]!)] : [null];
  };

  it('grew after it was opened, and no statistics were ever gathered for it', async () => {
    const open = grown.rows.filter((r) => r.sender_id === grown.heavy.id && isOpen(r)).length;
    expect(open).toBeGreaterThanOrEqual(SIZES.heavyOpen);
    expect(await analysed(h.database.db, dialect, 'invitations')).toBe(false);
    expect(await analysed(h.database.db, dialect, 'members')).toBe(false);
  });

  describe.each(CASES)('$label', (c) => {
    it('reads each range in its index’s order, and sorts nothing but the page', async () => {
      const [member] = members(c);
      for (const cursor of pagesOf(c, member)) {
        const statement = c.statement(h.database.db, member.id, cursor, h.clock.now());
        if (dialect === 'sqlite') expectSqlitePlan(await sqlitePlan(h.database.db, statement), c.ranges);
        else expectPgPlan(await pgPlan(h.database.db, statement), c.ranges);
      }
    });

    it('pages through the same rows as the list holds, for the heavy member and the light one', async () => {
      for (const member of members(c)) {
        const rows = c.expected(grown, member.id, h.clock.now());
        for (const start of pagesOf(c, member)) {
          let cursor = start ? encodeCursor(start) : null;
          let from = start ? rows.findIndex((r) => r.id === start.id) + 1 : 0;
          for (let page = 0; page < 2; page++) {
            const reply = await as(h, member).get(c.path(cursor));
            expect(reply.status, JSON.stringify(reply.body)).toBe(200);
            const ids = reply.body.items.map((i: { id: string }) => i.id);
            expect(ids, `${member.member.name}, page ${page + 1} from ${start ? 'the middle' : 'the start'}`).toEqual(
              rows.slice(from, from + LIMIT).map((r) => r.id),
            );
            expect(reply.body.nextCursor === null).toBe(from + LIMIT >= rows.length);
            cursor = reply.body.nextCursor;
            from += LIMIT;
            if (!cursor) break;
          }
        }
      }
    });

    it('takes no longer for the member with many invitations than for the one with few, or than reading its rows by id', async () => {
      const [heavy, light] = members(c);
      const db = h.database.db;
      const now = h.clock.now();
      const [heavyPages, lightPages] = [pagesOf(c, heavy), pagesOf(c, light)];
      for (const [i, heavyCursor] of heavyPages.entries()) {
        const lightCursor = lightPages[Math.min(i, lightPages.length - 1)]!;
        const rows = c.expected(grown, heavy.id, now);
        const from = heavyCursor ? rows.findIndex((r) => r.id === heavyCursor.id) + 1 : 0;
        const ids = rows.slice(from, from + LIMIT + 1).map((r) => r.id);
        const work = {
          heavy: () => c.list(db, heavy.id, heavyCursor, now),
          light: () => c.list(db, light.id, lightCursor, now),
          // The least any page of these rows costs: the same rows, with the same names, by primary key.
          floor: () => findInvitations(db, ids),
        };
        const samples = { heavy: [] as number[], light: [] as number[], floor: [] as number[] };
        for (let round = 0; round < 27; round++) {
          // Rotate which goes first, so a busy moment of the machine hits each alike.
          const kinds = (['heavy', 'light', 'floor'] as const).map((_, k, all) => all[(k + round) % 3]!);
          for (const kind of kinds) {
            const started = performance.now();
            await work[kind]();
            if (round >= 3) samples[kind].push(performance.now() - started);
          }
        }
        // The lower quartile: what the work costs, without the moments the machine was busy elsewhere.
        const [many, few, floor] = [quartile(samples.heavy), quartile(samples.light), quartile(samples.floor)];
        const shown = `${many.toFixed(2)} ms with many invitations, ${few.toFixed(2)} ms with few, ${floor.toFixed(2)} ms for its rows by id`;
        expect(many, shown).toBeLessThan(2 * few + 1);
        expect(many, shown).toBeLessThan(4 * floor + 1);
      }
    });

    if (dialect === 'postgres') {
      it('reads as many rows for the member with many invitations as for the one with few', async () => {
        const [heavy, light] = members(c);
        const read = async (member: TestMember, cursor: Cursor | null) =>
          rowsRead(await pgPlan(h.database.db, c.statement(h.database.db, member.id, cursor, h.clock.now()), true), 'invitations');
        const [heavyPages, lightPages] = [pagesOf(c, heavy), pagesOf(c, light)];
        for (const [i, cursor] of heavyPages.entries()) {
          const [many, few] = [await read(heavy, cursor), await read(light, lightPages[Math.min(i, lightPages.length - 1)]!)];
          // A few pages' worth of rows, at most, whatever the member's open invitations number.
          expect(many, `${many} rows read with many invitations, ${few} with few`).toBeLessThanOrEqual(few + 4 * (LIMIT + 1));
          expect(many).toBeLessThan(1_000);
        }
      });
    }
  });

  it('a text no recipient matches reads the sender’s open invitations once, and no other member', async () => {
    const statement = sentPageQuery(h.database.db, grown.heavy.id, 'pending', { q: 'no such recipient' }, null, LIMIT, h.clock.now());
    expect(await statement.execute()).toEqual([]);
    if (dialect === 'sqlite') {
      const steps = flatten(await sqlitePlan(h.database.db, statement)).map((s) => s.detail);
      expect(
        steps.filter((s) => /^SCAN /.test(s)),
        steps.join('\n'),
      ).toEqual([]);
      expect(steps).toContain(`SEARCH invitations USING INDEX ${OPEN} (sender_id=?)`);
      expect(steps).toContain('SEARCH members USING INDEX sqlite_autoindex_members_1 (id=?)');
    } else {
      const plan = await pgPlan(h.database.db, statement, true);
      expect(pgNodes(plan).filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
      const open = grown.rows.filter((r) => r.sender_id === grown.heavy.id && isOpen(r) && r.expires_at > h.clock.now().toISOString()).length;
      expect(rowsRead(plan, 'invitations')).toBe(open);
      expect(rowsRead(plan, 'members')).toBeLessThanOrEqual(open);
    }
  });
});

const SORT = /^USE TEMP B-TREE/;
const invitationIndex = (detail: string) => /^SEARCH invitations USING (?:COVERING )?INDEX (\w+)/.exec(detail)?.[1];

/**
 * SQLite: a page of one range reads that range's index and sorts nothing. A page of several reads
 * each range (a co-routine) through its index, sorting nothing there except the few open
 * invitations past their expiry; the merge of the ranges' first rows and the page are sorted.
 */
function expectSqlitePlan(plan: Awaited<ReturnType<typeof sqlitePlan>>, ranges: string[]) {
  const all = flatten(plan).map((s) => s.detail);
  const shown = all.join('\n');
  expect(
    all.filter((s) => /^SCAN invitations/.test(s)),
    shown,
  ).toEqual([]);
  if (ranges.length === 1) {
    expect(all.map(invitationIndex).filter(Boolean), shown).toEqual(ranges);
    expect(
      all.filter((s) => SORT.test(s)),
      shown,
    ).toEqual([]);
    return;
  }
  const coroutines = flatten(plan).filter((s) => /^(CO-ROUTINE|MATERIALIZE) range$/.test(s.detail));
  expect(
    coroutines.map((r) => r.children.map((s) => invitationIndex(s.detail)).find(Boolean)),
    shown,
  ).toEqual(ranges);
  for (const [i, range] of coroutines.entries()) {
    const sorts = range.children.filter((s) => SORT.test(s.detail));
    expect(sorts.length, `range ${i + 1} sorts its rows:\n${shown}`).toBe(ranges[i] === EXPIRY ? 1 : 0);
  }
  // The page's own rows, found by their ids.
  expect(plan.map((s) => invitationIndex(s.detail)).filter(Boolean), shown).toEqual(['sqlite_autoindex_invitations_1']);
}

/**
 * PostgreSQL: every read of invitations is an index scan of the range's index (or of the primary
 * key, for the page's own rows), and every sort is of rows a LIMIT has already bounded, but for
 * the open invitations past their expiry found through invitations_expiry.
 */
function expectPgPlan(plan: PgNode, ranges: string[]) {
  const shown = JSON.stringify(plan, (key, value) =>
    ['Plans', 'Node Type', 'Index Name', 'Relation Name'].includes(key) || /^\d*$/.test(key) ? value : undefined,
  );
  const scans = pgNodes(plan).filter((n) => n['Relation Name'] === 'invitations');
  const indexOf = (n: PgNode) => n['Index Name'] ?? n.Plans?.find((p) => p['Node Type'] === 'Bitmap Index Scan')?.['Index Name'];
  const ordered = scans.filter((n) => indexOf(n) !== EXPIRY);
  for (const scan of ordered) expect(['Index Scan', 'Index Only Scan'], shown).toContain(scan['Node Type']);
  const expected = ranges.length === 1 ? ranges : [...ranges, 'invitations_pkey'];
  expect(scans.map(indexOf).sort(), shown).toEqual([...expected].sort());
  const bounded = (n: PgNode): boolean =>
    pgNodes(n).some((m) => m['Node Type'] === 'Limit') ||
    pgNodes(n)
      .filter((m) => m['Relation Name'] === 'invitations')
      .every((m) => indexOf(m) === EXPIRY);
  const sorts = pgNodes(plan).filter((n) => /Sort$/.test(n['Node Type']));
  if (ranges.length === 1) expect(sorts, shown).toEqual([]);
  for (const sort of sorts) expect(sort.Plans?.every(bounded), `a sort of unbounded rows:\n${shown}`).toBe(true);
}
