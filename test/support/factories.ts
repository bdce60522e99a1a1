/**
 * Rows made straight in the database for tests and benchmarks, with every column defaulted and any
 * of them overridden. `makeMember` (in harness.ts) and `makeInvitation` take the same context.
 */
import type { Config } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import type { InvitationRow, NewInvitation } from '../../src/db/schema.js';
import type { Clock } from '../../src/shared/clock.js';
import { newId } from '../../src/shared/crypto.js';

/** What the factories write to and by: a test harness, or a test database with a clock and a configuration. */
export interface FactoryContext {
  database: { db: Db };
  clock: Clock;
  config: Pick<Config, 'initialBalance' | 'invitationTtlMs'>;
}

/** The columns an invitation row cannot do without: who sent it, and when it was sent and expires. */
export type InvitationOverrides = Partial<NewInvitation> & Pick<NewInvitation, 'sender_id' | 'created_at' | 'expires_at'>;

/**
 * Every column of an invitation: pending, by e-mail to an address of its own, unless `overrides` say
 * otherwise. The recipient key, the member pair and the delivery state follow from the channel and
 * recipient given, as sending writes them, unless they are overridden too.
 */
export function invitationRow(overrides: InvitationOverrides): Required<NewInvitation> {
  const id = overrides.id ?? newId();
  const channel = overrides.channel ?? 'email';
  const member = overrides.recipient_member_id ?? null;
  const email = overrides.recipient_email !== undefined ? overrides.recipient_email : channel === 'email' ? `invitee.${id.toLowerCase()}@example.test` : null;
  const phone = overrides.recipient_phone ?? null;
  const sender = overrides.sender_id;
  return {
    id,
    channel,
    recipient_member_id: member,
    recipient_email: email,
    recipient_phone: phone,
    recipient_key: channel === 'member' ? `m:${member}` : channel === 'email' ? `e:${email}` : `p:${phone}`,
    pair_key: channel === 'member' && member !== null ? (sender < member ? `${sender}|${member}` : `${member}|${sender}`) : null,
    message: null,
    status: 'pending',
    ignore_reason: null,
    responded_at: null,
    withdrawn_at: null,
    withdrawn_by: null,
    withdraw_path: null,
    delivery: channel === 'member' ? 'none' : 'queued',
    sender_read: 1,
    recipient_read: 0,
    replied_at: null,
    ...overrides,
  };
}

/** Stores one invitation (see `invitationRow`), sent now by `h`'s clock unless overridden. */
export async function makeInvitation(h: FactoryContext, overrides: Partial<NewInvitation> & Pick<NewInvitation, 'sender_id'>): Promise<InvitationRow> {
  const sent = h.clock.now();
  const row = invitationRow({
    created_at: sent.toISOString(),
    expires_at: new Date(sent.getTime() + h.config.invitationTtlMs).toISOString(),
    ...overrides,
  });
  return h.database.db.insertInto('invitations').values(row).returningAll().executeTakeFirstOrThrow();
}
