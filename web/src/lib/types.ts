/**
 * The API's objects as the web app reads them, named from the replies in the generated OpenAPI
 * types (api-types.ts): a server change that breaks a page fails to type-check there.
 */
import type { Reply } from './api';

/** One of a page's items. */
type Item<T> = T extends { items: (infer I)[] } ? I : never;

/** A page of a cursor-paged list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Me = Reply<'/me', 'get'>;
export type MemberSelf = Me['member'];
export type Role = MemberSelf['role'];
/** Unread messages of each inbox folder, and in all. */
export type InboxUnread = Me['inboxUnread'];

export type Invitation = Reply<'/invitations/{id}', 'get'>;
export type Channel = Invitation['channel'];
export type InvitationStatus = Invitation['status'];
export type Delivery = Invitation['delivery'];
export type BulkWithdrawResult = Reply<'/invitations/withdraw', 'post'>;
export type RespondResult = Reply<'/invitations/respond', 'post'>;
export type BatchResult = Reply<'/invitations/batch', 'post'>;

export type InboxItem = Item<Reply<'/inbox', 'get'>>;

export type Conversation = Reply<'/conversations/{id}', 'get'>;
export type ConversationMessage = Item<Reply<'/conversations/{id}/messages', 'get'>>;

export type Profile = Reply<'/members/{id}', 'get'>;
export type Relationship = Profile['relationship'];
export type Suggestion = Item<Reply<'/people-you-may-know', 'get'>>;
export type PublicMember = Suggestion['member'];
export type Connection = Item<Reply<'/connections', 'get'>>;
export type ContactsImport = Reply<'/contacts/import', 'post'>;

export type Settings = Reply<'/me/settings', 'get'>;
export type MemberEmailList = Reply<'/me/emails', 'get'>;
/** One of my e-mail addresses: the primary one, or an added one with its verification state. */
export type MemberEmail = Item<MemberEmailList>;

export type LinkInfo = Reply<'/invitation-links/{token}', 'get'>;
export type OptOutInfo = Reply<'/opt-out/{token}', 'get'>;

export type SupportRequest = Item<Reply<'/support/requests', 'get'>>;
/** A page of the support lookup, with how the text was read: an e-mail address, an id, or part of a name. */
export type MemberSearchPage = Reply<'/support/members', 'get'>;
/** A member as the support console's lookup lists them. */
export type FoundMember = Item<MemberSearchPage>;
export type Flag = Item<Reply<'/admin/features', 'get'>>;
export type AuditItem = Item<Reply<'/admin/audit', 'get'>>;
export type MailboxItem = Item<Reply<'/dev/mailbox', 'get'>>;
