/**
 * Notification e-mails about unread messages, through the outbox and the worker, to a real SMTP
 * server on a controllable clock: at most one per conversation per hour per member, sent after a
 * delay, dropped when the conversation was read first, muted, or the setting is off, and each with
 * a one-click unsubscribe that turns the setting off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Senders, sendersFor } from '../../src/delivery/transports.js';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, type Harness, makeMember, type TestMember } from '../support/harness.js';
import { TestSmtpServer } from '../support/smtp.js';
import { connect, send, start } from './support.js';

const MINUTE = 60_000;
const PUBLIC_URL = 'https://rapport.example';

describe.each(DIALECTS)('notification e-mails about unread messages (%s)', (dialect) => {
  let h: Harness;
  let smtp: TestSmtpServer;
  let senders: Senders;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    h = await createHarness(dialect, {
      env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Rapport <notify@rapport.example>', MESSAGE_EMAIL_DELAY: '5m' },
    });
    senders = sendersFor(h.config);
  });
  afterAll(async () => {
    senders?.close();
    await h?.close();
    await smtp?.stop();
  });

  const drain = async () => {
    while ((await runWorkerOnce(h.database.db, h.services.deps, senders)) > 0);
  };
  const mailsTo = (m: TestMember) => smtp.received.filter((r) => r.to === m.email);
  const pair = async (names: { from?: string } = {}) => {
    const alice = await makeMember(h, { name: names.from ?? 'Alice Writer' });
    const bob = await makeMember(h, { name: 'Bob Reader' });
    await connect(h, alice, bob);
    return { alice, bob };
  };
  const queuedFor = async (m: TestMember) =>
    (await h.database.db.selectFrom('outbox').select(['status', 'payload']).where('kind', '=', 'message_email').where('recipient', '=', m.email).execute()).map(
      (r) => r.status,
    );

  it('sends one e-mail after the delay for two messages within the hour, and another for a message after it', async () => {
    const { alice, bob } = await pair({ from: 'Alice <b>Writer</b>' });
    const started = await start(h, alice, [bob], 'First: are you free on Thursday?');
    h.clock.advance(MINUTE);
    await send(h, alice, started.conversation.id, 'Second: or Friday <script>x</script>');
    expect(await queuedFor(bob)).toEqual(['queued']);
    expect(await queuedFor(alice)).toEqual([]);

    // Not before the delay.
    await drain();
    expect(mailsTo(bob)).toHaveLength(0);
    h.clock.advance(5 * MINUTE);
    await drain();
    expect(mailsTo(bob)).toHaveLength(1);
    expect(mailsTo(alice)).toHaveLength(0);
    const { mail, raw } = mailsTo(bob)[0]!;
    expect(mail.subject).toBe('Alice <b>Writer</b> sent you a message (2 unread messages)');
    expect(mail.text).toContain('Second: or Friday <script>x</script>');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Alice &lt;b&gt;Writer&lt;/b&gt;');
    expect(mail.text).toContain(`${PUBLIC_URL}/messages/${started.conversation.id}`);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/im);
    expect(/^List-Unsubscribe:\s+<([^>]+)>\r$/im.exec(raw)?.[1]).toMatch(/^https:\/\/rapport\.example\/api\/v1\/message-emails\/unsubscribe\/[\w-]{43}$/);

    // Within the hour of the first: nothing more is queued.
    h.clock.advance(20 * MINUTE);
    await send(h, alice, started.conversation.id, 'Third, still within the hour');
    h.clock.advance(10 * MINUTE);
    await drain();
    expect(mailsTo(bob)).toHaveLength(1);
    expect(await queuedFor(bob)).toEqual(['sent']);

    // After the hour: a new e-mail.
    h.clock.advance(30 * MINUTE);
    await send(h, alice, started.conversation.id, 'Fourth, a while later');
    h.clock.advance(5 * MINUTE);
    await drain();
    expect(mailsTo(bob)).toHaveLength(2);
    expect(mailsTo(bob)[1]!.mail.text).toContain('Fourth, a while later');
    // The link's secret is gone from the outbox once sent.
    const token = /unsubscribe\/([\w-]{43})/.exec(mailsTo(bob)[1]!.mail.text!)![1]!;
    const payloads = await h.database.db.selectFrom('outbox').select('payload').where('kind', '=', 'message_email').execute();
    for (const p of payloads) expect(p.payload).not.toContain(token);
  });

  it('drops the e-mail when the member reads the conversation first, and the next message opens a new window', async () => {
    const { alice, bob } = await pair();
    const started = await start(h, alice, [bob], 'Read me soon');
    h.clock.advance(2 * MINUTE);
    expect((await as(h, bob).post(`/api/v1/conversations/${started.conversation.id}/read`, {})).status).toBe(204);
    h.clock.advance(5 * MINUTE);
    await drain();
    expect(mailsTo(bob)).toHaveLength(0);
    expect(await queuedFor(bob)).toEqual(['suppressed']);

    // Read first, so nothing was sent: a message within the hour is e-mailed about.
    h.clock.advance(10 * MINUTE);
    await send(h, alice, started.conversation.id, 'And this one?');
    h.clock.advance(5 * MINUTE);
    await drain();
    expect(mailsTo(bob)).toHaveLength(1);
    expect(mailsTo(bob)[0]!.mail.text).toContain('And this one?');
  });

  it('sends nothing for a muted conversation or with messageEmails off, even when it changes after queueing', async () => {
    const { alice, bob } = await pair();
    const carol = await makeMember(h);
    await connect(h, alice, carol);

    // Muted before: nothing queued.
    const withBob = await start(h, alice, [bob], 'Muted soon');
    expect((await as(h, bob).patch(`/api/v1/conversations/${withBob.conversation.id}`, { muted: true })).status).toBe(200);
    h.clock.advance(2 * 3_600_000);
    await send(h, alice, withBob.conversation.id, 'While muted');
    h.clock.advance(10 * MINUTE);
    await drain();
    expect(mailsTo(bob)).toHaveLength(0);

    // messageEmails off after the e-mail was queued: dropped at send time; while off, none is queued.
    const withCarol = await start(h, alice, [carol], 'Hello Carol');
    expect(await queuedFor(carol)).toEqual(['queued']);
    const off = await as(h, carol).patch('/api/v1/me/settings', { messageEmails: false });
    expect(off.status).toBe(200);
    expect(off.body.messageEmails).toBe(false);
    expect((await as(h, carol).get('/api/v1/me/settings')).body).toMatchObject({ messageEmails: false });
    h.clock.advance(10 * MINUTE);
    await drain();
    h.clock.advance(2 * 3_600_000);
    await send(h, alice, withCarol.conversation.id, 'Still there?');
    h.clock.advance(10 * MINUTE);
    await drain();
    expect(mailsTo(carol)).toHaveLength(0);
    expect(await queuedFor(carol)).toEqual(['suppressed']);
  });

  it('sends none to a member whose address is not verified', async () => {
    const alice = await makeMember(h);
    const dave = await makeMember(h, { emailVerified: false });
    await connect(h, alice, dave);
    await start(h, alice, [dave], 'Hi Dave');
    h.clock.advance(10 * MINUTE);
    await drain();
    expect(await queuedFor(dave)).toEqual([]);
    expect(mailsTo(dave)).toHaveLength(0);
  });

  it('one-click unsubscribe (RFC 8058) turns messageEmails off; the link reads without changing anything', async () => {
    const { alice, bob } = await pair();
    expect((await as(h, bob).get('/api/v1/me/settings')).body.messageEmails).toBe(true);
    const started = await start(h, alice, [bob], 'Unsubscribe me');
    h.clock.advance(5 * MINUTE);
    await drain();
    const { raw, mail } = mailsTo(bob)[0]!;
    const unsubscribe = /^List-Unsubscribe:\s+<([^>]+)>\r$/im.exec(raw)![1]!;
    const token = new URL(unsubscribe).pathname.split('/').pop()!;
    expect(mail.text).toContain(`${PUBLIC_URL}/message-emails/unsubscribe/${token}`);

    const look = await call(h, 'GET', `/api/v1/message-emails/unsubscribe/${token}`);
    expect(look.body).toEqual({ messageEmails: true });
    const posted = await call(h, 'POST', new URL(unsubscribe).pathname, {
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({ messageEmails: false });
    expect((await as(h, bob).get('/api/v1/me/settings')).body.messageEmails).toBe(false);
    expect((await call(h, 'GET', `/api/v1/message-emails/unsubscribe/${token}`)).body).toEqual({ messageEmails: false });

    h.clock.advance(2 * 3_600_000);
    await send(h, alice, started.conversation.id, 'After unsubscribing');
    h.clock.advance(10 * MINUTE);
    await drain();
    expect(mailsTo(bob)).toHaveLength(1);

    // An unknown token is 404, however it looks.
    expect((await call(h, 'POST', `/api/v1/message-emails/unsubscribe/${'A'.repeat(43)}`, { body: {} })).status).toBe(404);
    expect((await call(h, 'GET', '/api/v1/message-emails/unsubscribe/short')).status).toBe(404);
  });
});
