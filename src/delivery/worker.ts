/**
 * The delivery worker. It claims a batch of due outbox rows with a lease (SKIP LOCKED on
 * PostgreSQL, so any number of workers share the work), then, in one transaction that holds those
 * rows and the invitations it is about to write about, re-checks that each message is still
 * wanted, sends it, and records the outcome. A withdrawal therefore commits either before a
 * reminder is checked (and the reminder is dropped) or after it went out — never in between. A
 * claimed row whose worker died is claimed again once its lease has passed, and resent under its
 * original Message-ID and links.
 */
import { type BlobStore, defaultBlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config.js';
import type { Deps } from '../context.js';
import { type Db, type DialectName, refreshStatistics, type Trx, transact } from '../db/database.js';
import type { OutboxRow } from '../db/schema.js';
import { pruneEvents } from '../events/store.js';
import { expireSweep } from '../invitations/expire.js';
import { cleanupUnsentAttachments } from '../messaging/attachments.js';
import { pruneConnectionChanges } from '../people/suggestion-cache.js';
import { liveVerificationHashes } from '../members/email-store.js';
import { type LinkSecrets, readMessage } from '../outbox/store.js';
import { addMs, iso } from '../shared/clock.js';
import { newToken, sha256 } from '../shared/crypto.js';
import {
  excerptOf,
  renderAcceptedNotice,
  renderEmailVerification,
  renderInvitationEmail,
  renderInvitationSms,
  renderMessageEmail,
  renderSupportDone,
  type Rendered,
} from './templates.js';
import {
  closeMessageEmailWindow,
  findMessageEmailFacts,
  insertInvitationLinks,
  insertMessageEmailTokens,
  type MessageEmailFacts,
  insertOptOutTokens,
  insertSuppression,
  type InvitationFacts,
  type InvitationMessage,
  invitationMessagesAround,
  lockInvitationFacts,
  lockSendingOutbox,
  optedOutKeys,
  requeueOutbox,
  selectDueOutbox,
  setInvitationDelivery,
  setInvitationsDelivery,
  setOutbox,
  suppressedKeys,
} from './store.js';
import { DeliveryError, type Senders, sendersFor } from './transports.js';

export interface DeliveryOptions {
  /** How long a claim lasts before another worker may take the row over. */
  leaseMs: number;
  /** Messages claimed, sent and recorded together, in one transaction. */
  batchSize: number;
  /** Attempts before a temporarily failing message is dead-lettered (`failed`). */
  maxAttempts: number;
  /** First retry delay; each further retry doubles it (with jitter), up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Messages of one batch sent at the same time. */
  concurrency: number;
  /**
   * Batches a worker has in flight at once, each in its own transaction, so one is being claimed or
   * recorded while another is being sent.
   */
  lanes: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  leaseMs: 60_000,
  batchSize: 50,
  maxAttempts: 10,
  baseBackoffMs: 1_000,
  maxBackoffMs: 15 * 60_000,
  concurrency: 10,
  lanes: 1,
};

/**
 * Batches in flight per worker. On PostgreSQL every statement is a round trip and a batch holds
 * only its own invitations, so two go at once: one is claimed or recorded while the other is sent
 * (see docs/PERFORMANCE.md). On SQLite a batch holds the only writer while it is sent: one at a time.
 */
const LANES: Record<DialectName, number> = { sqlite: 1, postgres: 2 };

/** The delivery options for a configuration and database (the lease is `DELIVERY_LEASE`). */
export function deliveryOptions(config: Pick<Config, 'deliveryLeaseMs'>, dialect: DialectName): DeliveryOptions {
  return { ...DEFAULT_DELIVERY, lanes: LANES[dialect], leaseMs: config.deliveryLeaseMs };
}

/** What the worker reads and writes of any payload: the secrets of its links (see outbox/store.ts). */
type Payload = LinkSecrets;

const INVITATION_KINDS = new Set(['invitation', 'reminder']);

/** Retry delay after `attempts` failed attempts: exponential, with jitter, first within 5 s. */
function backoffMs(attempts: number, options: DeliveryOptions = DEFAULT_DELIVERY, random = Math.random): number {
  const exponential = Math.min(options.baseBackoffMs * 2 ** Math.max(0, attempts - 1), options.maxBackoffMs);
  return Math.round(exponential * (0.5 + random() * 0.5));
}

/** A row's payload without the secrets of its links: what stays once the message is done with. */
function withoutSecrets(row: Pick<OutboxRow, 'id' | 'payload'>): Pick<OutboxRow, 'id' | 'payload'> {
  const payload = JSON.parse(row.payload) as Payload;
  delete payload.linkToken;
  delete payload.optOutToken;
  delete payload.verifyToken;
  delete payload.unsubscribeToken;
  return { id: row.id, payload: JSON.stringify(payload) };
}

const recipientKeyOf = (row: Pick<OutboxRow, 'channel' | 'recipient'>) => `${row.channel === 'sms' ? 'p' : 'e'}:${row.recipient}`;

/** Rows written by one statement; keeps every statement's parameters well within both databases' limits. */
const WRITE_CHUNK = 500;

/**
 * Claims up to `batchSize` due messages. Invitation messages get their single-use link and opt-out
 * tokens here (their hashes stored), so every attempt at the message carries the same links.
 */
export async function claimDue(db: Db, deps: Deps, options: DeliveryOptions = DEFAULT_DELIVERY): Promise<OutboxRow[]> {
  const now = deps.clock.now();
  const nowIso = iso(now);
  return transact(db, async (trx) => {
    // Rows another worker is claiming or sending are passed over, not waited for.
    const rows = await selectDueOutbox(trx, deps.dialect, nowIso, options.batchSize);
    const leaseUntil = iso(addMs(now, options.leaseMs));
    const links: { token_hash: string; invitation_id: string; created_at: string }[] = [];
    const optOutTokens: { token_hash: string; recipient_key: string; created_at: string }[] = [];
    const unsubscribeTokens: { token_hash: string; member_id: string; created_at: string }[] = [];
    for (const row of rows) {
      row.status = 'sending';
      row.lease_until = leaseUntil;
      row.attempts += 1;
      if (row.kind === 'message_email') {
        // Its unsubscribe link, made once so every attempt carries the same one.
        const payload = JSON.parse(row.payload) as Payload & { memberId?: string };
        if (payload.unsubscribeToken || !payload.memberId) continue;
        payload.unsubscribeToken = newToken();
        unsubscribeTokens.push({ token_hash: sha256(payload.unsubscribeToken), member_id: payload.memberId, created_at: nowIso });
        row.payload = JSON.stringify(payload);
        continue;
      }
      if (!INVITATION_KINDS.has(row.kind) || !row.invitation_id) continue;
      const payload = JSON.parse(row.payload) as Payload;
      if (payload.linkToken && payload.optOutToken) continue;
      payload.linkToken = newToken();
      payload.optOutToken = newToken();
      links.push({ token_hash: sha256(payload.linkToken), invitation_id: row.invitation_id, created_at: nowIso });
      optOutTokens.push({ token_hash: sha256(payload.optOutToken), recipient_key: recipientKeyOf(row), created_at: nowIso });
      row.payload = JSON.stringify(payload);
    }
    // One write per claimed row and a few statements per batch: on PostgreSQL each is a round trip.
    for (let i = 0; i < links.length; i += WRITE_CHUNK) {
      await insertInvitationLinks(trx, links.slice(i, i + WRITE_CHUNK));
      await insertOptOutTokens(trx, optOutTokens.slice(i, i + WRITE_CHUNK));
    }
    for (let i = 0; i < unsubscribeTokens.length; i += WRITE_CHUNK) await insertMessageEmailTokens(trx, unsubscribeTokens.slice(i, i + WRITE_CHUNK));
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      await setOutbox(trx, rows.slice(i, i + WRITE_CHUNK), { status: 'sending', lease_until: leaseUntil }, { attempt: true });
    }
    return rows;
  });
}

