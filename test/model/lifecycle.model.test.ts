/**
 * The invitation lifecycle against a model: fast-check drives random sequences of sends, answers,
 * withdrawals (one, bulk, support), grants and the passing of time by a few fresh members, predicts
 * each outcome (success or the exact refusal code) with a small in-memory model, and after every
 * step checks the product's invariants against the database and, for what recipients see, over HTTP.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/tokens.js';
import type { Actor } from '../../src/context.js';
import type { IgnoreReason } from '../../src/db/schema.js';
import { AppError, ERROR_STATUS } from '../../src/errors.js';
import { expireSweep } from '../../src/invitations/expire.js';
import { acceptInvitation, ignoreInvitation } from '../../src/invitations/respond.js';
import { sendInvitation } from '../../src/invitations/send.js';
import { withdrawInvitation } from '../../src/invitations/withdraw.js';
import { grantBalance, supportWithdrawAll } from '../../src/support/support.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, makeMember, setFeature, type TestMember } from '../support/harness.js';

// Durability is not under test here, and waiting for the disk on each of ~30,000 commits would be
// most of the PostgreSQL run: this file's databases commit without it (visibility is unchanged).
if (process.env.TEST_DATABASE_URL) {
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.searchParams.set('options', '-c synchronous_commit=off');
  process.env.TEST_DATABASE_URL = url.toString();
}

const NUM_RUNS = 1000;
const MAX_COMMANDS = 50;
const MEMBERS = 4;
const EXTERNALS = 2;

const TTL = 10 * DAY;
const COOLDOWN = 2 * DAY;
const WEEK = 7 * DAY;
const WEEKLY_LIMIT = 3;
const RESTRICTION_THRESHOLD = 2;
const REPORT_WINDOW = 20 * DAY;
const ENV = {
  INVITATION_TTL: '10d',
  REINVITE_COOLDOWN: '2d',
  WEEKLY_INVITATION_LIMIT: String(WEEKLY_LIMIT),
  RESTRICTION_THRESHOLD: String(RESTRICTION_THRESHOLD),
  REPORT_WINDOW: '20d',
};
// Bearer tokens live a year; a long run re-issues them before that.
const TOKEN_REFRESH_AFTER = 300 * DAY;

type Status = 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
type Outcome = 'ok' | string;
const FINAL: readonly Status[] = ['accepted', 'withdrawn', 'expired'];

interface ModelInvitation {
  id: string;
  sender: number;
  /**
   * The member reached: the one chosen (member channel), or the owner of the e-mail address when
   * the invitation reached them (see attachesTo).
   */
  recipient: number | null;
  channel: 'member' | 'email';
  key: string;
  email: string | null;
  createdAt: number;
  expiresAt: number;
  /** Stored status; expiry is applied on reading (see effective). */
  status: Status;
  withdrawnAt: number | null;
  ignored: boolean;
  reportedAt: number | null;
}

interface ModelMember {
  initial: number;
  granted: number;
  sent: number;
  restricted: boolean;
}

interface Model {
  now: number;
  members: ModelMember[];
  invitations: ModelInvitation[];
  connections: Set<string>;
}

interface Real {
  h: Harness;
  members: TestMember[];
  names: string[];
  externals: string[];
  tokenIssuedAt: number;
  /** The first final status each invitation was seen in. */
  finals: Map<string, Status>;
  /** Each member's predicted received list and inbox when last read over HTTP. */
  views: { received: string; inbox: string; read: boolean }[];
}

const pairOf = (a: number, b: number) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const balanceOf = (m: ModelMember) => m.initial + m.granted - m.sent;
const actorOf = (r: Real, i: number): Actor => ({ memberId: r.members[i]!.id, role: 'member', path: 'api' });

function effective(inv: { status: Status; expiresAt: number }, now: number): Status {
  return (inv.status === 'pending' || inv.status === 'ignored') && inv.expiresAt <= now ? 'expired' : inv.status;
}
const isOpen = (inv: ModelInvitation, now: number) => ['pending', 'ignored'].includes(effective(inv, now));

/** Runs a domain call and reports 'ok' or the AppError's code (anything else is a failure). */
async function attempt<T>(work: () => Promise<T>): Promise<{ outcome: Outcome; value?: T }> {
  try {
    return { outcome: 'ok', value: await work() };
  } catch (error) {
    if (error instanceof AppError) return { outcome: error.code };
    throw error;
  }
}

/** An HTTP reply as an outcome, checking that a refusal's status is the one its code maps to. */
function outcomeOf(reply: { status: number; body: any }): Outcome {
  if (reply.status >= 200 && reply.status < 300) return 'ok';
  const code = reply.body?.error?.code as keyof typeof ERROR_STATUS;
  expect(reply.status, JSON.stringify(reply.body)).toBe(ERROR_STATUS[code]);
  return code;
}

