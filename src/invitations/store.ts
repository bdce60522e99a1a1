/** Every SQL statement about invitations. Writes are conditional on the source state. */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type Db, type DialectName, dialectOf, type Trx } from '../db/database.js';
import { readThrough } from '../db/indexed-by.js';
import type { Channel, Database, InvitationRow, InvitationStatus, InvitationUpdate, NewInvitation } from '../db/schema.js';
import { containsPattern } from '../shared/like.js';
import { type Bound, type Condition, type Cursor, keysetBefore, newestFirst, whereAll } from '../shared/pagination.js';
import { type Move, TRANSITIONS } from './state.js';

/** An invitation with what is needed to present it. */
export type InvitationView = InvitationRow & {
  sender_name: string;
  recipient_name: string | null;
  /**
   * For an e-mail or SMS invitation that reached a member: whether its sender and that member are
   * connected (only then may the sender know who the member is). 0 or 1, or a boolean on PostgreSQL.
   */
  recipient_connected: number | boolean | null;
};

/**
 * Invitations with the names of their sender and recipient, and whether an e-mail or SMS
 * invitation's sender is connected with the member it reached (two probes of the connections' key,
 * made only for such invitations).
 */
export function withNames(db: Db | Trx) {
  return db
    .selectFrom('invitations')
    .innerJoin('members as sender', 'sender.id', 'invitations.sender_id')
    .leftJoin('members as recipient', 'recipient.id', 'invitations.recipient_member_id')
    .selectAll('invitations')
    .select(['sender.name as sender_name', 'recipient.name as recipient_name'])
    .select(
      sql<number | boolean | null>`case when invitations.channel <> 'member' and invitations.recipient_member_id is not null then (
        exists (select 1 from connections c where c.member_a = invitations.sender_id and c.member_b = invitations.recipient_member_id)
        or exists (select 1 from connections c where c.member_a = invitations.recipient_member_id and c.member_b = invitations.sender_id)
      ) end`.as('recipient_connected'),
    );
}

/** A condition on invitations, for a statement that selects or updates them. */
export type InvitationCondition = Condition<Database, 'invitations'>;

/** The conditions a statement over invitations keeps its rows by, all of them (see whereAll). */
export type Conditions = readonly InvitationCondition[];

/** The key of every list of invitations, newest first. */
const NEWEST_FIRST = { at: 'invitations.created_at', id: 'invitations.id' } as const;

/**
 * On PostgreSQL, locks the invitations a statement is about to change, in id order. Every
 * transaction that holds several invitations takes them this way (the delivery worker too), so two
 * may wait for each other but never each hold a row the other wants. SQLite has a single writer.
 */
export async function lockInIdOrder(trx: Trx, dialect: DialectName, conditions: Conditions): Promise<void> {
  if (dialect !== 'postgres') return;
  await whereAll(trx.selectFrom('invitations').select('invitations.id'), conditions).orderBy('invitations.id').forNoKeyUpdate().execute();
}

export async function findInvitation(db: Db | Trx, id: string): Promise<InvitationView | undefined> {
  return withNames(db).where('invitations.id', '=', id).executeTakeFirst();
}

export async function findInvitations(db: Db | Trx, ids: readonly string[]): Promise<InvitationView[]> {
  if (ids.length === 0) return [];
  return withNames(db).where('invitations.id', 'in', ids).execute();
}

export async function insertInvitation(trx: Trx, row: NewInvitation): Promise<void> {
  await trx.insertInto('invitations').values(row).execute();
}

/**
 * Applies `move` to one invitation if, and only if, it is still in one of the move's source states
 * (and, for live moves, not past its expiry). Returns the updated row, or undefined when another
 * action got there first.
 */
export async function applyMove(
  trx: Trx,
  id: string,
  move: Move,
  now: string,
  set: InvitationUpdate,
  extra?: InvitationCondition,
): Promise<InvitationRow | undefined> {
  const t = TRANSITIONS[move];
  let query = trx
    .updateTable('invitations')
    .set({ ...set, status: t.to })
    .where('id', '=', id)
    .where('status', 'in', [...t.from])
    .where('expires_at', t.live ? '>' : '<=', now);
  if (extra) query = query.where(extra);
  return query.returningAll().executeTakeFirst();
}