/**
 * The rows of a claim that are still this claim's, locked (on PostgreSQL) until the batch commits: a
 * claim that outlived its lease may have been taken over, and a locked row is skipped by every other
 * claim, so a batch that takes longer than the lease to send is not sent twice. Taken after the
 * batch's invitations, in id order, like every lock of several rows.
 */
async function stillClaimed(trx: Trx, deps: Deps, rows: OutboxRow[]): Promise<OutboxRow[]> {
  const claimed = await lockSendingOutbox(
    trx,
    deps.dialect,
    rows.map((r) => r.id),
  );
  const leases = new Map(claimed.map((r) => [r.id, r.lease_until]));
  return rows.filter((row) => leases.get(row.id) === row.lease_until);
}

/**
 * Reads, and on PostgreSQL locks until the batch commits, the invitations a batch is about. They are
 * locked before anything else and in id order, as a withdrawal or a bulk change locks them, so a
 * batch and a withdrawal wait for each other but never deadlock; and exclusively, since the batch
 * may write to them.
 */
async function lockInvitations(trx: Trx, deps: Deps, ids: string[]): Promise<Map<string, InvitationFacts>> {
  if (ids.length === 0) return new Map();
  // Holding these rows until the batch commits makes a withdrawal wait for messages in flight.
  const rows = await lockInvitationFacts(trx, deps.dialect, ids);
  return new Map(rows.map((r) => [r.id, r]));
}

