/** Conversations, messages and reports as they leave the server, and their schemas. */
import { Type } from '@sinclair/typebox';
import { Iso, Nullable } from '../http/schemas.js';
import type { ConversationDetail, Report } from './conversations.js';
import { presentAttachment, presentMessage } from './message-object.js';
import type { MessageView, Participant } from './store.js';

const SenderSchema = Type.Object({ id: Type.String(), name: Type.String() });

export const AttachmentSchema = Type.Object({ id: Type.String(), name: Type.String(), size: Type.Integer({ minimum: 0 }), contentType: Type.String() });

export const MessageSchema = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  sender: SenderSchema,
  text: Type.String(),
  attachments: Type.Array(AttachmentSchema),
  createdAt: Iso,
});

export const ParticipantSchema = Type.Object({ id: Type.String(), name: Type.String(), headline: Type.String() });

export const ConversationSchema = Type.Object({
  id: Type.String(),
  participants: Type.Array(ParticipantSchema),
  subject: Nullable(Type.String()),
  lastMessage: Nullable(
    Type.Object({ id: Type.String(), sender: SenderSchema, text: Type.String(), attachments: Type.Array(AttachmentSchema), createdAt: Iso }),
  ),
  unreadCount: Type.Integer({ minimum: 0 }),
  muted: Type.Boolean(),
  archived: Type.Boolean(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const ReasonSchema = Type.Union([Type.Literal('spam'), Type.Literal('harassment'), Type.Literal('other')]);

export const ReportSchema = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  reason: ReasonSchema,
  details: Nullable(Type.String()),
  createdAt: Iso,
});

export const SupportReportSchema = Type.Object({
  id: Type.String(),
  reason: ReasonSchema,
  details: Nullable(Type.String()),
  createdAt: Iso,
  reporter: SenderSchema,
  conversation: Type.Object({ id: Type.String(), subject: Nullable(Type.String()), participants: Type.Array(ParticipantSchema) }),
  messages: Type.Array(MessageSchema, { description: 'The conversation’s latest messages when it was reported, newest first' }),
});

const presentParticipant = (p: Participant) => ({ id: p.id, name: p.name, headline: p.headline });

export { presentAttachment, presentMessage };

export function presentConversation({ view, participants, lastMessage }: ConversationDetail) {
  return {
    id: view.id,
    participants: participants.map(presentParticipant),
    subject: view.subject,
    lastMessage: lastMessage
      ? {
          id: lastMessage.id,
          sender: { id: lastMessage.sender_id, name: lastMessage.sender_name },
          text: lastMessage.text,
          attachments: lastMessage.attachments.map(presentAttachment),
          createdAt: lastMessage.created_at,
        }
      : null,
    unreadCount: view.unread_count,
    muted: view.muted === 1,
    archived: view.folder === 'archived',
    createdAt: view.created_at,
    updatedAt: view.last_message_at,
  };
}

export const presentReport = (r: Report) => r;

export function presentSupportReport(entry: {
  report: {
    id: string;
    conversation_id: string;
    reporter_id: string;
    reporter_name: string;
    reason: Report['reason'];
    details: string | null;
    created_at: string;
    subject: string | null;
  };
  participants: Participant[];
  messages: MessageView[];
}) {
  const { report } = entry;
  return {
    id: report.id,
    reason: report.reason,
    details: report.details,
    createdAt: report.created_at,
    reporter: { id: report.reporter_id, name: report.reporter_name },
    conversation: { id: report.conversation_id, subject: report.subject, participants: entry.participants.map(presentParticipant) },
    messages: entry.messages.map(presentMessage),
  };
}
