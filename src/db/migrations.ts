/** The schema, one migration per change, shared by SQLite and PostgreSQL. */
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import * as messaging from './migrations/0013_messaging.js';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

const initial: Migration = {
  async up(db: Kysely<any>) {
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
  },
};

const delivery: Migration = {
  async up(db: Kysely<any>) {
    // The opt-out link of each message; only its hash is kept. It names the address, not a person.
    await db.schema
      .createTable('opt_out_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('recipient_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // Addresses that bounced permanently: nothing more is sent to them.
    await db.schema
      .createTable('suppressions')
      .addColumn('recipient_key', 'text', (c) => c.primaryKey())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('outbox_recipient').on('outbox').columns(['recipient', 'status']).execute();
  },
};

const people: Migration = {
  async up(db: Kysely<any>) {
    // "Not now" on a suggestion: stored, and reversible.
    await db.schema
      .createTable('suggestion_dismissals')
      .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
      .addColumn('dismissed_id', 'text', (c) => c.notNull().references('members.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('suggestion_dismissals_pk', ['member_id', 'dismissed_id'])
      .execute();
    // Reports against a sender, found by recipient when excluding them from the sender's suggestions.
    await db.schema.createIndex('invitations_reports').on('invitations').columns(['sender_id', 'ignore_reason']).execute();
  },
};

const peopleDomain: Migration = {
  async up(db: Kysely<any>) {
    // Colleagues (same e-mail domain) are looked up by this expression, the one the query uses.
    const domain = isPostgres(db) ? sql`(substr(email, strpos(email, '@') + 1))` : sql`substr(email, instr(email, '@') + 1)`;
    await sql`create index members_email_domain on members (${domain})`.execute(db);
  },
};

const memberEmails: Migration = {
  async up(db: Kysely<any>) {
    // A member's addresses besides the primary one. Anyone may claim an address; only verifying it
    // makes it theirs, so an unverified claim never stands in the way of the address's owner.
    await db.schema
      .createTable('member_emails')
      .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('verified_at', 'text')
      // The hash of the address's latest verification link, and when that link stops working.
      .addColumn('token_hash', 'text')
      .addColumn('token_expires_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('member_emails_pk', ['member_id', 'email'])
      .execute();
    // A verified address belongs to one member; contacts import and e-mail invitations look addresses up by it.
    await db.schema
      .createIndex('member_emails_verified')
      .on('member_emails')
      .column('email')
      .unique()
      .where(sql<boolean>`verified_at is not null`)
      .execute();
    await db.schema.createIndex('member_emails_token').on('member_emails').column('token_hash').unique().execute();
  },
};

const suggestionCache: Migration = {
  async up(db: Kysely<any>) {
    const pg = isPostgres(db);
    // Every connection made or removed, in commit order. A cached ranking is good as long as no change
    // since it was computed touches the member or one of their connections.
    let changes = db.schema
      .createTable('connection_changes')
      .addColumn('seq', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('member_a', 'text', (c) => c.notNull())
      .addColumn('member_b', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'text', (c) => c.notNull());
    // On PostgreSQL, sequence numbers are not committed in order; the writing transaction's id, checked
    // against the snapshot a ranking was computed in, says exactly which changes that ranking saw.
    if (pg) changes = changes.addColumn('xid', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`));
    await changes.execute();
    if (pg) await db.schema.createIndex('connection_changes_xid').on('connection_changes').column('xid').execute();
    await db.schema.createIndex('connection_changes_at').on('connection_changes').column('changed_at').execute();
    // A member's ranking: every candidate with at least `threshold` mutual connections.
    await db.schema
      .createTable('suggestion_cache_state')
      .addColumn('member_id', 'text', (c) => c.primaryKey().references('members.id').onDelete('cascade'))
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addColumn('watermark', 'text', (c) => c.notNull())
      .addColumn('threshold', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('suggestion_cache')
      .addColumn('member_id', 'text', (c) => c.notNull().references('suggestion_cache_state.member_id').onDelete('cascade'))
      .addColumn('candidate_id', 'text', (c) => c.notNull())
      .addColumn('mutual', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('suggestion_cache_pk', ['member_id', 'mutual', 'candidate_id'])
      .execute();
  },
};

const memberSearch: Migration = {
  async up(db: Kysely<any>) {
    // Support's member lookup by name reads this index in order: a name prefix is one range of it.
    // PostgreSQL's "C" collation orders by code point, as SQLite does, so the range is exactly the
    // names with that prefix whatever the database's locale.
    const key = isPostgres(db) ? sql`(lower(name) collate "C")` : sql`lower(name)`;
    await sql`create index members_name_search on members (${key}, id)`.execute(db);
  },
};

const outboxByInvitation: Migration = {
  async up(db: Kysely<any>) {
    // Withdrawing or accepting cancels an invitation's queued messages: \`invitation_id IN (…) AND
    // status IN (…)\`. With only \`invitation_id\` indexed, a planner without fresh statistics (a
    // database that grew since it was opened, or not yet analysed) took \`outbox_due\` for the status
    // and read every queued message; an index on both columns is the better match on any statistics.
    await db.schema.createIndex('outbox_invitation_status').on('outbox').columns(['invitation_id', 'status']).execute();
    await db.schema.dropIndex('outbox_invitation').execute();
  },
};

const openInvitationOrder: Migration = {
  async up(db: Kysely<any>) {
    // Lists of invitations are read newest first, (created_at, id), a page at a time, each from
    // ranges of indexes that hold its rows in that order once their equality columns are fixed, so
    // a page reads its own rows and stops whatever the member's other rows (the stores name the
    // indexes on SQLite). An open invitation, pending or ignored, is pending to its sender, and no
    // (sender_id, status, created_at) index orders the two statuses together; these partial indexes
    // hold only open invitations, and lose their entry when one is withdrawn.
    const open = sql<boolean>`status in ('pending', 'ignored')`;
    const index = (name: string, columns: string[]) => db.schema.createIndex(name).on('invitations').columns(columns).where(open);
    await index('invitations_open_by_sender', ['sender_id', 'created_at', 'id', 'expires_at']).execute();
    await index('invitations_open_by_sender_channel', ['sender_id', 'channel', 'created_at', 'id', 'expires_at']).execute();
  },
};

const credentials: Migration = {
  async up(db: Kysely<any>) {
    // Bearer tokens get an id a member can name them by (the secret's hash must never leave the
    // server), an optional name, and when they were last used. Rows written without an id (by an older
    // release still running during a deploy, or a bulk loader) get a random one from the default.
    if (isPostgres(db)) {
      await sql`alter table auth_tokens add column id text not null default gen_random_uuid()::text`.execute(db);
      await db.schema.alterTable('auth_tokens').addColumn('name', 'text').execute();
      await db.schema.alterTable('auth_tokens').addColumn('last_used_at', 'text').execute();
      await db.schema.dropIndex('auth_tokens_member').execute();
    } else {
      // SQLite adds no column with an expression default: the table is rebuilt, as its documentation
      // describes (https://sqlite.org/lang_altertable.html#otheralter), in one transaction.
      await db.transaction().execute(async (trx) => {
        await sql`create table auth_tokens_next (
          token_hash text primary key,
          id text not null default (lower(hex(randomblob(16)))),
          member_id text not null references members (id) on delete cascade,
          kind text not null check (kind in ('session', 'bearer')),
          name text,
          created_at text not null,
          expires_at text not null,
          last_used_at text
        )`.execute(trx);
        await sql`insert into auth_tokens_next (token_hash, member_id, kind, created_at, expires_at)
          select token_hash, member_id, kind, created_at, expires_at from auth_tokens`.execute(trx);
        await sql`drop table auth_tokens`.execute(trx);
        await sql`alter table auth_tokens_next rename to auth_tokens`.execute(trx);
      });
    }
    await db.schema.createIndex('auth_tokens_id').on('auth_tokens').column('id').unique().execute();
    // A member's tokens newest first (the list), and all of a member's credentials (revoking them).
    await db.schema.createIndex('auth_tokens_member_list').on('auth_tokens').columns(['member_id', 'kind', 'created_at', 'id']).execute();
    // Set while an admin has suspended the member: none of their credentials works, none is issued.
    await db.schema.alterTable('members').addColumn('suspended_at', 'text').execute();
  },
};

const loginDevices: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('login_devices')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('login_devices_member').on('login_devices').columns(['member_id', 'created_at']).execute();
  },
};

const addressOwnership: Migration = {
  async up(db: Kysely<any>) {
    const pg = isPostgres(db);
    // A primary address is the member's once they open the link mailed to it, as an added one is.
    // Accounts that existed before are taken as verified: they have been receiving mail there.
    await db.schema.alterTable('members').addColumn('email_verified_at', 'text').execute();
    await db.schema.alterTable('members').addColumn('email_token_hash', 'text').execute();
    await db.schema.alterTable('members').addColumn('email_token_expires_at', 'text').execute();
    await db.schema
      .alterTable('members')
      .addColumn('invitations_from', 'text', (c) =>
        c
          .notNull()
          .defaultTo('anyone')
          .check(sql`invitations_from in ('anyone', 'email_known', 'nobody')`),
      )
      .execute();
    await sql`update members set email_verified_at = created_at`.execute(db);

    // Until it is verified, an address claimed at sign-up must not stop its owner from signing up
    // with it too: only a verified primary address is unique.
    if (pg) await sql`alter table members drop constraint members_email_key`.execute(db);
    else await dropSqliteEmailUniqueness(db);
    await db.schema.createIndex('members_email').on('members').column('email').execute();
    await db.schema.createIndex('members_email_verified').on('members').column('email').unique().where(sql.ref('email_verified_at'), 'is not', null).execute();
    await db.schema.createIndex('members_email_token').on('members').column('email_token_hash').unique().execute();
  },
};

/**
 * SQLite cannot drop a column's UNIQUE constraint: the table is rebuilt without it, as its
 * documentation describes (https://sqlite.org/lang_altertable.html#otheralter), from its own
 * definition so that every column and index it has is kept.
 */
async function dropSqliteEmailUniqueness(db: Kysely<any>): Promise<void> {
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'members'`.execute(db);
  const definition = table.rows[0]?.sql ?? '';
  const rebuilt = definition
    .replace('"email" text not null unique', '"email" text not null')
    .replace(/^CREATE TABLE "members"/, 'CREATE TABLE "members_rebuilt"');
  if (rebuilt === definition || !rebuilt.startsWith('CREATE TABLE "members_rebuilt"'))
    throw new Error('members: unexpected table definition, cannot drop the e-mail uniqueness');
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'members' and sql is not null`.execute(db);
  // Foreign keys cannot be switched off inside a transaction, and must be off while the table is replaced.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(rebuilt).execute(trx);
      await sql`insert into members_rebuilt select * from members`.execute(trx);
      await sql`drop table members`.execute(trx);
      await sql`alter table members_rebuilt rename to members`.execute(trx);
      for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error('members: the rebuilt table breaks a foreign key');
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** Migrations in order; names sort in the order they must run. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return {
      '2026_11_26_0001_initial': initial,
      '2026_11_26_0002_delivery': delivery,
      '2026_11_26_0003_people': people,
      '2026_11_26_0004_people_domain': peopleDomain,
      '2026_11_26_0005_member_emails': memberEmails,
      '2026_11_26_0006_suggestion_cache': suggestionCache,
      '2026_11_26_0007_member_search': memberSearch,
      '2026_11_26_0008_outbox_by_invitation': outboxByInvitation,
      '2026_12_01_0009_open_invitation_order': openInvitationOrder,
      '2026_12_01_0010_credentials': credentials,
      '2026_12_01_0011_address_ownership': addressOwnership,
      '2026_12_01_0012_login_devices': loginDevices,
      '2026_12_01_0013_messaging': messaging,
    };
  },
};