/** Two messages about one invitation are never sent closer together than this. */
const MESSAGE_SPACING_MS = 60_000;

/**
 * The due reminders of `batch` that are not the latest one wanted, after a pause (downtime, a
 * backlog, backdated data): one whose invitation message has not gone out yet, or went out after the
 * reminder fell due; one followed by a later reminder that is due too; one whose invitation had a
 * message in the last minute. Each silence gets one reminder, the latest due, and never two
 * messages in the same minute. Run after the invitations are locked, so two workers judging
 * messages of one invitation see each other's outcome.
 */
async function staleReminders(trx: Trx, batch: OutboxRow[], now: Date): Promise<Set<string>> {
  const reminders = batch.filter((r) => r.kind === 'reminder' && r.invitation_id !== null);
  if (reminders.length === 0) return new Set();
  const nowIso = iso(now);
  const spacingStart = addMs(now, -MESSAGE_SPACING_MS);
  // Sent messages that can outrank a reminder: those of the last minute, and those since it fell due.
  const sentSince = reminders.reduce((earliest, r) => (r.due_at < earliest ? r.due_at : earliest), iso(spacingStart));
  const around = await invitationMessagesAround(trx, [...new Set(reminders.map((r) => r.invitation_id!))], nowIso, sentSince);
  // Rows of this batch are judged as still to go, whatever another pass left in the row.
  const inBatch = new Set(batch.map((r) => r.id));
  const byInvitation = new Map<string, InvitationMessage[]>();
  for (const m of around) byInvitation.set(m.invitation_id, [...(byInvitation.get(m.invitation_id) ?? []), m]);
  const later = (a: { due_at: string; id: string }, b: { due_at: string; id: string }) => a.due_at > b.due_at || (a.due_at === b.due_at && a.id > b.id);
  const stale = new Set<string>();
  for (const reminder of reminders) {
    for (const other of byInvitation.get(reminder.invitation_id!) ?? []) {
      if (other.id === reminder.id) continue;
      const toGo = inBatch.has(other.id) || other.status !== 'sent';
      const outranks = toGo ? other.kind === 'invitation' || later(other, reminder) : other.sent_at! >= reminder.due_at || other.sent_at! >= iso(spacingStart);
      if (outranks) {
        stale.add(reminder.id);
        break;
      }
    }
  }
  return stale;
}

/** `reopen`: a notification e-mail dropped because its conversation was read: its window closes. */
type Verdict = { send: Rendered } | { drop: 'suppressed' | 'bounced'; reopen?: boolean };

/**
 * A notification e-mail goes out only if, now, the member is still a participant with unread
 * messages there, has not muted it, still wants such e-mails at that same verified address, and
 * is not suspended.
 */
