/**
 * The benchmark's network, defined as pure functions of an index so that the generator, the load
 * driver and both servers agree on ids and tokens without storing them anywhere else.
 *
 * 10,000 senders send 1,000,000 invitations: 150 heavy senders (recruiters) 4,000 each, mostly
 * recent, the others 10 to 71 each. Recipients are 40,000 members who send nothing, e-mail addresses and phone numbers.
 * 10,000 newcomers have received nothing yet: the send benchmark invites them.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Channel, InvitationStatus, MemberTable, NewInvitation, OutboxTable } from '../src/db/schema.js';
import { FIRST_NAMES, LAST_NAMES, localPartOf } from '../src/shared/names.js';
import { seededRandom } from '../src/shared/random.js';

export const DATASET_VERSION = 4;
export const SENDERS = 10_000;
export const HEAVY_SENDERS = 150;
export const HEAVY_INVITATIONS = 4_000;
export const RECIPIENTS = 40_000;
export const NEWCOMERS = 10_000;
export const INVITATIONS = 1_000_000;
export const BALANCE = 1_000_000_000;

const DAY = 86_400_000;
export const TTL_MS = 180 * DAY;
/** Open invitations are at most this old, so they stay open for a month after generation. */
export const YOUNG_MAX_MS = 150 * DAY;
/** A cached dataset older than this is generated again (its open invitations would start to expire). */
export const MAX_DATASET_AGE_MS = 25 * DAY;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A 22-character id shaped like `newId()`, stable for a given label. */
function stableId(label: string): string {
  return digest(label).subarray(0, 16).toString('base64url');
}

export const senderId = (i: number) => stableId(`sender:${i}`);
export const recipientId = (i: number) => stableId(`recipient:${i}`);
export const newcomerId = (i: number) => stableId(`newcomer:${i}`);
export const invitationId = (g: number) => stableId(`invitation:${g}`);

/** The bearer token of sender `i`; only its SHA-256 is stored, as Rapport does. */
export const senderToken = (i: number) => `rpt_${digest(`bench-token:${i}`).toString('base64url')}`;
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

const HEADLINES = [
  'Software Engineer at Northwind',
  'Recruiter at Contoso',
  'Product Manager at Initech',
  'Designer at Globex',
  'Data Scientist at Hooli',
  'Founder, Pied Piper',
  'Engineering Manager at Acme Robotics',
  'Sales Lead at Vandelay Imports',
];
const DOMAINS = ['mail.example', 'inbox.example', 'corp.example', 'post.example'];
const NOTES = [
  'Hi! We met at the conference last week; happy to stay in touch.',
  "I'd like to add you to my professional network.",
  'We are hiring for a role that fits your profile; let us connect.',
];

/** The columns of a member the generator writes; the others take the schema's defaults. */
export type MemberSeed = Pick<Insertable<MemberTable>, 'id' | 'email' | 'name' | 'headline' | 'created_at'>;

/** Members in order: senders, then recipients, then newcomers. */
export function memberSeed(kind: 'sender' | 'recipient' | 'newcomer', i: number, now: number): MemberSeed {
  const id = kind === 'sender' ? senderId(i) : kind === 'recipient' ? recipientId(i) : newcomerId(i);
  const salt = kind === 'sender' ? 0 : kind === 'recipient' ? 7 : 13;
  const first = FIRST_NAMES[(i + salt) % FIRST_NAMES.length]!;
  const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length + salt) % LAST_NAMES.length]!;
  const joined = kind === 'newcomer' ? now - (1 + (i % 20)) * DAY : now - (800 + (i % 400)) * DAY;
  return {
    id,
    email: `${localPartOf(first, last)}.${kind[0]}${i}@${DOMAINS[i % DOMAINS.length]}`,
    name: `${first} ${last}`,
    headline: HEADLINES[(i + salt) % HEADLINES.length]!,
    created_at: new Date(joined).toISOString(),
  };
}

