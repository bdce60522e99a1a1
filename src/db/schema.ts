/** Row types of every table, as Kysely sees them. Times are ISO 8601 UTC strings; booleans are 0/1. */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Role = 'member' | 'support' | 'admin';
export type Channel = 'member' | 'email' | 'sms';
export type InvitationStatus = 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
export type IgnoreReason = 'ignore' | 'dont_know' | 'spam';
export type DeliveryState = 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
export type ActionPath = 'web' | 'api' | 'inbox' | 'bulk' | 'support' | 'cli' | 'link' | 'system';
/** Who may invite a member: anyone; only who knows one of their e-mail addresses; nobody. */
export type InvitationsFrom = 'anyone' | 'email_known' | 'nobody';

export interface MemberTable {
  id: string;
  email: string;
  name: string;
  headline: string;
  phone: string | null;
  password_hash: string;
  role: Role;
  invitation_balance: number;
  restricted_at: string | null;
  findable_by_email: number;
  created_at: string;
  /** Set while an admin has suspended the member: no credential of theirs works, none is issued. */
  suspended_at: string | null;
  /** When the member opened the link mailed to `email`; until then the address is only claimed. */
  email_verified_at: string | null;
  /** SHA-256 of the latest verification link's token for `email`; the token itself is never stored. */
  email_token_hash: string | null;
  email_token_expires_at: string | null;
  invitations_from: Generated<InvitationsFrom>;
  /** 1 while the member wants e-mails about unread messages (the `messageEmails` setting). */
  message_emails: Generated<number>;
}

/** A session or bearer token; the secret itself is never stored, only its SHA-256. */
export interface AuthTokenTable {
  token_hash: string;
  /** What the member and admins name the token by; never derived from the secret. */
  id: Generated<string>;
  member_id: string;
  kind: 'session' | 'bearer';
  name: string | null;
  created_at: string;
  expires_at: string;
  /** Kept to the minute: see `LAST_USED_PRECISION_MS`. */
  last_used_at: string | null;
}

export interface InvitationTable {
  id: string;
  sender_id: string;
  channel: Channel;
  recipient_member_id: string | null;
  recipient_email: string | null;
  recipient_phone: string | null;
  /** `m:<memberId>`, `e:<email>` or `p:<phone>`: who the sender addressed. */
  recipient_key: string;
  /** The unordered member pair `<lower id>|<higher id>` when the recipient is a member. */
  pair_key: string | null;
  message: string | null;
  status: InvitationStatus;
  ignore_reason: IgnoreReason | null;
  created_at: string;
  expires_at: string;
  responded_at: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdraw_path: ActionPath | null;
  delivery: DeliveryState;
  sender_read: number;
  recipient_read: number;
  /** When the recipient first replied to it (a message to its sender): it sends no more reminders. */
  replied_at: string | null;
}

export interface InvitationLinkTable {
  token_hash: string;
  invitation_id: string;
  created_at: string;
}

export interface ConnectionTable {
  member_a: string;
  member_b: string;
  invitation_id: string | null;
  created_at: string;
}

export interface OptOutTable {
  recipient_key: string;
  created_at: string;
}

export interface FeatureFlagTable {
  key: string;
  rollout_percent: number;
  allow_ids: string;
  deny_ids: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  action: string;
  subject_member_id: string | null;
  invitation_id: string | null;
  path: ActionPath;
  details: string;
}

export interface SupportRequestTable {
  id: string;
  member_id: string;
  kind: 'withdraw_all_pending';
  message: string | null;
  status: 'open' | 'done';
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  result: string | null;
}

