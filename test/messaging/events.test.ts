/**
 * GET /api/v1/events over real HTTP: each member's live events reach every open stream of theirs
 * and nobody else's, a reconnection with Last-Event-ID loses nothing, heartbeats keep the stream
 * alive, a client that takes nothing is cut off rather than buffered for, and on PostgreSQL an
 * event written through one server process reaches a stream held by another within a second.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { sql } from 'kysely';
import { transact } from '../../src/db/database.js';
import { recordEvents } from '../../src/events/store.js';
import { expireSweep } from '../../src/invitations/expire.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { as, call, createHarness, type Harness, makeMember, TEST_PASSWORD, type TestMember } from '../support/harness.js';
import { callServer, type ServerProcess, startServerProcess } from '../support/servers.js';
import { connect, send, start } from './support.js';

interface SseEvent {
  id: string;
  event: string;
  data: any;
}

/** An open event stream: what it received so far, parsed. */
interface Stream {
  status: number;
  headers: IncomingMessage['headers'];
  events: SseEvent[];
  comments: number;
  ended: boolean;
  /** Resolves once `predicate` holds for what was received, or rejects after `ms`. */
  until(predicate: (s: Stream) => boolean, ms?: number): Promise<void>;
  close(): void;
}

/** Opens GET /api/v1/events on `base` with a bearer token (and Last-Event-ID when given). */
function openStream(base: string, token: string, lastEventId?: string, cookie?: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/api/v1/events`, {
      headers: {
        ...(cookie ? { cookie } : { authorization: `Bearer ${token}` }),
        accept: 'text/event-stream',
        ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const waiters = new Set<() => void>();
      let buffer = '';
      const stream: Stream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: [],
        comments: 0,
        ended: false,
        until(predicate, ms = 3_000) {
          if (predicate(stream)) return Promise.resolve();
          return new Promise((ok, fail) => {
            const check = () => {
              if (!predicate(stream)) return;
              clearTimeout(timer);
              waiters.delete(check);
              ok();
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(
                new Error(`not within ${ms}ms; received ${stream.events.length} events (${stream.events.map((e) => e.id).join(',')}), ended: ${stream.ended}`),
              );
            }, ms);
            waiters.add(check);
          });
        },
        close: () => req.destroy(),
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments += 1;
            else {
              const colon = line.indexOf(':');
              fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
            }
          }
          if (fields.event) stream.events.push({ id: fields.id!, event: fields.event, data: JSON.parse(fields.data!) });
        }
        for (const w of [...waiters]) w();
      });
      const ended = () => {
        stream.ended = true;
        for (const w of [...waiters]) w();
      };
      res.on('end', ended);
      res.on('close', ended);
      res.on('error', ended);
      resolve(stream);
    });
    req.end();
  });
}

const ofType = (s: Stream, type: string) => s.events.filter((e) => e.event === type);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DIALECTS)('live events over HTTP (%s)', (dialect) => {
  let h: Harness;
  let base: string;
  const open: Stream[] = [];
  const streamOf = async (m: TestMember, lastEventId?: string) => {
    const s = await openStream(base, m.token, lastEventId);
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    h = await createHarness(dialect, {
      env: { EVENT_HEARTBEAT: '100ms', EVENT_STREAMS_PER_MEMBER: '3', EVENT_QUEUE_BYTES: '1024', MESSAGE_DAILY_LIMIT: '10000' },
    });
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => h?.close());

  it('sends message, read and invitation events to every open tab of the member, with the stream headers', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const carol = await makeMember(h);
    await connect(h, alice, bob);
    const [tab1, tab2] = [await streamOf(alice), await streamOf(alice)];
    const bobTab = await streamOf(bob);
    expect(tab1.status).toBe(200);
    expect(tab1.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(tab1.headers['cache-control']).toBe('no-store');
    expect(tab1.headers['x-accel-buffering']).toBe('no');
    expect(tab1.headers['x-content-type-options']).toBe('nosniff');

    const started = await start(h, bob, [alice], 'Hello Alice\nsecond line');
    for (const tab of [tab1, tab2, bobTab]) await tab.until((s) => ofType(s, 'message').length === 1);
    expect(ofType(tab1, 'message')[0]!.data).toEqual(started.message);
    expect(ofType(tab2, 'message')[0]!.data).toEqual(started.message);

    expect((await as(h, alice).post(`/api/v1/conversations/${started.conversation.id}/read`, {})).status).toBe(204);
    const read = { conversationId: started.conversation.id, memberId: alice.id, upTo: started.message.id };
    for (const tab of [tab1, tab2, bobTab]) await tab.until((s) => ofType(s, 'read').length === 1);
    expect(ofType(tab2, 'read')[0]!.data).toEqual(read);
    expect(ofType(bobTab, 'read')[0]!.data).toEqual(read);
    // Read that far already: nobody is told again.
    expect((await as(h, alice).post(`/api/v1/conversations/${started.conversation.id}/read`, {})).status).toBe(204);
    const reply = await send(h, alice, started.conversation.id, 'Hi Bob');
    await tab1.until((s) => ofType(s, 'message').length === 2);
    expect(ofType(tab1, 'message')[1]!.data).toEqual(reply);
    expect(ofType(tab1, 'read')).toHaveLength(1);

    // An invitation from Carol: pending to Alice; withdrawn, it is only gone.
    const sent = await as(h, carol).post('/api/v1/invitations', { memberId: alice.id });
    expect(sent.status).toBe(201);
    for (const tab of [tab1, tab2]) await tab.until((s) => ofType(s, 'invitation').length === 1);
    expect(ofType(tab1, 'invitation')[0]!.data).toEqual({ id: sent.body.id, status: 'pending' });
    expect((await as(h, carol).post(`/api/v1/invitations/${sent.body.id}/withdraw`)).status).toBe(200);
    for (const tab of [tab1, tab2]) await tab.until((s) => ofType(s, 'invitation').length === 2);
    expect(ofType(tab2, 'invitation')[1]!.data).toEqual({ id: sent.body.id, status: 'withdrawn' });

    // Accepted: the sender is told; ignored: only the recipient's own tabs are (the sender sees it pending).
    const fromBob = await as(h, carol).post('/api/v1/invitations', { memberId: bob.id });
    await bobTab.until((s) => ofType(s, 'invitation').length === 1);
    const toCarol = await as(h, alice).post('/api/v1/invitations', { memberId: carol.id });
    expect((await as(h, carol).post(`/api/v1/invitations/${toCarol.body.id}/accept`)).status).toBe(200);
    for (const tab of [tab1, tab2]) await tab.until((s) => ofType(s, 'invitation').at(-1)?.data.status === 'accepted');
    expect(ofType(tab1, 'invitation').at(-1)!.data).toEqual({ id: toCarol.body.id, status: 'accepted' });
    expect((await as(h, bob).post(`/api/v1/invitations/${fromBob.body.id}/ignore`, {})).status).toBe(200);
    await bobTab.until((s) => ofType(s, 'invitation').length === 2);
    expect(ofType(bobTab, 'invitation')[1]!.data).toEqual({ id: fromBob.body.id, status: 'ignored' });

    // Every id is the member's next number, in order.
    const ids = tab1.events.map((e) => Number(e.id));
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
    expect(tab1.events).toEqual(tab2.events);
  });

  it('tells both sides of an invitation that expired, the sender of an ignored one too', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const carol = await makeMember(h);
    const [aliceTab, bobTab, carolTab] = [await streamOf(alice), await streamOf(bob), await streamOf(carol)];
    const toBob = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    const toCarol = await as(h, alice).post('/api/v1/invitations', { memberId: carol.id });
    expect((await as(h, carol).post(`/api/v1/invitations/${toCarol.body.id}/ignore`, {})).status).toBe(200);
    await carolTab.until((s) => ofType(s, 'invitation').length === 2);
    h.clock.advance(h.config.invitationTtlMs + 1_000);
    expect(await expireSweep(h.database.db, h.services.deps)).toBeGreaterThanOrEqual(2);
    await aliceTab.until((s) => ofType(s, 'invitation').filter((e) => e.data.status === 'expired').length === 2);
    await bobTab.until((s) => ofType(s, 'invitation').length === 2);
    await carolTab.until((s) => ofType(s, 'invitation').length === 3);
    const told = ofType(aliceTab, 'invitation').map((e) => e.data);
    // (Carol's ignore is not among them: to Alice it read as pending.)
    expect(told.slice(0, 2)).toEqual([
      { id: toBob.body.id, status: 'pending' },
      { id: toCarol.body.id, status: 'pending' },
    ]);
    expect(told.slice(2)).toHaveLength(2);
    expect(told.slice(2)).toEqual(expect.arrayContaining([toBob.body.id, toCarol.body.id].map((id) => ({ id, status: 'expired' }))));
    expect(ofType(bobTab, 'invitation').map((e) => e.data)).toEqual([
      { id: toBob.body.id, status: 'pending' },
      { id: toBob.body.id, status: 'expired' },
    ]);
  });

  it('never sends a member another member’s events', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const eve = await makeMember(h);
    await connect(h, alice, bob);
    await connect(h, alice, eve);
    const eveTab = await streamOf(eve);
    const aliceTab = await streamOf(alice);
    const started = await start(h, bob, [alice], 'Private');
    await send(h, alice, started.conversation.id, 'Also private');
    await send(h, bob, started.conversation.id, 'Private too');
    await as(h, alice).post(`/api/v1/conversations/${started.conversation.id}/read`, {});
    await as(h, bob)
      .post('/api/v1/invitations', { memberId: eve.id })
      .then((r) => expect(r.status).toBe(201));
    await aliceTab.until((s) => ofType(s, 'read').length === 1);
    await eveTab.until((s) => ofType(s, 'invitation').length === 1);
    await sleep(200);
    // Eve hears of the invitation to her, and of nothing of Alice and Bob's conversation.
    expect(eveTab.events.map((e) => e.event)).toEqual(['invitation']);
    expect(eveTab.comments).toBeGreaterThan(0);
  });

  it('replays what was missed after Last-Event-ID, in order, each once', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    await connect(h, alice, bob);
    const first = await streamOf(alice);
    const started = await start(h, bob, [alice], 'one');
    await first.until((s) => s.events.length === 1);
    const lastId = first.events[0]!.id;
    first.close();
    const missed = [];
    for (const text of ['two', 'three', 'four']) missed.push(await send(h, bob, started.conversation.id, text));
    const again = await streamOf(alice, lastId);
    await again.until((s) => s.events.length === 3);
    expect(again.events.map((e) => e.data)).toEqual(missed);
    expect(again.events.map((e) => Number(e.id))).toEqual([1, 2, 3].map((i) => Number(lastId) + i));
    // Without Last-Event-ID a stream starts at what comes next.
    const fresh = await streamOf(alice);
    const five = await send(h, bob, started.conversation.id, 'five');
    await fresh.until((s) => s.events.length === 1);
    expect(fresh.events[0]!.data).toEqual(five);
    await sleep(100);
    expect(fresh.events).toHaveLength(1);
  });

  it('sends a heartbeat comment at the configured interval', async () => {
    const alice = await makeMember(h);
    const tab = await streamOf(alice);
    await tab.until((s) => s.comments >= 3, 2_000);
    expect(tab.events).toEqual([]);
  });

  it('ends the stream of a client that takes nothing instead of buffering for it; it catches up with Last-Event-ID', async () => {
    const alice = await makeMember(h);
    const url = new URL(base);
    // A client that sends its request and then reads nothing.
    const socket: Socket = netConnect(Number(url.port), url.hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET /api/v1/events HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${alice.token}\r\nLast-Event-ID: 0\r\n\r\n`);
    socket.pause();
    for (let i = 0; i < 100 && h.services.events.count(alice.id) === 0; i++) await sleep(20);
    expect(h.services.events.count(alice.id)).toBe(1);
    const big = 'x'.repeat(64 * 1024);
    let written = 0;
    // Event after event, each its own transaction and announcement, until the server lets the stream go.
    while (h.services.events.count(alice.id) > 0 && written < 400) {
      await transact(h.database.db, (trx) => recordEvents(trx, [{ memberId: alice.id, type: 'message', data: { n: written, big } }], new Date().toISOString()));
      written += 1;
      await sleep(2);
    }
    for (let i = 0; i < 100 && h.services.events.count(alice.id) > 0; i++) await sleep(20);
    expect(h.services.events.count(alice.id)).toBe(0);
    socket.destroy();
    // Far fewer bytes than were written are held for it: the rest stays in the table.
    expect(written).toBeLessThan(400);
    const reader = await streamOf(alice, '0');
    await reader.until((s) => s.events.length === written, 10_000);
    expect(reader.events.map((e) => e.data.n)).toEqual(Array.from({ length: written }, (_, i) => i));
  });

  it('limits the streams open per member: 429 too_many_streams', async () => {
    const alice = await makeMember(h);
    for (let i = 0; i < 3; i++) expect((await streamOf(alice)).status).toBe(200);
    const refused = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${alice.token}` } });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_streams');
    for (const s of open.splice(0)) s.close();
    for (let i = 0; i < 100 && h.services.events.count(alice.id) > 0; i++) await sleep(20);
    expect(h.services.events.count(alice.id)).toBe(0);
    expect((await streamOf(alice)).status).toBe(200);
  });

  it('takes a session cookie as well as a bearer token', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    await connect(h, alice, bob);
    const login = await call(h, 'POST', '/api/v1/auth/login', { body: { email: alice.email, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const tab = await openStream(base, '', undefined, cookie);
    open.push(tab);
    expect(tab.status).toBe(200);
    const started = await start(h, bob, [alice], 'to the browser');
    await tab.until((s) => s.events.length === 1);
    expect(tab.events[0]!.data).toEqual(started.message);
  });

  it('refuses a stream without credentials (401) and a malformed Last-Event-ID (400)', async () => {
    const anonymous = await fetch(`${base}/api/v1/events`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    const alice = await makeMember(h);
    const bad = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${alice.token}`, 'last-event-id': '1e3' } });
    expect(bad.status).toBe(400);
  });
});