function judgeMessageEmail(
  deps: Deps,
  row: OutboxRow,
  payload: { conversationId: string; unsubscribeToken?: string },
  facts: MessageEmailFacts | undefined,
): Verdict {
  if (!facts || !payload.unsubscribeToken) return { drop: 'suppressed' };
  if (facts.message_emails !== 1 || facts.muted === 1 || facts.suspended_at !== null) return { drop: 'suppressed' };
  if (facts.email_verified_at === null || facts.email !== row.recipient) return { drop: 'suppressed' };
  if (facts.unread_count === 0 || facts.latest_text === null) return { drop: 'suppressed', reopen: true };
  const base = deps.config.publicUrl;
  return {
    send: renderMessageEmail({
      senderName: facts.latest_sender_name ?? 'A member',
      excerpt: excerptOf(facts.latest_text),
      unreadCount: facts.unread_count,
      subject: facts.subject,
      conversationUrl: `${base}/messages/${encodeURIComponent(payload.conversationId)}`,
      stopUrl: `${base}/message-emails/unsubscribe/${payload.unsubscribeToken}`,
      unsubscribeUrl: `${base}/api/v1/message-emails/unsubscribe/${payload.unsubscribeToken}`,
    }),
  };
}

/** Decides, from the database as it is now, whether a message is still wanted, and renders it. */
function judge(
  deps: Deps,
  row: OutboxRow,
  inv: InvitationFacts | undefined,
  blocked: Set<string>,
  suppressed: Set<string>,
  verifying: Set<string> = new Set(),
  messageFacts: Map<string, MessageEmailFacts | undefined> = new Map(),
): Verdict {
  const base = deps.config.publicUrl;
  const message = readMessage(row);
  const key = recipientKeyOf(row);
  if (suppressed.has(key)) return { drop: 'bounced' };
  if (message.kind === 'message_email') return judgeMessageEmail(deps, row, message.payload, messageFacts.get(row.id));
  if (message.kind === 'support_request_done') {
    return { send: renderSupportDone(message.payload.withdrawn ?? 0, `${base}/invitations/sent`) };
  }
  if (message.kind === 'email_verification') {
    const { payload } = message;
    // Only while the address still waits for this very link (not removed, replaced, verified or expired).
    if (!payload.verifyToken || !verifying.has(sha256(payload.verifyToken))) return { drop: 'suppressed' };
    return { send: renderEmailVerification(`${base}/verify-email/${payload.verifyToken}`, payload.expiresAt) };
  }
  if (!inv) return { drop: 'suppressed' };
  if (message.kind === 'invitation_accepted') {
    return { send: renderAcceptedNotice(inv.recipient_name ?? 'Your contact', `${base}/members/${inv.recipient_member_id ?? ''}`) };
  }
  // Invitations and reminders: only while the invitation waits for an answer and the address wants them.
  if (inv.status !== 'pending' || inv.expires_at <= iso(deps.clock.now()) || blocked.has(key)) return { drop: 'suppressed' };
  // A reply is an answer: reminders are for people who have not answered.
  if (message.kind === 'reminder' && inv.replied_at !== null) return { drop: 'suppressed' };
  const { payload } = message;
  if (!payload.linkToken || !payload.optOutToken) return { drop: 'suppressed' };
  const context = {
    senderName: inv.sender_name,
    message: inv.message,
    acceptUrl: `${base}/i/${payload.linkToken}`,
    optOutUrl: `${base}/opt-out/${payload.optOutToken}`,
    unsubscribeUrl: `${base}/api/v1/opt-out/${payload.optOutToken}`,
    reminder: message.kind === 'reminder' ? message.payload.reminder : undefined,
  };
  return { send: row.channel === 'sms' ? renderInvitationSms(context) : renderInvitationEmail(context) };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

export interface BatchOutcome {
  sent: number;
  suppressed: number;
  retried: number;
  failed: number;
  bounced: number;
}

/** Delivers a claimed batch in one transaction and records each message's outcome. */
export async function deliverBatch(
  db: Db,
  deps: Deps,
  senders: Senders,
  rows: OutboxRow[],
  options: DeliveryOptions = DEFAULT_DELIVERY,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, suppressed: 0, retried: 0, failed: 0, bounced: 0 };
  if (rows.length === 0) return outcome;
  await db.transaction().execute(async (trx) => {
    const invitationIds = [...new Set(rows.map((r) => r.invitation_id).filter((id): id is string => id !== null))];
    const invitations = await lockInvitations(trx, deps, invitationIds);
    const batch = await stillClaimed(trx, deps, rows);
    if (batch.length === 0) return;
    const keys = [...new Set(batch.map(recipientKeyOf))];
    const blocked = await optedOutKeys(trx, keys);
    const suppressed = await suppressedKeys(trx, keys);
    const now = deps.clock.now();
    const nowIso = iso(now);
    const verifyTokens = batch.flatMap((r) => (r.kind === 'email_verification' ? [(JSON.parse(r.payload) as Payload).verifyToken ?? ''] : []));
    const verifying = await liveVerificationHashes(trx, verifyTokens.map(sha256), nowIso);
    const stale = await staleReminders(trx, batch, now);
    const messageFacts = new Map<string, MessageEmailFacts | undefined>();
    for (const row of batch) {
      const message = readMessage(row);
      if (message.kind !== 'message_email') continue;
      messageFacts.set(row.id, await findMessageEmailFacts(trx, message.payload.conversationId, message.payload.memberId));
    }

    const setDelivery = async (row: OutboxRow, delivery: 'sent' | 'failed' | 'bounced') => {
      if (row.kind !== 'invitation' || !row.invitation_id) return;
      await setInvitationDelivery(trx, row.invitation_id, delivery);
    };

    // The common outcomes are written together once the batch is out; failures (rare) one by one.
    const sent: OutboxRow[] = [];
    const dropped: OutboxRow[] = [];
    const droppedAsBounced: string[] = [];

    await eachLimited(batch, options.concurrency, async (row) => {
      const verdict: Verdict = stale.has(row.id)
        ? { drop: 'suppressed' }
        : judge(deps, row, row.invitation_id ? invitations.get(row.invitation_id) : undefined, blocked, suppressed, verifying, messageFacts);
      if ('drop' in verdict) {
        dropped.push(row);
        if (verdict.reopen) {
          const message = readMessage(row);
          if (message.kind === 'message_email') {
            await closeMessageEmailWindow(trx, message.payload.conversationId, message.payload.memberId, message.payload.windowUntil);
          }
        }
        if (verdict.drop === 'bounced' && row.kind === 'invitation' && row.invitation_id) droppedAsBounced.push(row.invitation_id);
        outcome.suppressed++;
        return;
      }
      const sender = row.channel === 'sms' ? senders.sms : senders.email;
      try {
        await sender.send(trx, row, verdict.send);
      } catch (error) {
        const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
        if (failure.permanent) {
          await setOutbox(trx, [withoutSecrets(row)], { status: 'bounced', lease_until: null, last_error: failure.message.slice(0, 500) });
          await insertSuppression(trx, recipientKeyOf(row), failure.message.slice(0, 500), nowIso);
          await setDelivery(row, 'bounced');
          outcome.bounced++;
        } else if (row.attempts >= options.maxAttempts) {
          await setOutbox(trx, [withoutSecrets(row)], { status: 'failed', lease_until: null, last_error: failure.message.slice(0, 500) });
          await setDelivery(row, 'failed');
          outcome.failed++;
        } else {
          await requeueOutbox(trx, row.id, iso(addMs(now, backoffMs(row.attempts, options))), failure.message.slice(0, 500));
          outcome.retried++;
        }
        return;
      }
      sent.push(row);
      outcome.sent++;
    });

    for (let i = 0; i < sent.length; i += WRITE_CHUNK) {
      const chunk = sent.slice(i, i + WRITE_CHUNK);
      // Sent, dropped, bounced or dead: the secrets leave the database; only their hashes stay.
      await setOutbox(trx, chunk.map(withoutSecrets), { status: 'sent', sent_at: nowIso, lease_until: null });
      const invitationsSent = chunk.filter((r) => r.kind === 'invitation' && r.invitation_id).map((r) => r.invitation_id!);
      if (invitationsSent.length > 0) await setInvitationsDelivery(trx, invitationsSent, 'sent');
    }
    for (let i = 0; i < dropped.length; i += WRITE_CHUNK) {
      await setOutbox(trx, dropped.slice(i, i + WRITE_CHUNK).map(withoutSecrets), { status: 'suppressed', lease_until: null });
    }
    for (let i = 0; i < droppedAsBounced.length; i += WRITE_CHUNK) {
      await setInvitationsDelivery(trx, droppedAsBounced.slice(i, i + WRITE_CHUNK), 'bounced');
    }
  });
  return outcome;
}