async function freshTokens(m: Model, r: Real) {
  if (m.now - r.tokenIssuedAt < TOKEN_REFRESH_AFTER) return;
  for (const member of r.members) member.token = await issueToken(r.h.database.db, member.id, 'bearer', r.h.clock.now());
  r.tokenIssuedAt = m.now;
}

/** What sending predicts, in the order the rules are applied. */
function predictSend(m: Model, from: number, to: { member: number | null; key: string; email: string | null }, typedEmail: boolean): Outcome {
  const sender = m.members[from]!;
  if (to.member === from) return 'self_invitation';
  if (to.email === null && sender.restricted && !typedEmail) return 'email_required';
  if (to.member !== null && m.connections.has(pairOf(from, to.member))) return 'already_connected';
  // An e-mail invitation is judged by its address alone: nothing may depend on who owns it.
  const byMember = to.email === null;
  const open = m.invitations.some(
    (inv) =>
      (byMember &&
        inv.recipient !== null &&
        pairOf(inv.sender, inv.recipient) === pairOf(from, to.member!) &&
        effective(inv, m.now) === 'pending' &&
        (inv.sender !== from || inv.channel === 'member')) ||
      // To its sender an ignored invitation still awaits a response.
      (inv.sender === from && inv.key === to.key && isOpen(inv, m.now)),
  );
  if (open) return 'invitation_pending';
  const cooling = m.invitations.some((inv) => inv.sender === from && inv.status === 'withdrawn' && inv.withdrawnAt! > m.now - COOLDOWN && inv.key === to.key);
  if (cooling) return 'reinvite_cooldown';
  // "I don't know this person" or spam, on any invitation from the sender that reached the member.
  if (to.member !== null && m.invitations.some((inv) => inv.sender === from && inv.recipient === to.member && inv.reportedAt !== null))
    return 'recipient_unavailable';
  if (balanceOf(sender) <= 0) return 'balance_exhausted';
  if (m.invitations.filter((inv) => inv.sender === from && inv.createdAt > m.now - WEEK).length >= WEEKLY_LIMIT) return 'weekly_limit_reached';
  return 'ok';
}

/**
 * Whom a new e-mail invitation from `from` to `owner`'s address reaches in the app: the owner, unless
 * the pair already has an open invitation or the sender withdrew one that reached the owner within
 * the cooldown (connections and reports refuse the send before).
 */
function attachesTo(m: Model, from: number, owner: number | null): number | null {
  if (owner === null) return null;
  const busy = m.invitations.some((inv) => inv.recipient !== null && pairOf(inv.sender, inv.recipient) === pairOf(from, owner) && isOpen(inv, m.now));
  const cooling = m.invitations.some(
    (inv) => inv.sender === from && inv.recipient === owner && inv.status === 'withdrawn' && inv.withdrawnAt! > m.now - COOLDOWN,
  );
  return busy || cooling ? null : owner;
}

/** How often each step ended in each outcome, to prove the runs reach every rule. */
const tally = new Map<string, number>();
const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

abstract class Step implements fc.AsyncCommand<Model, Real> {
  check(_m: Readonly<Model>): boolean {
    return true;
  }
  async run(m: Model, r: Real): Promise<void> {
    count('steps');
    await freshTokens(m, r);
    const withdrawn = await this.act(m, r);
    await checkInvariants(m, r, withdrawn, this.toString());
  }
  /** Does the step on both sides; returns the ids it withdrew. */
  abstract act(m: Model, r: Real): Promise<string[]>;
  abstract toString(): string;
}

/** Steps about an existing invitation pick it by position, modulo the number there are. */
abstract class InvitationStep extends Step {
  constructor(readonly pick: number) {
    super();
  }
  override check(m: Readonly<Model>) {
    return m.invitations.length > 0;
  }
  target(m: Model) {
    return m.invitations[this.pick % m.invitations.length]!;
  }
}

