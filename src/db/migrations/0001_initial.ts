/** The first schema: members, credentials, invitations and their links, connections, opt-outs, flags, audit, support, idempotency, the outbox, the dev mailbox and rate limits. */
import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .defaultTo('member')
        .check(sql`role in ('member', 'support', 'admin')`),
    )
    .addColumn('invitation_balance', 'integer', (c) => c.notNull().check(sql`invitation_balance >= 0`))
    .addColumn('restricted_at', 'text')
    .addColumn('findable_by_email', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_phone').on('members').column('phone').execute();

  await db.schema
    .createTable('auth_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('session', 'bearer')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_tokens_member').on('auth_tokens').column('member_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sender_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('member', 'email', 'sms')`))
    .addColumn('recipient_member_id', 'text', (c) => c.references('members.id'))
    .addColumn('recipient_email', 'text')
    .addColumn('recipient_phone', 'text')
    .addColumn('recipient_key', 'text', (c) => c.notNull())
    .addColumn('pair_key', 'text')
    .addColumn('message', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'ignored', 'withdrawn', 'expired')`))
    .addColumn('ignore_reason', 'text', (c) => c.check(sql`ignore_reason in ('ignore', 'dont_know', 'spam')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdraw_path', 'text')
    .addColumn('delivery', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`delivery in ('none', 'queued', 'sent', 'failed', 'bounced')`),
    )
    .addColumn('sender_read', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('recipient_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint(
      'invitations_one_recipient',
      sql`(channel = 'member' and recipient_member_id is not null)
          or (channel = 'email' and recipient_email is not null)
          or (channel = 'sms' and recipient_phone is not null)`,
    )
    .execute();
  // The rules that must hold across any number of processes live here, in the database.
  await db.schema
    .createIndex('invitations_one_pending_per_pair')
    .on('invitations')
    .column('pair_key')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('invitations_one_open_per_recipient')
    .on('invitations')
    .columns(['sender_id', 'recipient_key'])
    .unique()
    .where(sql<boolean>`status in ('pending', 'ignored')`)
    .execute();
  await db.schema.createIndex('invitations_sent').on('invitations').columns(['sender_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('invitations_sender_recent').on('invitations').columns(['sender_id', 'created_at']).execute();
  await db.schema.createIndex('invitations_by_recipient_key').on('invitations').columns(['sender_id', 'recipient_key', 'withdrawn_at']).execute();
  await db.schema.createIndex('invitations_received').on('invitations').columns(['recipient_member_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('invitations_expiry').on('invitations').columns(['status', 'expires_at']).execute();

  // Each delivered message carries its own single-use link; only the hash is kept.
  await db.schema
    .createTable('invitation_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('invitation_id', 'text', (c) => c.notNull().references('invitations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invitation_links_invitation').on('invitation_links').column('invitation_id').execute();

  await db.schema
    .createTable('connections')
    .addColumn('member_a', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('member_b', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('invitation_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('connections_pk', ['member_a', 'member_b'])
    // Ids are ordered by code unit, as JavaScript orders them, whatever the database's collation.
    .addCheckConstraint('connections_ordered', pg ? sql`member_a < member_b collate "C"` : sql`member_a < member_b`)
    .execute();
  await db.schema.createIndex('connections_b').on('connections').columns(['member_b', 'member_a']).execute();

  await db.schema
    .createTable('opt_outs')
    .addColumn('recipient_key', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feature_flags')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('rollout_percent', 'integer', (c) => c.notNull().check(sql`rollout_percent between 0 and 100`))
    .addColumn('allow_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deny_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_member_id', 'text')
    .addColumn('invitation_id', 'text')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_member_id', 'id']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();
  await db.schema.createIndex('audit_log_invitation').on('audit_log').column('invitation_id').execute();

  await db.schema
    .createTable('support_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'done')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('result', 'text')
    .execute();
  await db.schema.createIndex('support_requests_queue').on('support_requests').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('support_requests_member').on('support_requests').columns(['member_id', 'created_at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['member_id', 'key'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('invitation_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('outbox_invitation').on('outbox').column('invitation_id').execute();

  await db.schema
    .createTable('dev_mailbox')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();
}