const defaultSenders = new WeakMap<object, Senders>();

function sendersOf(deps: Deps): Senders {
  let senders = defaultSenders.get(deps.config);
  if (!senders) {
    senders = sendersFor(deps.config);
    defaultSenders.set(deps.config, senders);
  }
  return senders;
}

/** One pass: claims what is due and delivers it. Returns how many messages it handled. */
export async function runWorkerOnce(
  db: Db,
  deps: Deps,
  senders: Senders = sendersOf(deps),
  options: DeliveryOptions = deliveryOptions(deps.config, deps.dialect),
): Promise<number> {
  const rows = await claimDue(db, deps, options);
  await deliverBatch(db, deps, senders, rows, options);
  return rows.length;
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

/** Runs passes on `options.lanes` lanes until nothing is due (or `stopped()`); returns how many messages were handled. */
export async function drainDue(
  db: Db,
  deps: Deps,
  senders: Senders,
  options: DeliveryOptions = deliveryOptions(deps.config, deps.dialect),
  stopped: () => boolean = () => false,
): Promise<number> {
  let handled = 0;
  const lanes = await Promise.allSettled(
    Array.from({ length: Math.max(1, options.lanes) }, async () => {
      for (let n; !stopped() && (n = await runWorkerOnce(db, deps, senders, options)) > 0;) handled += n;
    }),
  );
  const failed = lanes.find((lane): lane is PromiseRejectedResult => lane.status === 'rejected');
  if (failed) throw failed.reason;
  return handled;
}

/** How often the worker has SQLite bring its planner statistics up to date. */
const STATISTICS_EVERY_MS = 3_600_000;

/**
 * Runs passes every poll interval (and, every minute, the expiry sweep, the pruning and the cleanup
 * of unsent attachments in `blobs`; and the statistics) until stopped.
 */
export function startWorker(
  db: Db,
  deps: Deps,
  log: (msg: string, err?: unknown) => void,
  senders: Senders = sendersFor(deps.config),
  options: DeliveryOptions = deliveryOptions(deps.config, deps.dialect),
  blobs: BlobStore = defaultBlobStore(deps.config),
): WorkerHandle {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastSweep = 0;
  let lastStatistics = Date.now();
  const tick = async () => {
    try {
      // Drain what is due before sleeping again.
      await drainDue(db, deps, senders, options, () => stopped);
      if (!stopped && Date.now() - lastSweep >= 60_000) {
        lastSweep = Date.now();
        await expireSweep(db, deps);
        await pruneConnectionChanges(db, deps.clock.now());
        await cleanupUnsentAttachments(db, deps, blobs);
        await pruneEvents(db, iso(addMs(deps.clock.now(), -deps.config.eventRetentionMs)));
      }
      if (!stopped && Date.now() - lastStatistics >= STATISTICS_EVERY_MS) {
        lastStatistics = Date.now();
        await refreshStatistics(db, deps.dialect);
      }
    } catch (error) {
      log('delivery pass failed', error);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), deps.config.workerPollIntervalMs);
  };
  running = tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      senders.close();
    },
  };
}