export interface SentFilter {
  channel?: Channel;
  q?: string;
  olderThanDays?: number;
}

export type SentStatusFilter = 'pending' | 'accepted' | 'withdrawn' | 'expired' | 'all';

/**
 * Open invitations: pending or ignored (an ignored one reads as pending to its sender and can still
 * be withdrawn). Written as the partial indexes' own predicate, so that both planners can see a
 * query implies it whatever the parameters.
 */
const isOpen: InvitationCondition = (eb) => sql<SqlBool>`${eb.ref('invitations.status')} in ('pending', 'ignored')`;

/**
 * The older-than cutoff and the cursor as one bound: whichever is tighter implies the other, and a
 * single upper bound on created_at is a range of the list's index, so a page seeks to its first
 * row instead of walking past every newer one.
 */
function boundOf(filter: SentFilter, cursor: Cursor | null, now: Date): Bound | null {
  if (filter.olderThanDays === undefined) return cursor;
  const cutoff = new Date(now.getTime() - filter.olderThanDays * 86_400_000).toISOString();
  return cursor && cursor.at <= cutoff ? cursor : { at: cutoff };
}

/**
 * Invitations whose recipient's address, number or (for a member invitation) name contains `text`.
 * The recipient's name is looked up for each row read (a primary-key probe), so the text costs what
 * reading the sender's rows costs and never a pass over every member.
 */
function recipientContains(eb: ExpressionBuilder<Database, 'invitations'>, text: string): Expression<SqlBool> {
  const pattern = sql<string>`${containsPattern(text.toLowerCase())} escape '\\'`;
  return eb.or([
    eb('invitations.recipient_email', 'like', pattern),
    eb('invitations.recipient_phone', 'like', pattern),
    // By name only what the sender addressed by name: a member invitation. Who received an
    // e-mail or SMS invitation is not theirs to search for (see presenter.ts).
    eb.and([
      eb('invitations.channel', '=', 'member'),
      eb(
        eb
          .selectFrom('members')
          .select(sql<string>`lower(members.name)`.as('name'))
          .whereRef('members.id', '=', 'invitations.recipient_member_id'),
        'like',
        pattern,
      ),
    ]),
  ]);
}

/** The conditions of a sent-list filter; with `cursor`, keeps only what comes after it. */
function sentFilterConditions(filter: SentFilter, now: Date, cursor: Cursor | null = null): InvitationCondition[] {
  const conditions = keysetBefore<Database, 'invitations'>(NEWEST_FIRST, boundOf(filter, cursor, now));
  const { channel, q } = filter;
  if (channel) conditions.push((eb) => eb('invitations.channel', '=', channel));
  if (q) conditions.push((eb) => recipientContains(eb, q));
  return conditions;
}

/** Keeps what comes after `cursor` in newest-first order. */
export function afterCursor(cursor: Cursor | null): InvitationCondition[] {
  return keysetBefore<Database, 'invitations'>(NEWEST_FIRST, cursor);
}

/**
 * Some of a list's rows: those `narrow` keeps of an index that holds them in the list's order,
 * (created_at, id), once the index's equality columns are fixed by `narrow` itself. Or, with
 * `among`, a few rows of everybody's, found through `index` by `among` alone (planned on their own,
 * so that PostgreSQL cannot read them through an index of the member's rows instead), of which
 * `narrow` keeps the member's.
 */
export interface Range {
  index: string;
  narrow: Conditions;
  among?: Conditions;
}

/** Rows planned as a query of their own: PostgreSQL neither merges nor pushes conditions into a subquery with an OFFSET. */
function plannedApart<QB extends { offset: (n: number) => QB }>(db: Db, query: QB): QB {
  return dialectOf(db) === 'postgres' ? query.offset(0) : query;
}