class Send extends Step {
  constructor(
    readonly from: number,
    readonly to: { member: number } | { memberEmail: number; shout: boolean } | { external: number },
    readonly typedEmail: boolean,
    readonly viaHttp: boolean,
  ) {
    super();
  }
  toString() {
    return `Send(${this.from} → ${JSON.stringify(this.to)}${this.typedEmail ? ', typed e-mail' : ''}${this.viaHttp ? ', http' : ''})`;
  }
  async act(m: Model, r: Real) {
    const to = this.to;
    let recipient: { memberId: string; email?: string } | { email: string };
    let target: { member: number | null; key: string; email: string | null };
    if ('member' in to) {
      const member = r.members[to.member]!;
      recipient = this.typedEmail ? { memberId: member.id, email: member.email.toUpperCase() } : { memberId: member.id };
      target = { member: to.member, key: `m:${member.id}`, email: null };
    } else {
      const member = 'memberEmail' in to ? to.memberEmail : null;
      const email = 'memberEmail' in to ? r.members[to.memberEmail]!.email : r.externals[to.external]!;
      recipient = { email: 'memberEmail' in to && to.shout ? `  ${email.toUpperCase()} ` : email };
      target = { member, key: `e:${email}`, email };
    }
    const expected = predictSend(m, this.from, target, this.typedEmail);
    let outcome: Outcome;
    let created: { id: string; createdAt: string; expiresAt: string } | undefined;
    if (this.viaHttp) {
      const reply = await as(r.h, r.members[this.from]!).post('/api/v1/invitations', { ...recipient, message: 'Hello' });
      outcome = outcomeOf(reply);
      if (outcome === 'ok') {
        expect(reply.status).toBe(201);
        expect(reply.body).toMatchObject({ status: 'pending', withdrawable: true, channel: target.email === null ? 'member' : 'email' });
        created = reply.body;
      }
    } else {
      const result = await attempt(() => sendInvitation(r.h.database.db, r.h.services.deps, actorOf(r, this.from), { recipient }));
      outcome = result.outcome;
      if (result.value) created = { id: result.value.id, createdAt: result.value.created_at, expiresAt: result.value.expires_at };
    }
    expect(outcome, this.toString()).toBe(expected);
    count(`send:${outcome}`);
    if (created) {
      expect(Date.parse(created.createdAt)).toBe(m.now);
      expect(Date.parse(created.expiresAt)).toBe(m.now + TTL);
      m.members[this.from]!.sent += 1;
      const byMember = target.email === null;
      // A member invitation takes the pair's slot from the sender's own e-mail invitation that
      // reached the member: that one stays an invitation to the address.
      if (byMember) {
        for (const inv of m.invitations) {
          if (inv.sender === this.from && inv.channel === 'email' && inv.recipient === target.member && effective(inv, m.now) === 'pending') {
            inv.recipient = null;
            count('send:released');
          }
        }
      }
      const recipient = byMember ? target.member : attachesTo(m, this.from, target.member);
      if (!byMember && target.member !== null) count(recipient === null ? 'send:email not attached' : 'send:email attached');
      m.invitations.push({
        id: created.id,
        sender: this.from,
        recipient,
        channel: target.email === null ? 'member' : 'email',
        key: target.key,
        email: target.email,
        createdAt: m.now,
        expiresAt: m.now + TTL,
        status: 'pending',
        withdrawnAt: null,
        ignored: false,
        reportedAt: null,
      });
    }
    return [];
  }
}

/** Accept, ignore, "I don't know this person" or spam, by the recipient or (offset > 0) someone else. */
class Respond extends InvitationStep {
  constructor(
    pick: number,
    readonly action: 'accept' | IgnoreReason,
    readonly actorOffset: number,
    readonly viaHttp: boolean,
    /** Picks among invitations still waiting for an answer, when there are any. */
    readonly fresh: boolean,
  ) {
    super(pick);
  }
  toString() {
    return `Respond(#${this.pick}${this.fresh ? ' waiting' : ''}, ${this.action}, actor+${this.actorOffset}${this.viaHttp ? ', http' : ''})`;
  }
  /** Answers go to invitations a member can answer (not to outside addresses), if there are any. */
  override target(m: Model) {
    const answerable = m.invitations.filter((inv) => inv.recipient !== null && (!this.fresh || effective(inv, m.now) === 'pending'));
    return answerable.length > 0 ? answerable[this.pick % answerable.length]! : super.target(m);
  }
  async act(m: Model, r: Real) {
    const inv = this.target(m);
    const actor = ((inv.recipient ?? 0) + this.actorOffset) % MEMBERS;
    const now = effective(inv, m.now);
    const expected = inv.recipient !== actor || inv.status === 'withdrawn' ? 'not_found' : now === 'pending' ? 'ok' : 'not_pending';
    let outcome: Outcome;
    if (this.viaHttp) {
      const caller = as(r.h, r.members[actor]!);
      const reply =
        this.action === 'accept'
          ? await caller.post(`/api/v1/invitations/${inv.id}/accept`)
          : await caller.post(`/api/v1/invitations/${inv.id}/ignore`, this.action === 'ignore' ? {} : { reason: this.action });
      outcome = outcomeOf(reply);
      if (outcome === 'ok' && this.action === 'accept') expect(reply.body.connection.memberId).toBe(r.members[inv.sender]!.id);
      if (outcome === 'ok' && this.action !== 'accept') expect(reply.body.status).toBe('ignored');
    } else {
      const { db } = r.h.database;
      const deps = r.h.services.deps;
      const action = this.action;
      const result = await attempt<unknown>(() =>
        action === 'accept' ? acceptInvitation(db, deps, actorOf(r, actor), inv.id) : ignoreInvitation(db, deps, actorOf(r, actor), inv.id, action),
      );
      outcome = result.outcome;
    }
    expect(outcome, this.toString()).toBe(expected);
    count(`${this.action === 'accept' ? 'accept' : 'ignore'}:${outcome}`);
    if (outcome !== 'ok') return [];
    if (this.action === 'accept') {
      inv.status = 'accepted';
      m.connections.add(pairOf(inv.sender, actor));
      // Whatever else is still open between the two (one the acceptor sent and the other ignored)
      // has nothing left to ask: the system withdraws it.
      const superseded = m.invitations.filter(
        (other) => other !== inv && other.recipient !== null && pairOf(other.sender, other.recipient) === pairOf(inv.sender, actor) && isOpen(other, m.now),
      );
      for (const other of superseded) {
        other.status = 'withdrawn';
        other.withdrawnAt = m.now;
      }
      if (superseded.length > 0) count('accept:superseded');
      return superseded.map((other) => other.id);
    }
    inv.status = 'ignored';
    inv.ignored = true;
    if (this.action !== 'ignore') {
      inv.reportedAt = m.now;
      const reports = m.invitations.filter((i) => i.sender === inv.sender && i.reportedAt !== null && i.reportedAt > m.now - REPORT_WINDOW).length;
      if (reports >= RESTRICTION_THRESHOLD) m.members[inv.sender]!.restricted = true;
    }
    return [];
  }
}

