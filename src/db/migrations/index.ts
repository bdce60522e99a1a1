/** The schema, one migration per change, shared by SQLite and PostgreSQL; each file holds one. */
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001_initial.js';
import * as delivery from './0002_delivery.js';
import * as people from './0003_people.js';
import * as peopleDomain from './0004_people_domain.js';
import * as memberEmails from './0005_member_emails.js';
import * as suggestionCache from './0006_suggestion_cache.js';
import * as memberSearch from './0007_member_search.js';
import * as outboxByInvitation from './0008_outbox_by_invitation.js';
import * as openInvitationOrder from './0009_open_invitation_order.js';
import * as credentials from './0010_credentials.js';
import * as addressOwnership from './0011_address_ownership.js';
import * as loginDevices from './0012_login_devices.js';
import * as messaging from './0013_messaging.js';
import * as blocksAndReplies from './0014_blocks_and_replies.js';
import * as attachments from './0015_attachments.js';
import * as eventsAndMessageEmails from './0016_events_and_message_emails.js';
import * as inboxMessages from './0017_inbox_messages.js';

/**
 * Migrations in order; names sort in the order they must run. They are the names recorded in each
 * database's migration table: never rename one.
 */
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
      '2026_12_01_0014_blocks_and_replies': blocksAndReplies,
      '2026_12_01_0015_attachments': attachments,
      '2026_12_01_0016_events_and_message_emails': eventsAndMessageEmails,
      '2026_12_01_0017_inbox_messages': inboxMessages,
    } satisfies Record<string, Migration>;
  },
};