/**
 * The statement for a page (`limit + 1` rows, newest first) of the rows of `ranges` that `narrow`
 * also keeps. Each range is read in order through its index (named on SQLite; on PostgreSQL the
 * ordered range is the cheapest plan under the LIMIT) and yields at most `limit + 1` rows, however
 * many rows the member has. Several ranges are merged by their keys, and only the page's rows are
 * then read whole.
 */
export function pageOf(db: Db, ranges: readonly [Range, ...Range[]], narrow: Conditions, limit: number) {
  const [first] = ranges;
  if (ranges.length === 1 && !first.among) {
    return newestFirst(readThrough(db, whereAll(withNames(db), [...first.narrow, ...narrow]), 'invitations', first.index), NEWEST_FIRST, limit);
  }
  const keys = ranges.map((range) => {
    const table = db.selectFrom('invitations');
    // The few rows `among` finds, under the table's own name (the same columns), for `narrow`.
    const source = range.among
      ? (db.selectFrom(
          plannedApart(db, readThrough(db, whereAll(table.selectAll('invitations'), range.among), 'invitations', range.index)).as('invitations'),
        ) as unknown as typeof table)
      : readThrough(db, table, 'invitations', range.index);
    const rows = whereAll(source.select(['invitations.id', 'invitations.created_at']), [...range.narrow, ...narrow]);
    return db.selectFrom(newestFirst(rows, NEWEST_FIRST, limit).as('range')).select(['range.id', 'range.created_at']);
  });
  const merged = keys.slice(1).reduce((all, next) => all.unionAll(next), keys[0]!);
  const page = newestFirst(db.selectFrom(merged.as('ranges')).select('ranges.id'), { at: 'ranges.created_at', id: 'ranges.id' }, limit);
  return newestFirst(withNames(db).where('invitations.id', 'in', page), NEWEST_FIRST, limit);
}

/**
 * Where each view of a sender's invitations lies. The open ones are one range whatever their
 * status (migration 0009). Expired ones are those marked so, and open ones past their expiry that
 * the worker's sweep (every minute) has not marked yet: those are found among everybody's few by
 * `invitations_expiry`, not among all the sender's open ones.
 */
export function sentRanges(senderId: string, status: SentStatusFilter, byChannel: boolean, now: string): [Range, ...Range[]] {
  const bySender: InvitationCondition = (eb) => eb('invitations.sender_id', '=', senderId);
  const open: Range = {
    index: byChannel ? 'invitations_open_by_sender_channel' : 'invitations_open_by_sender',
    narrow: [bySender, isOpen],
  };
  const marked = (state: InvitationStatus): Range => ({
    index: 'invitations_sent',
    narrow: [bySender, (eb) => eb('invitations.status', '=', state)],
  });
  switch (status) {
    case 'pending':
      return [{ ...open, narrow: [...open.narrow, (eb) => eb('invitations.expires_at', '>', now)] }];
    case 'accepted':
    case 'withdrawn':
      return [marked(status)];
    case 'expired':
      return [marked('expired'), { index: 'invitations_expiry', among: [isOpen, (eb) => eb('invitations.expires_at', '<=', now)], narrow: [bySender] }];
    case 'all':
      return [open, marked('accepted'), marked('withdrawn'), marked('expired')];
  }
}

/** The statement for a page of a sender's invitations; only `q` reads on past non-matching rows. */
export function sentPageQuery(db: Db, senderId: string, status: SentStatusFilter, filter: SentFilter, cursor: Cursor | null, limit: number, now: Date) {
  const ranges = sentRanges(senderId, status, filter.channel !== undefined, now.toISOString());
  return pageOf(db, ranges, sentFilterConditions(filter, now, cursor), limit);
}

/** A page of a sender's invitations, newest first (`limit + 1` rows, see toPage). */
export async function listSent(
  db: Db,
  senderId: string,
  status: SentStatusFilter,
  filter: SentFilter,
  cursor: Cursor | null,
  limit: number,
  now: Date,
): Promise<InvitationView[]> {
  return sentPageQuery(db, senderId, status, filter, cursor, limit, now).execute();
}