/** Withdraws one invitation: by its sender, or (byOther) by someone who may not. */
class Withdraw extends InvitationStep {
  constructor(
    pick: number,
    readonly byOther: boolean,
    readonly viaHttp: boolean,
  ) {
    super(pick);
  }
  toString() {
    return `Withdraw(#${this.pick}${this.byOther ? ', by another' : ''}${this.viaHttp ? ', http' : ''})`;
  }
  async act(m: Model, r: Real) {
    const inv = this.target(m);
    const actor = this.byOther ? (inv.sender + 1) % MEMBERS : inv.sender;
    const now = effective(inv, m.now);
    const expected = actor !== inv.sender ? 'not_found' : now === 'pending' || now === 'ignored' || now === 'withdrawn' ? 'ok' : 'not_withdrawable';
    let outcome: Outcome;
    let withdrawnAt: string | null = null;
    if (this.viaHttp) {
      const reply = await as(r.h, r.members[actor]!).post(`/api/v1/invitations/${inv.id}/withdraw`);
      outcome = outcomeOf(reply);
      if (outcome === 'ok') {
        expect(reply.body).toMatchObject({ status: 'withdrawn', withdrawable: false });
        withdrawnAt = reply.body.withdrawnAt;
      }
    } else {
      const result = await attempt(() => withdrawInvitation(r.h.database.db, r.h.services.deps, actorOf(r, actor), inv.id));
      outcome = result.outcome;
      withdrawnAt = result.value?.withdrawn_at ?? null;
    }
    expect(outcome, this.toString()).toBe(expected);
    count(`withdraw:${outcome}${outcome === 'ok' && now === 'withdrawn' ? ' again' : ''}`);
    if (outcome !== 'ok') return [];
    if (now === 'withdrawn') {
      // Repeating it is harmless: the first withdrawal stands.
      expect(Date.parse(withdrawnAt!)).toBe(inv.withdrawnAt);
      return [];
    }
    expect(Date.parse(withdrawnAt!)).toBe(m.now);
    inv.status = 'withdrawn';
    inv.withdrawnAt = m.now;
    return [inv.id];
  }
}

function markWithdrawn(m: Model, ids: readonly string[]) {
  for (const inv of m.invitations) {
    if (ids.includes(inv.id)) {
      inv.status = 'withdrawn';
      inv.withdrawnAt = m.now;
    }
  }
}

/** Bulk withdraw by ids, over HTTP (the flag is on for everyone); some ids are others' or unknown. */
class BulkWithdrawIds extends InvitationStep {
  constructor(
    readonly from: number,
    readonly picks: number[],
    readonly unknown: boolean,
  ) {
    super(0);
  }
  toString() {
    return `BulkWithdrawIds(${this.from}, [${this.picks.join(',')}]${this.unknown ? ', +unknown' : ''})`;
  }
  async act(m: Model, r: Real) {
    const chosen = this.picks.map((p) => m.invitations[p % m.invitations.length]!);
    const ids = [...chosen.map((inv) => inv.id), ...(this.unknown ? ['no-such-invitation'] : [])];
    const distinct = [...new Set(ids)];
    const expectWithdrawn = chosen.filter((inv) => inv.sender === this.from && isOpen(inv, m.now)).map((inv) => inv.id);
    const expectSkipped = distinct
      .filter((id) => !expectWithdrawn.includes(id))
      .map((id) => {
        const inv = m.invitations.find((i) => i.id === id);
        const reason = !inv || inv.sender !== this.from ? 'not_found' : inv.status === 'withdrawn' ? 'already_withdrawn' : 'not_withdrawable';
        return { id, reason };
      });
    const reply = await as(r.h, r.members[this.from]!).post('/api/v1/invitations/withdraw', { ids });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const unique = [...new Set(expectWithdrawn)];
    expect([...reply.body.withdrawnIds].sort(), this.toString()).toEqual([...unique].sort());
    expect(reply.body.withdrawn).toBe(unique.length);
    const bySkippedId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect([...reply.body.skipped].sort(bySkippedId), this.toString()).toEqual(expectSkipped.sort(bySkippedId));
    markWithdrawn(m, unique);
    count(`bulk ids:${unique.length > 0 ? 'some' : 'none'}`);
    for (const skip of expectSkipped) count(`bulk ids skipped:${skip.reason}`);
    return unique;
  }
}