export interface IdempotencyKeyTable {
  member_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  kind: string;
  channel: 'email' | 'sms';
  recipient: string;
  invitation_id: string | null;
  payload: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'bounced';
  due_at: string;
  attempts: number;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface DevMailboxTable {
  id: Generated<number>;
  outbox_id: string;
  channel: 'email' | 'sms';
  to_address: string;
  subject: string;
  text: string;
  links: string;
  sent_at: string;
}

export interface OptOutTokenTable {
  token_hash: string;
  recipient_key: string;
  created_at: string;
}

export interface SuppressionTable {
  recipient_key: string;
  reason: string;
  created_at: string;
}

/** A connection made or removed (PostgreSQL also records the writing transaction, as `xid`). */
export interface ConnectionChangeTable {
  seq: Generated<number>;
  member_a: string;
  member_b: string;
  changed_at: string;
}

/** When a member's cached ranking was computed, and what it saw of the connection changes. */
export interface SuggestionCacheStateTable {
  member_id: string;
  computed_at: string;
  /** SQLite: the last change sequence number seen. PostgreSQL: the snapshot, as text. */
  watermark: string;
  /** Every candidate with at least this many mutual connections is cached. */
  threshold: number;
}

export interface SuggestionCacheTable {
  member_id: string;
  candidate_id: string;
  mutual: number;
}

export interface SuggestionDismissalTable {
  member_id: string;
  dismissed_id: string;
  created_at: string;
}

/** An address of a member besides the primary one: claimed when added, theirs once verified. */
export interface MemberEmailTable {
  member_id: string;
  /** Lower-cased, as `members.email`. */
  email: string;
  verified_at: string | null;
  /** SHA-256 of the latest verification link's token; the token itself is never stored. */
  token_hash: string | null;
  token_expires_at: string | null;
  created_at: string;
}

export interface RateLimitTable {
  key: string;
  count: number;
  reset_at: number;
}

/** A browser that has logged in to an account: it keeps its own log-in limit (OWASP's device cookies). */
export interface LoginDeviceTable {
  /** SHA-256 of the device cookie; the cookie itself is never stored. */
  token_hash: string;
  member_id: string;
  created_at: string;
}

export type ConversationKind = 'direct' | 'group';
/** Which of a member's lists shows a conversation; `deleted` shows it in none until a new message. */
export type ConversationFolder = 'inbox' | 'archived' | 'deleted';
export type ReportReason = 'spam' | 'harassment' | 'other';

export interface ConversationTable {
  id: string;
  kind: ConversationKind;
  subject: string | null;
  /** `<lower id>|<higher id>` of a direct conversation's two members; null for a group. */
  pair_key: string | null;
  created_by: string;
  created_at: string;
  last_message_at: string;
  last_message_id: string | null;
  /** The ordering key of the latest message (0 before the first). */
  last_seq: Generated<number>;
}

/** One member's side of a conversation. */
export interface ConversationMemberTable {
  conversation_id: string;
  member_id: string;
  joined_at: string;
  folder: Generated<ConversationFolder>;
  /** The conversation's last activity, copied so the member's list is one index range. */
  last_activity_at: string;
  muted: Generated<number>;
  /** Messages up to this ordering key are read. */
  read_seq: Generated<number>;
  /** Messages up to this ordering key are gone from this member's history. */
  cleared_seq: Generated<number>;
  /** Others' messages after read_seq and cleared_seq. */
  unread_count: Generated<number>;
}

export interface MessageTable {
  id: string;
  conversation_id: string;
  /** Position in the conversation: 1, 2, 3, … with no gaps and no ties. */
  seq: number;
  sender_id: string;
  text: string;
  created_at: string;
}

/** An uploaded file; its bytes are in the blob store under `sha256`. */
export interface AttachmentTable {
  id: string;
  uploader_id: string;
  /** The message it was sent in; null until then. */
  message_id: string | null;
  /** Its place among the message's attachments; null until sent. */
  position: number | null;
  name: string;
  content_type: string;
  size: number;
  /** SHA-256 of the bytes, lower-case hex: the blob's key. */
  sha256: string;
  created_at: string;
}

export interface ConversationReportTable {
  id: string;
  conversation_id: string;
  reporter_id: string;
  reason: ReportReason;
  details: string | null;
  /** The conversation's latest message when it was reported. */
  up_to_seq: number;
  created_at: string;
}

/** A member's block of another: no invitations or messages between the two, either way. */
export interface MemberBlockTable {
  blocker_id: string;
  blocked_id: string;
  created_at: string;
}

export type MemberEventType = 'message' | 'read' | 'invitation';

/** The last event number given to a member. */
export interface MemberEventCounterTable {
  member_id: string;
  last_seq: number;
}

/** One event of a member's stream, numbered 1, 2, 3, … per member in commit order. */
export interface MemberEventTable {
  member_id: string;
  seq: number;
  type: MemberEventType;
  /** JSON, as the member is shown it. */
  data: string;
  created_at: string;
}

/** Until when no further notification e-mail about the conversation is queued for the member. */
export interface MessageEmailWindowTable {
  conversation_id: string;
  member_id: string;
  window_until: string;
}

/** An unsubscribe link of notification e-mails; only the token's SHA-256 is stored. */
export interface MessageEmailTokenTable {
  token_hash: string;
  member_id: string;
  created_at: string;
}

/** A message as the classic inbox lists it: one row for each member whose Received or Sent folder shows it. */
export interface InboxMessageTable {
  member_id: string;
  message_id: string;
  conversation_id: string;
  /** `sent` for its sender, `received` for the conversation's other members. */
  folder: 'received' | 'sent';
  seq: number;
  created_at: string;
}

export interface Database {
  members: MemberTable;
  auth_tokens: AuthTokenTable;
  invitations: InvitationTable;
  invitation_links: InvitationLinkTable;
  connections: ConnectionTable;
  opt_outs: OptOutTable;
  feature_flags: FeatureFlagTable;
  audit_log: AuditLogTable;
  support_requests: SupportRequestTable;
  idempotency_keys: IdempotencyKeyTable;
  outbox: OutboxTable;
  dev_mailbox: DevMailboxTable;
  rate_limits: RateLimitTable;
  opt_out_tokens: OptOutTokenTable;
  suppressions: SuppressionTable;
  suggestion_dismissals: SuggestionDismissalTable;
  connection_changes: ConnectionChangeTable;
  suggestion_cache_state: SuggestionCacheStateTable;
  suggestion_cache: SuggestionCacheTable;
  member_emails: MemberEmailTable;
  login_devices: LoginDeviceTable;
  conversations: ConversationTable;
  conversation_members: ConversationMemberTable;
  messages: MessageTable;
  conversation_reports: ConversationReportTable;
  member_blocks: MemberBlockTable;
  attachments: AttachmentTable;
  member_event_counters: MemberEventCounterTable;
  member_events: MemberEventTable;
  message_email_windows: MessageEmailWindowTable;
  message_email_tokens: MessageEmailTokenTable;
  inbox_messages: InboxMessageTable;
}

export type MemberRow = Selectable<MemberTable>;
export type InvitationRow = Selectable<InvitationTable>;
export type NewInvitation = Insertable<InvitationTable>;
export type InvitationUpdate = Updateable<InvitationTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type ConversationMemberRow = Selectable<ConversationMemberTable>;
export type MessageRow = Selectable<MessageTable>;
export type AttachmentRow = Selectable<AttachmentTable>;