/** How many open invitations of a sender match a filter: what a bulk withdraw would take. */
export async function countWithdrawable(db: Db | Trx, senderId: string, filter: SentFilter, now: Date): Promise<number> {
  const [open] = sentRanges(senderId, 'pending', filter.channel !== undefined, now.toISOString());
  const query = whereAll(db.selectFrom('invitations'), [...open.narrow, ...sentFilterConditions(filter, now)]);
  const row = await readThrough(
    db,
    query.select((eb) => eb.fn.countAll<number>().as('n')),
    'invitations',
    open.index,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Withdraws every open invitation of a sender matching `filter` (or `ids`); returns the ids taken. */
export async function withdrawMatching(
  trx: Trx,
  dialect: DialectName,
  senderId: string,
  target: { ids: readonly string[] } | { filter: SentFilter },
  set: InvitationUpdate,
  now: Date,
): Promise<{ id: string; status: InvitationStatus }[]> {
  const t = TRANSITIONS.withdraw;
  if ('ids' in target && target.ids.length === 0) return [];
  const chosen: Conditions = 'ids' in target ? [(eb) => eb('invitations.id', 'in', [...target.ids])] : sentFilterConditions(target.filter, now);
  const conditions: Conditions = [
    (eb) => eb('invitations.sender_id', '=', senderId),
    (eb) => eb('invitations.status', 'in', [...t.from]),
    (eb) => eb('invitations.expires_at', '>', now.toISOString()),
    ...chosen,
  ];
  await lockInIdOrder(trx, dialect, conditions);
  return whereAll(trx.updateTable('invitations').set({ ...set, status: t.to }), conditions)
    .returning(['invitations.id', 'invitations.status'])
    .execute();
}

/** The statement for a page of the pending invitations a member has received, newest first. */
export function receivedPageQuery(db: Db, memberId: string, cursor: Cursor | null, limit: number, now: Date) {
  const pending: Range = {
    index: 'invitations_received',
    narrow: [
      (eb) => eb('invitations.recipient_member_id', '=', memberId),
      (eb) => eb('invitations.status', '=', 'pending'),
      (eb) => eb('invitations.expires_at', '>', now.toISOString()),
    ],
  };
  return pageOf(db, [pending], afterCursor(cursor), limit);
}

/** A page of the pending invitations a member has received, newest first. */
export async function listReceived(db: Db, memberId: string, cursor: Cursor | null, limit: number, now: Date) {
  return receivedPageQuery(db, memberId, cursor, limit, now).execute();
}

/** The open (pending or ignored), unexpired invitations between the two members of `pair`. */
export async function openInvitationsOfPair(db: Db | Trx, pair: string, now: string) {
  return db
    .selectFrom('invitations')
    .select(['sender_id', 'channel', 'status'])
    .where('pair_key', '=', pair)
    .where('status', 'in', ['pending', 'ignored'])
    .where('expires_at', '>', now)
    .execute();
}

export async function countReceivedPending(db: Db, memberId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_member_id', '=', memberId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Invitations a sender created at or after `since` (any status: withdrawing gives nothing back). */
export async function sentSince(db: Db | Trx, senderId: string, since: string): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('invitations')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('sender_id', '=', senderId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
}

/** Materialises the expiry of open invitations past their time, optionally only some of them. */
export async function expireDue(
  trx: Trx,
  dialect: DialectName,
  now: string,
  scope?: { pairKey?: string | null; senderId: string; recipientKey: string },
): Promise<{ id: string; sender_id: string; recipient_member_id: string | null }[]> {
  const t = TRANSITIONS.expire;
  const conditions: InvitationCondition[] = [(eb) => eb('invitations.status', 'in', [...t.from]), (eb) => eb('invitations.expires_at', '<=', now)];
  if (scope) {
    const { pairKey, senderId, recipientKey } = scope;
    conditions.push((eb) =>
      eb.or([
        ...(pairKey ? [eb('invitations.pair_key', '=', pairKey)] : []),
        eb.and([eb('invitations.sender_id', '=', senderId), eb('invitations.recipient_key', '=', recipientKey)]),
      ]),
    );
  }
  await lockInIdOrder(trx, dialect, conditions);
  return whereAll(trx.updateTable('invitations').set({ status: t.to }), conditions)
    .returning(['invitations.id', 'invitations.sender_id', 'invitations.recipient_member_id'])
    .execute();
}

/** Cancels every message still waiting to go out for these invitations. */
export async function suppressQueuedMessages(trx: Trx, invitationIds: readonly string[]): Promise<void> {
  for (let i = 0; i < invitationIds.length; i += 500) {
    await trx
      .updateTable('outbox')
      .set({ status: 'suppressed' })
      .where('invitation_id', 'in', invitationIds.slice(i, i + 500))
      .where('status', 'in', ['queued', 'failed'])
      .execute();
  }
}

/**
 * True when `recipientId` answered an invitation from `senderId`, by whatever channel it came,
 * with "I don't know this person" or a spam report.
 */
export async function hasReportedSender(db: Db | Trx, recipientId: string, senderId: string): Promise<boolean> {
  const row = await db
    .selectFrom('invitations')
    .select('id')
    .where('sender_id', '=', senderId)
    .where('ignore_reason', 'in', ['dont_know', 'spam'])
    .where('recipient_member_id', '=', recipientId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes the sender's pending e-mail and SMS invitations out of the pair's in-app slot: they stay
 * invitations to the address or number they were sent to (its links still work), and no longer
 * reach the member's list. Returns how many.
 */
export async function releaseAddressInvitations(trx: Trx, dialect: DialectName, senderId: string, pair: string): Promise<number> {
  const conditions: Conditions = [
    (eb) => eb('invitations.pair_key', '=', pair),
    (eb) => eb('invitations.sender_id', '=', senderId),
    (eb) => eb('invitations.channel', '<>', 'member'),
    (eb) => eb('invitations.status', '=', 'pending'),
  ];
  await lockInIdOrder(trx, dialect, conditions);
  const result = await whereAll(trx.updateTable('invitations').set({ recipient_member_id: null, pair_key: null }), conditions).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** True when `senderId` withdrew an invitation that had reached `memberId` after `since`. */
export async function withdrewFromRecently(db: Db | Trx, senderId: string, memberId: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('invitations')
    .select('id')
    .where('recipient_member_id', '=', memberId)
    .where('status', '=', 'withdrawn')
    .where('sender_id', '=', senderId)
    .where('withdrawn_at', '>', since)
    .executeTakeFirst();
  return row !== undefined;
}

/** Invitations of the pair other than `exceptId` in one of `statuses`, in id order. */
export async function otherInvitationsOfPair(trx: Trx, pair: string, exceptId: string, statuses: readonly InvitationStatus[]): Promise<{ id: string }[]> {
  return trx
    .selectFrom('invitations')
    .select('id')
    .where('pair_key', '=', pair)
    .where('id', '<>', exceptId)
    .where('status', 'in', [...statuses])
    .orderBy('id')
    .execute();
}

/** Answers of "I don't know this person" or spam to the sender's invitations since `since`. */
export async function countReportsSince(trx: Trx, senderId: string, since: string): Promise<number> {
  const row = await trx
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sender_id', '=', senderId)
    .where('ignore_reason', 'in', ['dont_know', 'spam'])
    .where('responded_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * True when the sender already has an invitation awaiting a response to `recipientKey` (to its
 * sender an ignored invitation still awaits one), or, with `memberPair` (the pair of a member
 * invitation), when a pending invitation of that pair stands in the way.
 */
export async function hasOpenInvitationTo(trx: Trx, senderId: string, recipientKey: string, memberPair: string | null): Promise<boolean> {
  const open = await trx
    .selectFrom('invitations')
    .select('id')
    .where((eb) =>
      eb.or([
        // A pending invitation of the pair: from the member (the sender has it in their list), or a
        // member invitation of the sender's. The sender's e-mail or SMS invitations that reached the
        // member do not count: the sender is not to know they did.
        ...(memberPair !== null
          ? [eb.and([eb('pair_key', '=', memberPair), eb('status', '=', 'pending'), eb.or([eb('sender_id', '<>', senderId), eb('channel', '=', 'member')])])]
          : []),
        // To its sender an ignored invitation still awaits a response.
        eb.and([eb('sender_id', '=', senderId), eb('recipient_key', '=', recipientKey), eb('status', 'in', ['pending', 'ignored'])]),
      ]),
    )
    .executeTakeFirst();
  return open !== undefined;
}

/** When the sender last withdrew an invitation to `recipientKey` after `since`, if they did. */
export async function lastWithdrawnTo(trx: Trx, senderId: string, recipientKey: string, since: string): Promise<string | null | undefined> {
  const recent = await trx
    .selectFrom('invitations')
    .select((eb) => eb.fn.max('withdrawn_at').as('last'))
    .where('sender_id', '=', senderId)
    .where('status', '=', 'withdrawn')
    .where('withdrawn_at', '>', since)
    .where('recipient_key', '=', recipientKey)
    .executeTakeFirst();
  return recent?.last as string | null | undefined;
}

/**
 * The open (pending or ignored), unexpired invitations between two members, either way: those that
 * reached one of them in the app (a member invitation, or an e-mail one handed to the owner of its
 * address), and those sent to an address or number that is one of theirs without reaching them
 * (their verified e-mail addresses, their phone number). In id order; on PostgreSQL locked in that
 * order first.
 */
export async function lockOpenInvitationsBetween(trx: Trx, dialect: DialectName, a: string, b: string, now: string): Promise<InvitationRow[]> {
  const toAddressOf = (eb: ExpressionBuilder<Database, 'invitations'>, memberId: string) =>
    eb.and([
      eb('invitations.recipient_member_id', 'is', null),
      eb.or([
        eb(
          'invitations.recipient_email',
          'in',
          eb
            .selectFrom('members')
            .select('members.email')
            .where('members.id', '=', memberId)
            .where('members.email_verified_at', 'is not', null)
            .unionAll(
              eb
                .selectFrom('member_emails')
                .select('member_emails.email')
                .where('member_emails.member_id', '=', memberId)
                .where('member_emails.verified_at', 'is not', null),
            ),
        ),
        eb('invitations.recipient_phone', 'in', eb.selectFrom('members').select('members.phone').where('members.id', '=', memberId)),
      ]),
    ]);
  const conditions: Conditions = [
    (eb) =>
      eb.or([
        eb.and([eb('invitations.sender_id', '=', a), eb.or([eb('invitations.recipient_member_id', '=', b), toAddressOf(eb, b)])]),
        eb.and([eb('invitations.sender_id', '=', b), eb.or([eb('invitations.recipient_member_id', '=', a), toAddressOf(eb, a)])]),
      ]),
    isOpen,
    (eb) => eb('invitations.expires_at', '>', now),
  ];
  await lockInIdOrder(trx, dialect, conditions);
  return whereAll(trx.selectFrom('invitations').selectAll('invitations'), conditions).orderBy('invitations.id').execute();
}

/** Takes an e-mail invitation out of the in-app list of the member it reached: it stays an invitation to its address. */
export async function detachFromMember(trx: Trx, id: string): Promise<void> {
  await trx.updateTable('invitations').set({ recipient_member_id: null, pair_key: null }).where('id', '=', id).where('channel', '<>', 'member').execute();
}

/**
 * True when a pending, unexpired invitation between the two members (either way) has been replied
 * to: its conversation stays open to both while it waits for an answer.
 */
export async function hasRepliedPendingBetween(db: Db | Trx, a: string, b: string, now: string): Promise<boolean> {
  const row = await db
    .selectFrom('invitations')
    .select('id')
    .where((eb) =>
      eb.or([eb.and([eb('sender_id', '=', a), eb('recipient_member_id', '=', b)]), eb.and([eb('sender_id', '=', b), eb('recipient_member_id', '=', a)])]),
    )
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .where('replied_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the recipient's first reply to a pending, unexpired invitation; undefined when it no longer waits. */
export async function markReplied(trx: Trx, id: string, now: string): Promise<{ id: string } | undefined> {
  return trx
    .updateTable('invitations')
    .set((eb) => ({ replied_at: eb.fn.coalesce('replied_at', eb.val(now)) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .returning('id')
    .executeTakeFirst();
}