type Filter = { channel?: 'member' | 'email'; olderThanDays?: number; q?: { member: number } | 'outside' };

/** Bulk withdraw by a filter, over HTTP. */
class BulkWithdrawFilter extends Step {
  constructor(
    readonly from: number,
    readonly filter: Filter,
  ) {
    super();
  }
  toString() {
    return `BulkWithdrawFilter(${this.from}, ${JSON.stringify(this.filter)})`;
  }
  async act(m: Model, r: Real) {
    const f = this.filter;
    const q = f.q === undefined ? undefined : f.q === 'outside' ? 'outside' : r.names[f.q.member]!.toUpperCase();
    const matches = (inv: ModelInvitation) =>
      (f.channel === undefined || inv.channel === f.channel) &&
      (f.olderThanDays === undefined || inv.createdAt <= m.now - f.olderThanDays * DAY) &&
      (q === undefined ||
        (inv.email ?? '').includes(q.toLowerCase()) ||
        (inv.channel === 'member' && r.names[inv.recipient!]!.toLowerCase().includes(q.toLowerCase())));
    const expected = m.invitations.filter((inv) => inv.sender === this.from && isOpen(inv, m.now) && matches(inv)).map((inv) => inv.id);
    const body = {
      filter: {
        ...(f.channel ? { channel: f.channel } : {}),
        ...(f.olderThanDays !== undefined ? { olderThanDays: f.olderThanDays } : {}),
        ...(q ? { q } : {}),
      },
    };
    const reply = await as(r.h, r.members[this.from]!).post('/api/v1/invitations/withdraw', body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect([...reply.body.withdrawnIds].sort(), this.toString()).toEqual([...expected].sort());
    expect(reply.body).toMatchObject({ withdrawn: expected.length, skipped: [] });
    markWithdrawn(m, expected);
    count(`bulk filter:${expected.length > 0 ? 'some' : 'none'}`);
    return expected;
  }
}

/** A support agent withdraws everything open that the member sent. */
class SupportWithdrawAll extends Step {
  constructor(readonly member: number) {
    super();
  }
  toString() {
    return `SupportWithdrawAll(${this.member})`;
  }
  async act(m: Model, r: Real) {
    const expected = m.invitations.filter((inv) => inv.sender === this.member && isOpen(inv, m.now)).map((inv) => inv.id);
    const result = await supportWithdrawAll(r.h.database.db, r.h.services.deps, agent, { memberId: r.members[this.member]!.id, reason: 'asked by the member' });
    expect([...result.withdrawnIds].sort(), this.toString()).toEqual([...expected].sort());
    expect(result.count).toBe(expected.length);
    count(`support:${expected.length > 0 ? 'some' : 'none'}`);
    markWithdrawn(m, expected);
    return expected;
  }
}

class Grant extends Step {
  constructor(
    readonly member: number,
    readonly amount: number,
  ) {
    super();
  }
  toString() {
    return `Grant(${this.member}, ${this.amount})`;
  }
  async act(m: Model, r: Real) {
    const available = await grantBalance(r.h.database.db, r.h.services.deps, admin, r.members[this.member]!.id, this.amount, 'more room');
    m.members[this.member]!.granted += this.amount;
    expect(available).toBe(balanceOf(m.members[this.member]!));
    return [];
  }
}

type Span = 'moment' | 'cooldown' | 'expiry' | 'week';
const SPAN_MS: Record<Span, number> = { moment: 0, cooldown: COOLDOWN, expiry: TTL, week: WEEK };

/** Time passes: a moment, or just past (or exactly) the cooldown, the expiry, or the weekly window. */
class PassTime extends Step {
  constructor(
    readonly span: Span,
    readonly extra: number,
    readonly sweep: boolean,
  ) {
    super();
  }
  toString() {
    return `PassTime(${this.span} + ${this.extra}ms${this.sweep ? ', sweep' : ''})`;
  }
  async act(m: Model, r: Real) {
    const ms = SPAN_MS[this.span] + this.extra;
    r.h.clock.advance(ms);
    m.now += ms;
    expect(r.h.clock.now().getTime()).toBe(m.now);
    if (this.sweep) {
      await expireSweep(r.h.database.db, r.h.services.deps);
      const unswept = await r.h.database.db
        .selectFrom('invitations')
        .select('id')
        .where(
          'sender_id',
          'in',
          r.members.map((x) => x.id),
        )
        .where('status', 'in', ['pending', 'ignored'])
        .where('expires_at', '<=', new Date(m.now).toISOString())
        .execute();
      expect(unswept).toEqual([]);
    }
    return [];
  }
}

let agent: Actor;
let admin: Actor;

/**
 * One row of readState: an invitation (a–g: id, sender, recipient member, pair key, status,
 * expires at, withdrawn at), a connection (a, b: its members) or a member (a: id, b: restricted
 * at, n: balance).
 */
interface StateRow {
  kind: 'invitation' | 'connection' | 'member';
  a: string;
  b: string | null;
  c: string | null;
  d: string | null;
  e: string | null;
  f: string | null;
  g: string | null;
  n: number | null;
}

/** Everything the invariants need about the run's members, in one query. */
async function readState(r: Real): Promise<StateRow[]> {
  const ids = sql.join(r.members.map((x) => x.id));
  const { rows } = await sql<StateRow>`
    select 'invitation' as kind, id as a, sender_id as b, recipient_member_id as c, pair_key as d, status as e, expires_at as f, withdrawn_at as g, cast(null as integer) as n
      from invitations where sender_id in (${ids})
    union all
    select 'connection', member_a, member_b, null, null, null, null, null, null
      from connections where member_a in (${ids}) or member_b in (${ids})
    union all
    select 'member', id, restricted_at, null, null, null, null, null, invitation_balance
      from members where id in (${ids})
  `.execute(r.h.database.db);
  return rows;
}

/** The invariants, checked against the database (one query) and over HTTP after every step. */
async function checkInvariants(m: Model, r: Real, justWithdrawn: string[], step: string): Promise<void> {
  const state = await readState(r);
  const rows = state
    .filter((x) => x.kind === 'invitation')
    .map((x) => ({ id: x.a, sender_id: x.b!, recipient_member_id: x.c, pair_key: x.d, status: x.e as Status, expires_at: x.f!, withdrawn_at: x.g }));
  const connections = state.filter((x) => x.kind === 'connection').map((x) => ({ member_a: x.a, member_b: x.b! }));
  const members = state.filter((x) => x.kind === 'member').map((x) => ({ id: x.a, restricted_at: x.b, invitation_balance: Number(x.n) }));
  const index = new Map(r.members.map((x, i) => [x.id, i]));
  const nowIso = new Date(m.now).toISOString();
  const context = `after ${step}`;

  // The database agrees with the model, invitation by invitation (status as of now, and when it
  // was withdrawn).
  const byId = new Map(m.invitations.map((inv) => [inv.id, inv]));
  expect(rows.length, context).toBe(m.invitations.length);
  expect(members.length, context).toBe(MEMBERS);
  const seen: Record<string, Status> = {};
  const predicted: Record<string, Status> = {};
  for (const row of rows) {
    const inv = byId.get(row.id);
    expect(inv, context).toBeDefined();
    seen[row.id] = effective({ status: row.status, expiresAt: Date.parse(row.expires_at) }, m.now);
    predicted[row.id] = effective(inv!, m.now);
    if (row.status === 'withdrawn') expect(Date.parse(row.withdrawn_at!), `${context}: withdrawn at of ${row.id}`).toBe(inv!.withdrawnAt);
    // And it reached the member the model says, or nobody.
    expect(row.recipient_member_id === null ? null : index.get(row.recipient_member_id), `${context}: recipient of ${row.id}`).toBe(inv!.recipient);
  }
  expect(seen, context).toEqual(predicted);

  // At most one pending invitation per unordered pair.
  const pendingPairs = rows.filter((row) => row.pair_key !== null && row.status === 'pending' && row.expires_at > nowIso).map((row) => row.pair_key);
  expect(new Set(pendingPairs).size, context).toBe(pendingPairs.length);

  // A connection exists exactly when an accepted invitation between the pair does.
  const acceptedPairs = rows.filter((row) => row.status === 'accepted').map((row) => pairOf(index.get(row.sender_id)!, index.get(row.recipient_member_id!)!));
  expect(new Set(acceptedPairs).size, context).toBe(acceptedPairs.length);
  const connected = connections.map((c) => pairOf(index.get(c.member_a)!, index.get(c.member_b)!));
  expect(connected.sort(), context).toEqual(acceptedPairs.sort());
  expect([...m.connections].sort(), context).toEqual(connected);

  // Balance = initial + grants − sent; restriction as predicted.
  for (const row of members) {
    const mm = m.members[index.get(row.id)!]!;
    expect(row.invitation_balance, context).toBe(balanceOf(mm));
    expect(row.restricted_at !== null, context).toBe(mm.restricted);
  }

  // Nothing leaves a final state.
  for (const [id, status] of Object.entries(seen)) {
    const first = r.finals.get(id);
    if (first !== undefined) expect(status, `${context}: ${id} left ${first}`).toBe(first);
    else if (FINAL.includes(status)) r.finals.set(id, status);
  }

  // What recipients see, over HTTP. A member's view is a function of the rows (just checked against
  // the model) and the time, so it is read whenever the model says it changed, and in full at the
  // end of every run.
  await expectViews(m, r, false, context);
  await expectHiddenFromRecipients(m, r, justWithdrawn, context);
}

/**
 * Each member's pending list and inbox hold exactly what the model says, so never a withdrawn
 * invitation. Reads the lists whose predicted content changed since they were last read, and, with
 * `unread`, those not read yet in this run.
 */
async function expectViews(m: Model, r: Real, unread: boolean, context: string) {
  for (let i = 0; i < MEMBERS; i++) {
    const mine = m.invitations.filter((inv) => inv.recipient === i);
    const pending = mine
      .filter((inv) => effective(inv, m.now) === 'pending')
      .map((inv) => inv.id)
      .sort();
    const inbox = mine
      .filter((inv) => {
        const s = effective(inv, m.now);
        return s === 'pending' || s === 'accepted' || (s === 'expired' && !inv.ignored);
      })
      .map((inv) => inv.id)
      .sort();
    const caller = as(r.h, r.members[i]!);
    const view = r.views[i]!;
    if (view.received !== pending.join() || (unread && !view.read)) {
      const received = await caller.get('/api/v1/invitations/received?limit=100');
      expect(received.body.items.map((x: { id: string }) => x.id).sort(), `${context}: received list of ${i}`).toEqual(pending);
      view.received = pending.join();
    }
    if (view.inbox !== inbox.join() || (unread && !view.read)) {
      const folder = await caller.get('/api/v1/inbox?folder=received&limit=100');
      expect(folder.body.items.map((x: { id: string }) => x.id).sort(), `${context}: inbox of ${i}`).toEqual(inbox);
      view.inbox = inbox.join();
      view.read = true;
    }
  }
}

async function expectHiddenFromRecipients(m: Model, r: Real, withdrawnIds: readonly string[], context: string) {
  for (const id of withdrawnIds) {
    const inv = m.invitations.find((x) => x.id === id)!;
    if (inv.recipient === null) continue;
    const reply = await as(r.h, r.members[inv.recipient]!).get(`/api/v1/invitations/${id}`);
    expect(reply.status, `${context}: recipient reads withdrawn ${id}`).toBe(404);
  }
}

const member = fc.integer({ min: 0, max: MEMBERS - 1 });
// Member 0 sends most, so the weekly limit and the restriction for reports are reached too.
const sender = fc.constantFrom(0, 0, 0, 1, 2, 3);
const pick = fc.nat({ max: 1000 });
// Half of the calls go over HTTP, half straight to the domain functions.
const viaHttp = fc.boolean();
const sendToMember = fc.tuple(sender, member, fc.boolean(), viaHttp).map(([from, to, typed, http]) => new Send(from, { member: to }, typed, http));
const sendToMemberEmail = fc
  .tuple(sender, member, fc.boolean(), viaHttp)
  .map(([from, to, shout, http]) => new Send(from, { memberEmail: to, shout }, false, http));
const sendToOutside = fc
  .tuple(sender, fc.integer({ min: 0, max: EXTERNALS - 1 }), viaHttp)
  .map(([from, ext, http]) => new Send(from, { external: ext }, false, http));
const answer = fc.constantFrom<'accept' | IgnoreReason>('accept', 'ignore', 'dont_know', 'spam');
const respondToAny = fc
  .tuple(pick, answer, fc.constantFrom(0, 0, 0, 1, 2), viaHttp)
  .map(([p, action, offset, http]) => new Respond(p, action, offset, http, false));
const respondToWaiting = fc.tuple(pick, answer, viaHttp).map(([p, action, http]) => new Respond(p, action, 0, http, true));
const withdraw = fc.tuple(pick, fc.constantFrom(false, false, true), viaHttp).map(([p, other, http]) => new Withdraw(p, other, http));
const bulkWithdrawIds = fc
  .tuple(sender, fc.array(pick, { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([from, picks, unknown]) => new BulkWithdrawIds(from, picks, unknown));
const channel = fc.constantFrom<'member' | 'email'>('member', 'email');
const olderThanDays = fc.integer({ min: 0, max: 4 });
const q = fc.oneof(
  fc.constant<'outside'>('outside'),
  member.map((i) => ({ member: i })),
);
const bulkWithdrawFilter = fc
  .tuple(
    sender,
    fc.oneof(
      fc.constant({}),
      fc.record({ channel }),
      fc.record({ olderThanDays }),
      fc.record({ q }),
      fc.record({ channel, olderThanDays, q }, { requiredKeys: [] }),
    ),
  )
  .map(([from, filter]) => new BulkWithdrawFilter(from, filter));
const supportWithdrawAllStep = sender.map((i) => new SupportWithdrawAll(i));
const grant = fc.tuple(member, fc.integer({ min: 1, max: 3 })).map(([i, n]) => new Grant(i, n));
const passTime = fc
  .tuple(
    fc.constantFrom<Span>('moment', 'moment', 'cooldown', 'expiry', 'week'),
    fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 1, max: DAY })),
    fc.boolean(),
  )
  .map(([span, extra, sweep]) => new PassTime(span, span === 'moment' ? extra + 60_000 : extra, sweep));