/** How many invitations sender `i` has sent: heavy senders 4,000, the others 10 to 71 (mean 40.6). */
export function invitationCount(i: number): number {
  if (i < HEAVY_SENDERS) return HEAVY_INVITATIONS;
  const regular = SENDERS - HEAVY_SENDERS;
  const total = INVITATIONS - HEAVY_SENDERS * HEAVY_INVITATIONS;
  const base = Math.floor(total / regular);
  const extra = i - HEAVY_SENDERS < total - base * regular ? 1 : 0;
  // Pairs of senders swing by the same amount in opposite directions, so the total stays exact.
  const pair = Math.floor((i - HEAVY_SENDERS) / 2);
  const swing = (mix32(pair) % 61) - 30;
  return base + extra + ((i - HEAVY_SENDERS) % 2 === 0 ? swing : -swing);
}

function mix32(n: number): number {
  let t = (n + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** Every column of an invitation, as the generator writes them (by position, so none may be missing). */
export type InvitationSeed = Required<NewInvitation>;

export const INVITATION_COLUMNS = [
  'id',
  'sender_id',
  'channel',
  'recipient_member_id',
  'recipient_email',
  'recipient_phone',
  'recipient_key',
  'pair_key',
  'message',
  'status',
  'ignore_reason',
  'created_at',
  'expires_at',
  'responded_at',
  'withdrawn_at',
  'withdrawn_by',
  'withdraw_path',
  'delivery',
  'sender_read',
  'recipient_read',
  'replied_at',
] as const satisfies readonly (keyof InvitationSeed)[];

const PATHS = ['web', 'web', 'api', 'inbox', 'bulk'] as const;

/**
 * The `k`-th invitation of sender `i` (global number `g`). Recipients: 70% members (each sender
 * invites a member at most once), 22% e-mail addresses, 8% phone numbers. Heavy senders' invitations
 * are more recent. Younger than 150 days: pending, accepted, ignored or withdrawn; older: accepted,
 * expired or withdrawn.
 */
export function invitationSeed(i: number, k: number, g: number, now: number): InvitationSeed {
  const rand = seededRandom(g * 2654435761);
  const sender = senderId(i);
  const young = rand() < (i < HEAVY_SENDERS ? 0.9 : 0.55);
  const age = young ? DAY + rand() * (YOUNG_MAX_MS - DAY) : YOUNG_MAX_MS + TTL_MS * 0.2 + rand() * 500 * DAY;
  const created = now - Math.floor(age);
  const c = rand();
  const channel: Channel = c < 0.7 ? 'member' : c < 0.92 ? 'email' : 'sms';
  let recipientMember: string | null = null;
  let email: string | null = null;
  let phone: string | null = null;
  let key: string;
  let pair: string | null = null;
  if (channel === 'member') {
    recipientMember = recipientId((((i * 7919) % RECIPIENTS) + k * 7) % RECIPIENTS);
    key = `m:${recipientMember}`;
    pair = sender < recipientMember ? `${sender}|${recipientMember}` : `${recipientMember}|${sender}`;
  } else if (channel === 'email') {
    email = `contact${g}@${DOMAINS[g % DOMAINS.length]}`;
    key = `e:${email}`;
  } else {
    phone = `+1${2_000_000_000 + g}`;
    key = `p:${phone}`;
  }
  const s = rand();
  let status: InvitationStatus;
  if (young) {
    status = s < 0.55 ? 'pending' : s < 0.8 ? 'accepted' : s < 0.88 ? 'ignored' : 'withdrawn';
    // Only a member can accept or ignore in the app; other recipients have not signed up yet.
    if (channel !== 'member' && (status === 'accepted' || status === 'ignored')) status = 'pending';
  } else {
    status = s < 0.55 ? 'accepted' : s < 0.88 ? 'expired' : 'withdrawn';
    if (channel !== 'member' && status === 'accepted') status = 'expired';
  }
  const respondAfter = Math.min(age * 0.9, rand() * 10 * DAY);
  const withdrawAfter = Math.min(age * 0.9, rand() * 30 * DAY);
  const responded = status === 'accepted' || status === 'ignored' ? new Date(created + respondAfter).toISOString() : null;
  const withdrawn = status === 'withdrawn' ? new Date(created + withdrawAfter).toISOString() : null;
  return {
    id: invitationId(g),
    sender_id: sender,
    channel,
    recipient_member_id: recipientMember,
    recipient_email: email,
    recipient_phone: phone,
    recipient_key: key,
    pair_key: pair,
    message: rand() < 0.3 ? NOTES[g % NOTES.length]! : null,
    status,
    ignore_reason: status === 'ignored' ? (rand() < 0.8 ? 'ignore' : 'dont_know') : null,
    created_at: new Date(created).toISOString(),
    expires_at: new Date(created + TTL_MS).toISOString(),
    responded_at: responded,
    withdrawn_at: withdrawn,
    withdrawn_by: withdrawn ? sender : null,
    withdraw_path: withdrawn ? PATHS[g % PATHS.length]! : null,
    delivery: channel === 'member' ? 'none' : rand() < 0.03 ? 'bounced' : 'sent',
    sender_read: 1,
    recipient_read: status === 'accepted' || status === 'ignored' ? 1 : 0,
    replied_at: null,
  };
}

/**
 * Every invitation, oldest first, as an application inserts them over time: one sender's rows end up
 * scattered over the table's pages, not side by side.
 */
export function* allInvitations(now: number): Generator<InvitationSeed> {
  const sender = new Int32Array(INVITATIONS);
  const nth = new Int32Array(INVITATIONS);
  const created = new Float64Array(INVITATIONS);
  let g = 0;
  for (let i = 0; i < SENDERS; i++) {
    const n = invitationCount(i);
    for (let k = 0; k < n; k++, g++) {
      sender[g] = i;
      nth[g] = k;
      created[g] = Date.parse(invitationSeed(i, k, g, now).created_at);
    }
  }
  const order = Array.from({ length: g }, (_, x) => x).sort((a, b) => created[a]! - created[b]! || a - b);
  for (const x of order) yield invitationSeed(sender[x]!, nth[x]!, x, now);
}

/** Every column of an outbox message the generator writes; it leaves no lease and no error. */
export type OutboxSeed = Omit<Required<Insertable<OutboxTable>>, 'lease_until' | 'last_error'>;

export const OUTBOX_COLUMNS = [
  'id',
  'kind',
  'channel',
  'recipient',
  'invitation_id',
  'payload',
  'status',
  'due_at',
  'attempts',
  'created_at',
  'sent_at',
] as const satisfies readonly (keyof OutboxSeed)[];

/** The messages of an open invitation: the invitation itself (e-mail, SMS) and two reminders, sent or queued. */
export function outboxSeeds(inv: InvitationSeed, recipientEmail: string | null, now: number): OutboxSeed[] {
  if (inv.status !== 'pending' && inv.status !== 'ignored') return [];
  const channel = inv.channel === 'sms' ? 'sms' : 'email';
  const address = inv.recipient_phone ?? inv.recipient_email ?? recipientEmail;
  if (!address) return [];
  const created = Date.parse(inv.created_at);
  const rows: OutboxSeed[] = [];
  const add = (kind: 'invitation' | 'reminder', offset: number, n: number) => {
    const due = created + offset;
    const sent = due <= now;
    rows.push({
      id: stableId(`outbox:${inv.id}:${n}`),
      kind,
      channel,
      recipient: address,
      invitation_id: inv.id,
      payload: JSON.stringify(kind === 'reminder' ? { v: 1, reminder: n } : { v: 1 }),
      status: sent ? 'sent' : 'queued',
      due_at: new Date(due).toISOString(),
      attempts: sent ? 1 : 0,
      created_at: inv.created_at,
      sent_at: sent ? new Date(due + 2_000).toISOString() : null,
    });
  };
  if (inv.channel !== 'member') add('invitation', 0, 0);
  add('reminder', 3 * DAY, 1);
  add('reminder', 14 * DAY, 2);
  return rows;
}
