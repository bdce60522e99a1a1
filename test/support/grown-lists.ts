/**
 * A database that grew after it was opened: a heavy sender and a light one, alike in everything
 * but the number of their open invitations, and a busy recipient and a quiet one, alike in
 * everything but the number of pending invitations they received. Rows are written straight into
 * the tables in large statements, as a busy service writes them between two analyses, and the
 * statistics are never gathered.
 */
import { sql } from 'kysely';
import type { Channel, InvitationStatus, NewInvitation } from '../../src/db/schema.js';
import { invitationRow } from './factories.js';
import { DAY, type Harness, makeMember, type TestMember } from './harness.js';

export interface GrownSizes {
  heavyOpen: number;
  lightOpen: number;
  busyReceived: number;
  quietReceived: number;
}

export interface GrownLists {
  heavy: TestMember;
  light: TestMember;
  busy: TestMember;
  quiet: TestMember;
  rows: NewInvitation[];
  /** Names of the members the rows name as recipients or senders, by id. */
  names: Map<string, string>;
}

const TTL = 180 * DAY;
/** Closed invitations of each sender and of each recipient, the same for both of a pair. */
const CLOSED = 200;
/** Open invitations past their expiry that no sweep has marked yet, per sender. */
const DUE = 3;

/** Ids that sort the same in every collation: lowercase letters and digits of one length. */
const idOf = (n: number) => `i${n.toString(36).padStart(8, '0')}`;

export async function growLists(h: Harness, sizes: GrownSizes): Promise<GrownLists> {
  const db = h.database.db;
  if (h.database.dialect === 'postgres') {
    // No autovacuum run may analyse the tables while the test reads them.
    await sql`alter table invitations set (autovacuum_enabled = false)`.execute(db);
    await sql`alter table members set (autovacuum_enabled = false)`.execute(db);
  }
  const heavy = await makeMember(h, { name: 'Heavy Sender' });
  const light = await makeMember(h, { name: 'Light Sender' });
  const busy = await makeMember(h, { name: 'Busy Recipient' });
  const quiet = await makeMember(h, { name: 'Quiet Recipient' });
  const names = new Map([heavy, light, busy, quiet].map((m) => [m.id, m.member.name]));

  // Members who receive the senders' member invitations and send the recipients theirs.
  const helpers = Math.max(sizes.heavyOpen, sizes.lightOpen, sizes.busyReceived + CLOSED, sizes.quietReceived + CLOSED) + CLOSED;
  const helperId = (i: number) => `m${i.toString(36).padStart(7, '0')}`;
  const now = h.clock.now().getTime();
  const helperRows = Array.from({ length: helpers }, (_, i) => ({
    id: helperId(i),
    email: `${helperId(i)}@helpers.test`,
    name: `Helper ${['Ada', 'Grace', 'Linus', 'Barbara'][i % 4]} ${i}`,
    headline: '',
    phone: null,
    password_hash: 'unused',
    role: 'member' as const,
    invitation_balance: 0,
    restricted_at: null,
    findable_by_email: 1,
    created_at: new Date(now - 400 * DAY).toISOString(),
  }));
  for (const helper of helperRows) names.set(helper.id, helper.name);

  let n = 0;
  const row = (sender: string, status: InvitationStatus, channel: Channel, recipient: string, created: number, ttl = TTL): NewInvitation => {
    n += 1;
    return invitationRow({
      id: idOf(n),
      sender_id: sender,
      channel,
      recipient_member_id: channel === 'member' ? recipient : null,
      recipient_email: channel === 'email' ? recipient : null,
      recipient_phone: channel === 'sms' ? recipient : null,
      status,
      ignore_reason: status === 'ignored' ? 'ignore' : null,
      created_at: new Date(created).toISOString(),
      expires_at: new Date(created + ttl).toISOString(),
      delivery: channel === 'member' ? 'none' : 'sent',
    });
  };
  // Spread over 150 days at minute precision, with some rows sharing a time (the id orders those).
  const openedAt = (k: number) => now - DAY - ((k * 7_919) % (150 * 1_440)) * 60_000;
  const channelOf = (k: number): Channel => (k % 10 < 5 ? 'email' : k % 10 < 8 ? 'sms' : 'member');
  const rows: NewInvitation[] = [];

  const sent = (sender: TestMember, open: number, tag: string) => {
    let previous = 0;
    for (let k = 0; k < open; k++) {
      const channel = channelOf(k);
      const at = k % 97 === 1 ? previous : openedAt(k);
      previous = at;
      const to =
        channel === 'member'
          ? helperId(k)
          : channel === 'email'
            ? `${tag}${k}@${k % 3 === 0 ? 'north' : 'south'}.example`
            : `+1555${tag.length}${String(k).padStart(7, '0')}`;
      rows.push(row(sender.id, channel === 'member' && k % 20 === 8 ? 'ignored' : 'pending', channel, to, at));
    }
    for (let k = 0; k < 3 * CLOSED; k++) {
      const status = (['accepted', 'withdrawn', 'expired'] as const)[k % 3]!;
      const channel = status === 'accepted' ? 'member' : channelOf(k);
      const to =
        channel === 'member' ? helperId(k) : channel === 'email' ? `${tag}-closed${k}@north.example` : `+1666${tag.length}${String(k).padStart(7, '0')}`;
      rows.push(row(sender.id, status, channel, to, now - DAY - ((k * 337) % (300 * 1_440)) * 60_000));
    }
    for (let k = 0; k < DUE; k++) rows.push(row(sender.id, 'pending', 'email', `${tag}-due${k}@north.example`, now - 200 * DAY - k * 60_000));
  };
  sent(heavy, sizes.heavyOpen, 'heavy');
  sent(light, sizes.lightOpen, 'light');

  const received = (recipient: TestMember, pending: number) => {
    for (let k = 0; k < pending; k++) rows.push(row(helperId(k), 'pending', 'member', recipient.id, openedAt(k)));
    for (let k = 0; k < 4 * CLOSED; k++) {
      const status = (['accepted', 'expired', 'ignored', 'withdrawn'] as const)[k % 4]!;
      const inv = row(helperId(pending + k), status, 'member', recipient.id, now - DAY - ((k * 337) % (300 * 1_440)) * 60_000);
      // Half the expired ones had been ignored: archived, so not in the Received folder.
      if (status === 'expired' && k % 8 === 1) inv.ignore_reason = 'ignore';
      rows.push(inv);
    }
  };
  received(busy, sizes.busyReceived);
  received(quiet, sizes.quietReceived);

  for (let i = 0; i < helperRows.length; i += 500)
    await db
      .insertInto('members')
      .values(helperRows.slice(i, i + 500))
      .execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('invitations')
      .values(rows.slice(i, i + 500))
      .execute();
  return { heavy, light, busy, quiet, rows, names };
}