const times = <T>(n: number, arbitrary: T): T[] => Array.from({ length: n }, () => arbitrary);
/** Each step kind, repeated as often as it should be drawn. */
const stepArbitraries: fc.Arbitrary<Step>[] = [
  ...times(2, sendToMember),
  ...times(2, sendToMemberEmail),
  sendToOutside,
  respondToAny,
  ...times(2, respondToWaiting),
  ...times(2, withdraw),
  bulkWithdrawIds,
  bulkWithdrawFilter,
  supportWithdrawAllStep,
  grant,
  passTime,
];

describe.each(DIALECTS)('the invitation lifecycle against a model (%s)', (dialect) => {
  let h: Harness;
  let run = 0;

  beforeAll(async () => {
    h = await createHarness(dialect, { env: ENV });
    await setFeature(h, 'bulk-withdraw', { rolloutPercent: 100 });
    agent = { memberId: (await makeMember(h, { role: 'support' })).id, role: 'support', path: 'support' };
    admin = { memberId: (await makeMember(h, { role: 'admin' })).id, role: 'admin', path: 'api' };
  });
  afterAll(async () => h?.close());

  it(
    `holds every invariant over ${NUM_RUNS} random runs of up to ${MAX_COMMANDS} steps`,
    async () => {
      tally.clear();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom(3000, 3000, 3000, 3000, 0, 2), { minLength: MEMBERS, maxLength: MEMBERS }),
          fc.commands(stepArbitraries, { maxCommands: MAX_COMMANDS, size: 'max' }),
          async (balances, steps) => {
            run += 1;
            const tag = `run${run}x${Math.random().toString(36).slice(2, 7)}`;
            let setupState: { model: Model; real: Real } | undefined;
            const setup = async () => {
              const names = balances.map((_, i) => `Runner ${i} ${tag}`);
              const members = await Promise.all(names.map((name, i) => makeMember(h, { name, email: `r${i}.${tag}@example.test`, balance: balances[i]! })));
              const model: Model = {
                now: h.clock.now().getTime(),
                members: balances.map((initial) => ({ initial, granted: 0, sent: 0, restricted: false })),
                invitations: [],
                connections: new Set(),
              };
              const real: Real = {
                h,
                members,
                names,
                externals: Array.from({ length: EXTERNALS }, (_, k) => `guest${k}.${tag}@outside.test`),
                tokenIssuedAt: model.now,
                finals: new Map(),
                views: members.map(() => ({ received: '', inbox: '', read: false })),
              };
              setupState = { model, real };
              return { model, real };
            };
            await fc.asyncModelRun(setup, steps);
            // At the end every list not read yet is read (empty, as it never changed), and every
            // invitation withdrawn in the run is still hidden from its recipient.
            const { model, real } = setupState!;
            await expectViews(model, real, true, 'at the end');
            await expectHiddenFromRecipients(
              model,
              real,
              model.invitations.filter((inv) => inv.status === 'withdrawn').map((inv) => inv.id),
              'at the end',
            );
          },
        ),
        { numRuns: NUM_RUNS },
      );
      // The runs reached every outcome the model predicts, so none of its rules went untested.
      const reached = [
        'send:ok',
        'send:self_invitation',
        'send:email_required',
        'send:already_connected',
        'send:invitation_pending',
        'send:reinvite_cooldown',
        'send:recipient_unavailable',
        'send:released',
        'send:email attached',
        'send:email not attached',
        'send:balance_exhausted',
        'send:weekly_limit_reached',
        'accept:ok',
        'accept:not_found',
        'accept:not_pending',
        'accept:superseded',
        'ignore:ok',
        'ignore:not_found',
        'ignore:not_pending',
        'withdraw:ok',
        'withdraw:ok again',
        'withdraw:not_found',
        'withdraw:not_withdrawable',
        'bulk ids:some',
        'bulk ids skipped:not_found',
        'bulk ids skipped:already_withdrawn',
        'bulk ids skipped:not_withdrawable',
        'bulk filter:some',
        'support:some',
      ].filter((key) => !tally.has(key));
      expect(reached, `outcomes reached: ${JSON.stringify(Object.fromEntries(tally))}`).toEqual([]);
    },
    30 * 60_000,
  );
});
