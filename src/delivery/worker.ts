/**
 * The delivery worker: claims due outbox rows, re-checks that each message is still wanted, and
 * delivers it. Any number of workers may run: a claim is a guarded update (SKIP LOCKED on
 * PostgreSQL), and a row whose worker died is claimed again once its lease has passed.
 */
import type { Deps } from '../context.js';
import type { Db, Trx } from '../db/database.js';
import type { OutboxRow } from '../db/schema.js';
import { expireSweep } from '../invitations/expire.js';
import { addMs, iso } from '../shared/clock.js';
import { newToken, sha256 } from '../shared/crypto.js';
import { renderAcceptedNotice, renderInvitationEmail, renderInvitationSms, renderSupportDone, type Rendered } from './templates.js';

export const LEASE_MS = 60_000;

/** Where messages go. Without SMTP or an SMS gateway configured, to the dev mailbox. */
export interface Transport {
  deliver(trx: Trx, row: OutboxRow, message: Rendered): Promise<void>;
}

export const devMailboxTransport: Transport = {
  async deliver(trx, row, message) {
    await trx
      .insertInto('dev_mailbox')
      .values({
        outbox_id: row.id,
        channel: row.channel,
        to_address: row.recipient,
        subject: message.subject,
        text: message.text,
        links: JSON.stringify(message.links),
        sent_at: iso(new Date()),
      })
      .execute();
  },
};

/** Claims up to `limit` due messages for this worker. */
export async function claimDue(db: Db, deps: Deps, limit: number): Promise<OutboxRow[]> {
  const now = deps.clock.now();
  const nowIso = iso(now);
  const lease = iso(addMs(now, LEASE_MS));
  const due = db
    .selectFrom('outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('due_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', nowIso)]),
      ]),
    )
    .orderBy('due_at')
    .limit(limit);
  const candidates = deps.dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
  return db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', lease_until: lease, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', candidates)
    .where('status', 'in', ['queued', 'sending'])
    .returningAll()
    .execute();
}

async function render(trx: Trx, deps: Deps, row: OutboxRow): Promise<Rendered | null> {
  const base = deps.config.publicUrl;
  const payload = JSON.parse(row.payload) as { reminder?: number; withdrawn?: number };
  if (row.kind === 'support_request_done') return renderSupportDone(payload.withdrawn ?? 0, `${base}/invitations/sent`);
  if (!row.invitation_id) return null;
  let query = trx
    .selectFrom('invitations')
    .innerJoin('members as sender', 'sender.id', 'invitations.sender_id')
    .leftJoin('members as recipient', 'recipient.id', 'invitations.recipient_member_id')
    .select(['invitations.id', 'invitations.status', 'invitations.expires_at', 'invitations.message', 'invitations.recipient_member_id', 'sender.name as sender_name', 'recipient.name as recipient_name'])
    .where('invitations.id', '=', row.invitation_id);
  // Holding the row while the message goes out means a withdrawal commits either before
  // (and the message is dropped) or after it was delivered, never in between.
  if (deps.dialect === 'postgres') query = query.forShare();
  const inv = await query.executeTakeFirst();
  if (!inv) return null;
  const now = iso(deps.clock.now());
  if (row.kind === 'invitation_accepted') {
    return renderAcceptedNotice(inv.recipient_name ?? 'Your contact', `${base}/members/${inv.recipient_member_id ?? ''}`);
  }
  if (inv.status !== 'pending' || inv.expires_at <= now) return null;
  if (row.channel !== 'email' && row.channel !== 'sms') return null;
  const optedOut = await trx
    .selectFrom('opt_outs')
    .select('recipient_key')
    .where('recipient_key', '=', `${row.channel === 'email' ? 'e' : 'p'}:${row.recipient}`)
    .executeTakeFirst();
  if (optedOut) return null;
  // Each message carries a link of its own; only its hash is kept.
  const token = newToken();
  await trx.insertInto('invitation_links').values({ token_hash: sha256(token), invitation_id: inv.id, created_at: now }).execute();
  const context = { senderName: inv.sender_name, message: inv.message, acceptUrl: `${base}/i/${token}`, reminder: payload.reminder };
  return row.channel === 'sms' ? renderInvitationSms(context) : renderInvitationEmail(context);
}

/** Sends one claimed message, or marks it suppressed when it is no longer wanted. */
export async function deliverOne(db: Db, deps: Deps, transport: Transport, row: OutboxRow): Promise<'sent' | 'suppressed'> {
  return db.transaction().execute(async (trx) => {
    const message = await render(trx, deps, row);
    const now = iso(deps.clock.now());
    if (!message) {
      await trx.updateTable('outbox').set({ status: 'suppressed', lease_until: null }).where('id', '=', row.id).where('status', '=', 'sending').execute();
      return 'suppressed' as const;
    }
    await transport.deliver(trx, row, message);
    await trx.updateTable('outbox').set({ status: 'sent', sent_at: now, lease_until: null }).where('id', '=', row.id).execute();
    if (row.kind === 'invitation' && row.invitation_id) {
      await trx.updateTable('invitations').set({ delivery: 'sent' }).where('id', '=', row.invitation_id).where('delivery', '=', 'queued').execute();
    }
    return 'sent' as const;
  });
}

/** One pass: claims what is due and delivers it. Returns how many rows it handled. */
export async function runWorkerOnce(db: Db, deps: Deps, transport: Transport = devMailboxTransport, batch = 50): Promise<number> {
  const rows = await claimDue(db, deps, batch);
  for (const row of rows) await deliverOne(db, deps, transport, row);
  return rows.length;
}

/** Runs passes every poll interval until stopped. */
export function startWorker(db: Db, deps: Deps, log: (msg: string, err?: unknown) => void, transport: Transport = devMailboxTransport) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      // Drain what is due before sleeping again.
      while (!stopped && (await runWorkerOnce(db, deps, transport)) > 0);
      if (!stopped) await expireSweep(db, deps);
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
    },
  };
}