describe.each(DIALECTS)('shutting down with open streams (%s)', (dialect) => {
  it('app.close() ends every stream and does not wait for the clients', async () => {
    const h = await createHarness(dialect);
    try {
      const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
      const alice = await makeMember(h);
      const tabs = [await openStream(base, alice.token), await openStream(base, alice.token)];
      await sleep(50);
      const started = Date.now();
      await h.app.close();
      expect(Date.now() - started).toBeLessThan(2_000);
      for (const tab of tabs) await tab.until((s) => s.ended, 2_000);
    } finally {
      await h.database.drop();
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('the listening connection (postgres)', () => {
  it('is opened again after it drops, and the streams catch up with what was sent meanwhile', async () => {
    const h = await createHarness('postgres');
    try {
      const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      await connect(h, alice, bob);
      const tab = await openStream(base, alice.token);
      const listeners = async () =>
        (
          await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%'`.execute(h.database.db)
        ).rows.map((r) => r.pid);
      const [pid] = await listeners();
      expect(pid).toBeDefined();
      // One listening connection per process, however many streams.
      await openStream(base, bob.token).then((s) => s.close());
      expect(await listeners()).toEqual([pid]);

      await sql`select pg_terminate_backend(${pid})`.execute(h.database.db);
      const started = await start(h, bob, [alice], 'sent while the listener was down');
      await tab.until((s) => s.events.length === 1, 5_000);
      expect(tab.events[0]!.data).toEqual(started.message);
      const [again] = await listeners();
      expect(again).toBeDefined();
      expect(again).not.toBe(pid);
      const next = await send(h, bob, started.conversation.id, 'and after');
      await tab.until((s) => s.events.length === 2, 1_000);
      expect(tab.events[1]!.data).toEqual(next);
      tab.close();
    } finally {
      await h.close();
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('events across server processes (postgres)', () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const started = await Promise.allSettled([startServerProcess(database.url), startServerProcess(database.url)]);
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await database?.drop();
  });

  it('a message sent through one process reaches a stream held by the other within a second', async () => {
    const config = loadConfig({ DATABASE_URL: database.url });
    const context = { database, clock: systemClock, config };
    const alice = await makeMember(context);
    const bob = await makeMember(context);
    const [lo, hi] = alice.id < bob.id ? [alice.id, bob.id] : [bob.id, alice.id];
    await database.db.insertInto('connections').values({ member_a: lo, member_b: hi, invitation_id: null, created_at: new Date().toISOString() }).execute();
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const tab = await openStream(a.url, alice.token);
    const otherTab = await openStream(b.url, alice.token);
    try {
      expect(tab.status).toBe(200);
      for (let round = 0; round < 3; round++) {
        const sentAt = Date.now();
        const reply = await callServer(b.url, 'POST', '/api/v1/conversations', bob.token, { memberIds: [alice.id], text: `across ${round}` });
        expect([200, 201]).toContain(reply.status);
        await tab.until((s) => s.events.length === round + 1, 1_000);
        expect(Date.now() - sentAt).toBeLessThan(1_000);
        expect(tab.events[round]!.data).toEqual(reply.body.message);
      }
      await otherTab.until((s) => s.events.length === 3, 1_000);
      expect(otherTab.events).toEqual(tab.events);
    } finally {
      tab.close();
      otherTab.close();
    }
  }, 30_000);
});
