/** The API's objects, as the web app reads them (see API.md and /api/openapi.json). */

export type Role = 'member' | 'support' | 'admin';
export type Channel = 'member' | 'email' | 'sms';
export type InvitationStatus = 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
export type Delivery = 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
export type Relationship = 'self' | 'connected' | 'invitation_sent' | 'invitation_received' | 'none';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface MemberSelf {
  id: string;
  name: string;
  email: string;
  /** False until the link mailed to the address is followed: nothing sent to it reaches the account. */
  emailVerified: boolean;
  role: Role;
  headline: string;
}

export interface Me {
  member: MemberSelf;
  balance: { available: number; weeklyLimit: number; sentLast7Days: number; weeklyWindowFreesAt: string | null };
  restricted: boolean;
  features: { 'bulk-withdraw': boolean; 'inbox-withdraw': boolean };
  receivedPending: number;
  inboxUnread: InboxUnread;
}

/** Unread messages of each inbox folder, and in all. */
export interface InboxUnread {
  received: number;
  sent: number;
  total: number;
}

export interface Invitation {
  id: string;
  channel: Channel;
  status: InvitationStatus;
  sender: { id: string; name: string };
  recipient: { memberId?: string; name?: string; email?: string; phone?: string };
  message: string | null;
  createdAt: string;
  expiresAt: string;
  respondedAt: string | null;
  withdrawnAt: string | null;
  withdrawable: boolean;
  delivery: Delivery;
  reinviteAvailableAt?: string | null;
}

export interface BulkWithdrawResult {
  withdrawn: number;
  withdrawnIds: string[];
  skipped: { id: string; reason: string }[];
}

export interface RespondResult {
  done: string[];
  skipped: { id: string; reason: string }[];
}

export interface InboxItem {
  id: string;
  kind: 'invitation' | 'message';
  subject: string;
  counterpart: { memberId?: string; name: string };
  createdAt: string;
  read: boolean;
  invitation?: Invitation;
}

export interface PublicMember {
  id: string;
  name: string;
  headline: string;
}

export interface Profile extends PublicMember {
  relationship: Relationship;
}

export interface Suggestion {
  member: PublicMember;
  mutualConnections: number;
  mutualNames: string[];
  sameDomain: boolean;
}

export interface Connection {
  member: PublicMember;
  connectedAt: string;
}

export interface SupportRequest {
  id: string;
  kind: 'withdraw_all_pending';
  status: 'open' | 'done';
  message: string | null;
  member: { id: string; name: string; email: string };
  createdAt: string;
  resolvedAt: string | null;
}

export interface Flag {
  key: string;
  rolloutPercent: number;
  allow: string[];
  deny: string[];
  updatedAt: string | null;
}

export interface AuditItem {
  id: string;
  at: string;
  actor: { id: string; name: string | null } | null;
  action: string;
  subject: { memberId: string; name: string | null } | null;
  invitationId: string | null;
  path: string;
  details: Record<string, unknown>;
}

export interface MailboxItem {
  id: string;
  to: string;
  channel: 'email' | 'sms';
  subject: string;
  text: string;
  links: string[];
  sentAt: string;
}

export interface ContactsImport {
  members: { member: PublicMember; email: string; contactName: string; relationship: string }[];
  others: { name: string; email: string }[];
  skipped: { row: number; reason: string }[];
}

export interface LinkInfo {
  available: boolean;
  sender?: { name: string };
  message?: string | null;
  email?: string;
}

export interface OptOutInfo {
  channel: 'email' | 'sms';
  address: string;
  optedOut: boolean;
}

/** One of my e-mail addresses: the primary one, or an added one with its verification state. */
export interface MemberEmail {
  email: string;
  primary: boolean;
  verified: boolean;
  state: 'primary' | 'verified' | 'pending' | 'expired';
  verifiedAt: string | null;
  addedAt: string;
  verificationExpiresAt: string | null;
}

export interface MemberEmailList {
  items: MemberEmail[];
  maxAdditional: number;
}

/** A member as the support console's lookup lists them. */
export interface FoundMember {
  id: string;
  name: string;
  email: string;
  role: Role;
  headline: string;
  createdAt: string;
  restricted: boolean;
}

/** A page of the lookup, with how the text was read: an e-mail address, an id, or part of a name. */
export interface MemberSearchPage extends Page<FoundMember> {
  match: 'email' | 'id' | 'name';
}
