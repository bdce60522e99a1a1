/**
 * The baseline: bare Fastify (no schemas, no plugins, no hooks) running, for each benchmarked
 * endpoint, the same SQL statements as Rapport, in the same order and the same transactions,
 * straight on the driver: better-sqlite3 with cached prepared statements (a transaction runs
 * synchronously), or a pg pool of the same size as Rapport's. It answers with the same JSON.
 *
 * The statement texts are Kysely's own output for Rapport's queries; same-sql.ts checks, before
 * every run, that both servers still hand the driver the same statement lists.
 */
import { createHash, randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import type { DialectName } from '../src/db/database.js';
import { isEnabled } from '../src/flags/flags.js';
import { presentInvitation } from '../src/invitations/presenter.js';
import type { InvitationView } from '../src/invitations/store.js';
import { decodeCursor, toPage } from '../src/shared/pagination.js';
import { INVITATION_COLUMNS, OUTBOX_COLUMNS } from './dataset.js';
import { messagingBaselineRoutes } from './messaging-baseline.js';

const DAY = 86_400_000;

export interface BaselineConfig {
  invitationTtlMs: number;
  reminderScheduleMs: readonly number[];
  reinviteCooldownMs: number;
  weeklyInvitationLimit: number;
}

type Value = string | number | null;
type Params = readonly Value[];
type Row = Record<string, unknown>;

/** A statement for the driver: `all` returns its rows, `run` the number of rows it changed. */
interface Op {
  kind: 'all' | 'run';
  sql: string;
  params: Params;
}

/**
 * A statement sequence is a generator that yields each statement and gets its answer back, so it
 * is written once and driven synchronously by better-sqlite3 or awaited step by step with pg.
 */
type Seq<T> = Generator<Op, T, unknown>;

function* all(sql: string, params: Params): Generator<Op, Row[], unknown> {
  return (yield { kind: 'all', sql, params }) as Row[];
}

function* run(sql: string, params: Params): Generator<Op, number, unknown> {
  return (yield { kind: 'run', sql, params }) as number;
}

const MEMBER_BY_TOKEN =
  'select "members".*, "auth_tokens"."id" as "credential_id", "auth_tokens"."last_used_at" as "credential_last_used_at" from "auth_tokens" inner join "members" on "members"."id" = "auth_tokens"."member_id" where "auth_tokens"."token_hash" = ? and "auth_tokens"."kind" = ? and "auth_tokens"."expires_at" > ?';
const TOUCH_TOKEN = 'update "auth_tokens" set "last_used_at" = ? where "id" = ? and ("last_used_at" is null or "last_used_at" < ?)';
/** As Rapport's LAST_USED_PRECISION_MS: a token's last use is recorded at most once a minute. */
const LAST_USED_PRECISION_MS = 60_000;
const MEMBER_BY_ID = 'select * from "members" where "id" = ?';
const MEMBER_BY_EMAIL = 'select * from "members" where "email" = ?';
const MEMBER_BY_EXTRA_EMAIL =
  'select "members".* from "member_emails" inner join "members" on "members"."id" = "member_emails"."member_id" where "member_emails"."email" = ? and "member_emails"."verified_at" is not null';
const OPTED_OUT = 'select "recipient_key" from "opt_outs" where "recipient_key" = ?';
const CONNECTED = 'select "member_a" from "connections" where "member_a" = ? and "member_b" = ?';
const EXPIRE_PAIR_WHERE =
  'where "invitations"."status" in (?, ?) and "invitations"."expires_at" <= ? and ("invitations"."pair_key" = ? or ("invitations"."sender_id" = ? and "invitations"."recipient_key" = ?))';
const EXPIRE_KEY_WHERE =
  'where "invitations"."status" in (?, ?) and "invitations"."expires_at" <= ? and ("invitations"."sender_id" = ? and "invitations"."recipient_key" = ?)';
const expire = (where: string) => `update "invitations" set "status" = ? ${where} returning "invitations"."id", "invitations"."sender_id"`;
/** On PostgreSQL, the invitations a statement will change are locked first, in id order. */
const lockInOrder = (where: string) => `select "invitations"."id" from "invitations" ${where} order by "invitations"."id" for no key update`;
const OPEN_PAIR =
  'select "id" from "invitations" where (("pair_key" = ? and "status" = ?) or ("pair_key" = ? and "sender_id" = ? and "status" = ?) or ("sender_id" = ? and "recipient_key" = ? and "status" in (?, ?)))';
const OPEN_KEY = 'select "id" from "invitations" where ("sender_id" = ? and "recipient_key" = ? and "status" in (?, ?))';
const COOLDOWN_MEMBER =
  'select max("withdrawn_at") as "last" from "invitations" where "sender_id" = ? and "status" = ? and "withdrawn_at" > ? and ("recipient_key" = ? or "recipient_member_id" = ?)';
const COOLDOWN_KEY =
  'select max("withdrawn_at") as "last" from "invitations" where "sender_id" = ? and "status" = ? and "withdrawn_at" > ? and "recipient_key" = ?';
const TAKE_BALANCE = 'update "members" set "invitation_balance" = "invitation_balance" - ? where "id" = ? and "invitation_balance" > ?';
const SENT_SINCE = 'select count(*) as "n", min("created_at") as "oldest" from "invitations" where "sender_id" = ? and "created_at" > ?';
const INSERT_INVITATION = `insert into "invitations" (${INVITATION_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${INVITATION_COLUMNS.map(() => '?').join(', ')})`;
const AUDIT_COLUMNS = ['at', 'actor_id', 'action', 'subject_member_id', 'invitation_id', 'path', 'details'];
/** Whether an address's owner is the sender's connection (what the sender may be told of them): the same expression as the store's. */
const RECIPIENT_CONNECTED = `case when invitations.channel <> 'member' and invitations.recipient_member_id is not null then (
        exists (select 1 from connections c where c.member_a = invitations.sender_id and c.member_b = invitations.recipient_member_id)
        or exists (select 1 from connections c where c.member_a = invitations.recipient_member_id and c.member_b = invitations.sender_id)
      ) end`;
const withNamesFrom = (from: string) =>
  `select "invitations".*, "sender"."name" as "sender_name", "recipient"."name" as "recipient_name", ${RECIPIENT_CONNECTED} as "recipient_connected" from ${from} inner join "members" as "sender" on "sender"."id" = "invitations"."sender_id" left join "members" as "recipient" on "recipient"."id" = "invitations"."recipient_member_id"`;
const WITH_NAMES = withNamesFrom('"invitations"');
const FIND_INVITATION = `${WITH_NAMES} where "invitations"."id" = ?`;
const WITHDRAW_ONE =
  'update "invitations" set "withdrawn_at" = ?, "withdrawn_by" = ?, "withdraw_path" = ?, "status" = ? where "id" = ? and "status" in (?, ?) and "expires_at" > ? returning *';
/** Pages of the sent and received lists: one range of an index in the page's order, which SQLite is told (INDEXED BY). */
const pageFrom = (dialect: DialectName, index: string) => withNamesFrom(dialect === 'sqlite' ? `"invitations" indexed by "${index}"` : '"invitations"');
const AFTER_CURSOR = ' and "invitations"."created_at" <= ? and ("invitations"."created_at" < ? or "invitations"."id" < ?)';
const NEWEST_FIRST = ' order by "invitations"."created_at" desc, "invitations"."id" desc limit ?';
const sentPage = (dialect: DialectName, cursor: boolean) =>
  `${pageFrom(dialect, 'invitations_open_by_sender')} where "invitations"."sender_id" = ? and "invitations"."status" in ('pending', 'ignored') and "invitations"."expires_at" > ?${cursor ? AFTER_CURSOR : ''}${NEWEST_FIRST}`;
const receivedPage = (dialect: DialectName, cursor: boolean) =>
  `${pageFrom(dialect, 'invitations_received')} where "invitations"."recipient_member_id" = ? and "invitations"."status" = ? and "invitations"."expires_at" > ?${cursor ? AFTER_CURSOR : ''}${NEWEST_FIRST}`;
const FLAGS = 'select * from "feature_flags"';

const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const rowsOf = (columns: readonly string[], n: number) => Array.from({ length: n }, () => `(${list(columns.length)})`).join(', ');
const insertOutbox = (n: number) => `insert into "outbox" (${OUTBOX_COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${rowsOf(OUTBOX_COLUMNS, n)}`;
const insertAudit = (n: number) => `insert into "audit_log" (${AUDIT_COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${rowsOf(AUDIT_COLUMNS, n)}`;
const suppress = (n: number) => `update "outbox" set "status" = ? where "invitation_id" in (${list(n)}) and "status" in (?, ?)`;
const withdrawIdsWhere = (n: number) =>
  `where "invitations"."sender_id" = ? and "invitations"."status" in (?, ?) and "invitations"."expires_at" > ? and "invitations"."id" in (${list(n)})`;
const withdrawIds = (n: number) =>
  `update "invitations" set "withdrawn_at" = ?, "withdrawn_by" = ?, "withdraw_path" = ?, "status" = ? ${withdrawIdsWhere(n)} returning "invitations"."id", "invitations"."status"`;
const findMany = (n: number) => `${WITH_NAMES} where "invitations"."id" in (${list(n)})`;

const newId = () => randomBytes(16).toString('base64url');
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const iso = (ms: number) => new Date(ms).toISOString();

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

interface Store {
  /** Runs a sequence outside any transaction. */
  query<T>(seq: Seq<T>): Promise<T>;
  /** Runs a sequence in one transaction. */
  transaction<T>(seq: Seq<T>): Promise<T>;
  close(): Promise<void>;
}

/** better-sqlite3, one prepared statement per SQL text; a transaction runs without yielding. */
function sqliteStore(path: string): Store {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, SQLite.Statement>();
  const drive = <T>(seq: Seq<T>): T => {
    let step = seq.next();
    while (!step.done) {
      const { kind, sql, params } = step.value;
      let stmt = cache.get(sql);
      if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
      step = seq.next(kind === 'all' ? stmt.all(...params) : stmt.run(...params).changes);
    }
    return step.value;
  };
  // As Rapport does: take the write lock up front.
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  const rollback = db.prepare('rollback');
  return {
    query: async (seq) => drive(seq),
    async transaction(seq) {
      begin.run();
      try {
        const result = drive(seq);
        commit.run();
        return result;
      } catch (error) {
        rollback.run();
        throw error;
      }
    },
    close: async () => void db.close(),
  };
}

/** `?` placeholders to `$1…$n`, as Kysely writes them for PostgreSQL. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function pgStore(url: string, poolSize: number): Store {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {});
  const texts = new Map<string, string>();
  const drive = async <T>(client: pg.Pool | pg.PoolClient, seq: Seq<T>): Promise<T> => {
    let step = seq.next();
    while (!step.done) {
      const { kind, sql, params } = step.value;
      let text = texts.get(sql);
      if (text === undefined) texts.set(sql, (text = numbered(sql)));
      const result = await client.query(text, params as Value[]);
      step = seq.next(kind === 'all' ? result.rows : (result.rowCount ?? 0));
    }
    return step.value;
  };
  return {
    query: (seq) => drive(pool, seq),
    async transaction(seq) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await drive(client, seq);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function* authenticate(authorization: string | undefined): Seq<Row | undefined> {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (!match) return undefined;
  const now = Date.now();
  const row = (yield* all(MEMBER_BY_TOKEN, [sha256(match[1]!), 'bearer', iso(now)]))[0];
  if (!row || row.suspended_at !== null) return undefined;
  const staleBefore = iso(now - LAST_USED_PRECISION_MS);
  const lastUsed = row.credential_last_used_at as string | null;
  if (lastUsed === null || lastUsed < staleBefore) yield* run(TOUCH_TOKEN, [iso(now), row.credential_id as string, staleBefore]);
  return row;
}

interface Recipient {
  channel: 'member' | 'email' | 'sms';
  key: string;
  member: Row | undefined;
  email: string | null;
  phone: string | null;
}

export interface BaselineOptions {
  dialect: DialectName;
  url: string;
  config: BaselineConfig;
  poolSize?: number;
}

/** Builds the baseline app (call `listen` or `inject`); closing it closes the database. */
export async function buildBaseline(options: BaselineOptions): Promise<FastifyInstance> {
  const { dialect, config } = options;
  const store = dialect === 'sqlite' ? sqliteStore(options.url.slice('file:'.length)) : pgStore(options.url, options.poolSize ?? 10);
  const pg = dialect === 'postgres';
  const lockSender = pg ? `${MEMBER_BY_ID} for no key update` : MEMBER_BY_ID;

  // The statements of sendInvitationIn, in its order.
  function* send(sender: Row, body: Record<string, string | undefined>, nowMs: number): Seq<Row> {
    const now = iso(nowMs);
    const senderId = sender.id as string;
    yield* all(lockSender, [senderId]);
    let to: Recipient;
    if (body.memberId !== undefined) {
      const member = (yield* all(MEMBER_BY_ID, [body.memberId]))[0];
      if (!member) throw new Refusal(404, 'not_found');
      to = { channel: 'member', key: `m:${member.id}`, member, email: null, phone: null };
    } else if (body.email !== undefined) {
      const email = body.email.trim().toLowerCase();
      // A member is found by their primary address, else by a verified additional one.
      const member = (yield* all(MEMBER_BY_EMAIL, [email]))[0] ?? (yield* all(MEMBER_BY_EXTRA_EMAIL, [email]))[0];
      to = { channel: 'email', key: `e:${email}`, member, email, phone: null };
    } else {
      const phone = (body.phone ?? '').replace(/[\s().-]/g, '');
      to = { channel: 'sms', key: `p:${phone}`, member: undefined, email: null, phone };
    }
    if (to.channel !== 'member' && (yield* all(OPTED_OUT, [to.key]))[0]) throw new Refusal(422, 'recipient_opted_out');
    const memberId = to.member?.id as string | undefined;
    const pair = memberId ? (senderId < memberId ? `${senderId}|${memberId}` : `${memberId}|${senderId}`) : null;
    if (memberId && (yield* all(CONNECTED, senderId < memberId ? [senderId, memberId] : [memberId, senderId]))[0]) {
      throw new Refusal(409, 'already_connected');
    }
    const where = pair ? EXPIRE_PAIR_WHERE : EXPIRE_KEY_WHERE;
    const params = pair ? ['pending', 'ignored', now, pair, senderId, to.key] : ['pending', 'ignored', now, senderId, to.key];
    if (pg) yield* all(lockInOrder(where), params);
    yield* all(expire(where), ['expired', ...params]);
    const open = pair
      ? yield* all(OPEN_PAIR, [pair, 'pending', pair, senderId, 'ignored', senderId, to.key, 'pending', 'ignored'])
      : yield* all(OPEN_KEY, [senderId, to.key, 'pending', 'ignored']);
    if (open[0]) throw new Refusal(409, 'invitation_pending');
    const since = iso(nowMs - config.reinviteCooldownMs);
    const recent = memberId
      ? yield* all(COOLDOWN_MEMBER, [senderId, 'withdrawn', since, to.key, memberId])
      : yield* all(COOLDOWN_KEY, [senderId, 'withdrawn', since, to.key]);
    if (recent[0]?.last) throw new Refusal(429, 'reinvite_cooldown');
    if ((yield* run(TAKE_BALANCE, [1, senderId, 0])) === 0) throw new Refusal(403, 'balance_exhausted');
    const week = yield* all(SENT_SINCE, [senderId, iso(nowMs - 7 * DAY)]);
    if (Number(week[0]?.n ?? 0) >= config.weeklyInvitationLimit) throw new Refusal(429, 'weekly_limit_reached');
    const id = newId();
    yield* run(INSERT_INVITATION, [
      id,
      senderId,
      to.channel,
      memberId ?? null,
      to.email,
      to.phone,
      to.key,
      pair,
      body.message?.trim() || null,
      'pending',
      null,
      now,
      iso(nowMs + config.invitationTtlMs),
      null,
      null,
      null,
      null,
      to.channel === 'member' ? 'none' : 'queued',
      1,
      0,
    ]);
    const address = to.phone ?? to.email ?? (to.member?.email as string);
    const channel = to.channel === 'sms' ? 'sms' : 'email';
    const outbox = (kind: string, due: number, payload: object): Value[] => [
      newId(),
      kind,
      channel,
      address,
      id,
      JSON.stringify({ v: 1, ...payload }),
      'queued',
      iso(due),
      0,
      now,
      null,
    ];
    const messages = [
      ...(to.channel === 'member' ? [] : [outbox('invitation', nowMs, {})]),
      ...config.reminderScheduleMs.map((offset, i) => outbox('reminder', nowMs + offset, { reminder: i + 1 })),
    ];
    yield* run(insertOutbox(messages.length), messages.flat());
    const details = JSON.stringify({ channel: to.channel, recipientMemberId: memberId ?? null });
    yield* run(insertAudit(1), [now, senderId, 'invitation.sent', senderId, id, 'api', details]);
    return (yield* all(FIND_INVITATION, [id]))[0]!;
  }

  // The statements of withdrawInvitation.
  function* withdrawOne(senderId: string, id: string, nowMs: number): Seq<Row> {
    const now = iso(nowMs);
    const inv = (yield* all(FIND_INVITATION, [id]))[0];
    if (!inv || inv.sender_id !== senderId) throw new Refusal(404, 'not_found');
    const updated = (yield* all(WITHDRAW_ONE, [now, senderId, 'api', 'withdrawn', id, 'pending', 'ignored', now]))[0];
    if (!updated) {
      const current = (yield* all(FIND_INVITATION, [id]))[0] ?? inv;
      if (current.status === 'withdrawn') return current;
      throw new Refusal(409, 'not_withdrawable');
    }
    yield* run(suppress(1), ['suppressed', id, 'queued', 'failed']);
    const details = JSON.stringify({ recipientMemberId: inv.recipient_member_id, channel: inv.channel });
    yield* run(insertAudit(1), [now, senderId, 'invitation.withdrawn', senderId, id, 'api', details]);
    return { ...inv, ...updated };
  }

  // The statements of withdrawManyIn, for a list of ids.
  function* withdrawMany(senderId: string, ids: readonly string[], nowMs: number) {
    const now = iso(nowMs);
    const unique = [...new Set(ids)];
    if (unique.length === 0) return { withdrawn: 0, withdrawnIds: [], skipped: [] };
    if (pg) yield* all(lockInOrder(withdrawIdsWhere(unique.length)), [senderId, 'pending', 'ignored', now, ...unique]);
    const rows = yield* all(withdrawIds(unique.length), [now, senderId, 'bulk', 'withdrawn', senderId, 'pending', 'ignored', now, ...unique]);
    const withdrawnIds = rows.map((r) => r.id as string);
    const taken = new Set(withdrawnIds);
    const rest = unique.filter((id) => !taken.has(id));
    const skipped: { id: string; reason: string }[] = [];
    if (rest.length > 0) {
      const found = new Map((yield* all(findMany(rest.length), rest)).map((r) => [r.id as string, r]));
      for (const id of rest) {
        const inv = found.get(id);
        skipped.push({ id, reason: !inv || inv.sender_id !== senderId ? 'not_found' : inv.status === 'withdrawn' ? 'already_withdrawn' : 'not_withdrawable' });
      }
    }
    // (Queued messages are left to the delivery worker, as Rapport leaves them.)
    for (let i = 0; i < withdrawnIds.length; i += 500) {
      const chunk = withdrawnIds.slice(i, i + 500);
      yield* run(
        insertAudit(chunk.length),
        chunk.flatMap((id) => [now, senderId, 'invitation.withdrawn', senderId, id, 'bulk', '{}']),
      );
    }
    return { withdrawn: withdrawnIds.length, withdrawnIds, skipped };
  }

  const app = Fastify({ logger: false });
  app.addHook('onClose', () => store.close());
  // The logger is off, as it is for Rapport; the first few unexpected errors still reach stderr.
  let reported = 0;
  app.setErrorHandler((error, _request, reply) => {
    if (reported++ < 5) console.error('baseline:', error);
    return reply.status(500).send({ error: { code: 'internal_error', message: 'internal_error' } });
  });
  const fail = (reply: FastifyReply, status: number, code: string) => reply.status(status).send({ error: { code, message: code } });
  const refuse = (reply: FastifyReply, error: unknown) => {
    if (error instanceof Refusal) return fail(reply, error.status, error.code);
    const code = (error as { code?: string }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') return fail(reply, 409, 'invitation_pending');
    throw error;
  };
  const present = (inv: Row, viewer: string, now = new Date()) =>
    presentInvitation(inv as unknown as InvitationView, viewer, { now, reinviteCooldownMs: config.reinviteCooldownMs });

  app.post('/api/v1/invitations', async (request, reply) => {
    const sender = await store.query(authenticate(request.headers.authorization));
    if (!sender) return fail(reply, 401, 'unauthenticated');
    try {
      const inv = await store.transaction(send(sender, request.body as Record<string, string>, Date.now()));
      return reply.status(201).send(present(inv, sender.id as string));
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.post('/api/v1/invitations/:id/withdraw', async (request, reply) => {
    const sender = await store.query(authenticate(request.headers.authorization));
    if (!sender) return fail(reply, 401, 'unauthenticated');
    try {
      const inv = await store.transaction(withdrawOne(sender.id as string, (request.params as { id: string }).id, Date.now()));
      return present(inv, sender.id as string);
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.post('/api/v1/invitations/withdraw', async (request, reply) => {
    const sender = await store.query(authenticate(request.headers.authorization));
    if (!sender) return fail(reply, 401, 'unauthenticated');
    const flag = (await store.query(all(FLAGS, []))).find((f) => f.key === 'bulk-withdraw');
    const allowed =
      flag !== undefined &&
      isEnabled(
        {
          key: 'bulk-withdraw',
          rolloutPercent: Number(flag.rollout_percent),
          allow: JSON.parse(flag.allow_ids as string) as string[],
          deny: JSON.parse(flag.deny_ids as string) as string[],
        },
        sender.id as string,
      );
    if (!allowed) return fail(reply, 403, 'feature_unavailable');
    return store.transaction(withdrawMany(sender.id as string, (request.body as { ids: string[] }).ids, Date.now()));
  });

  /** A page of a list, as Rapport pages it: `limit + 1` rows after the cursor, if any. */
  const listPage = async (request: FastifyRequest, reply: FastifyReply, page: (cursor: boolean) => string, params: (me: string, now: string) => Value[]) => {
    const member = await store.query(authenticate(request.headers.authorization));
    if (!member) return fail(reply, 401, 'unauthenticated');
    const me = member.id as string;
    const query = request.query as { limit?: string; cursor?: string };
    const limit = Number(query.limit ?? 20);
    const cursor = decodeCursor(query.cursor);
    const now = new Date();
    const after = cursor ? [cursor.at, cursor.at, cursor.id] : [];
    const rows = await store.query(all(page(cursor !== null), [...params(me, now.toISOString()), ...after, limit + 1]));
    return toPage(
      rows,
      limit,
      (r) => ({ at: r.created_at as string, id: r.id as string }),
      (r) => present(r, me, now),
    );
  };

  app.get('/api/v1/invitations/sent', (request, reply) =>
    listPage(
      request,
      reply,
      (c) => sentPage(dialect, c),
      (me, now) => [me, now],
    ),
  );
  app.get('/api/v1/invitations/received', (request, reply) =>
    listPage(
      request,
      reply,
      (c) => receivedPage(dialect, c),
      (me, now) => [me, 'pending', now],
    ),
  );

  messagingBaselineRoutes(app, {
    dialect,
    rows: (sql, params) => store.query(all(sql, params)),
    member: (authorization) => store.query(authenticate(authorization)),
    fail,
  });

  return app;
}
