/**
 * A message object as members are shown it, in replies and in their live events (which
 * conversations.ts writes, and so cannot import the presenter, which imports it).
 */
import type { AttachmentRow } from '../db/schema.js';
import type { AttachmentView } from './attachment-store.js';
import type { MessageView } from './store.js';

export const presentAttachment = (a: AttachmentView | AttachmentRow) => ({ id: a.id, name: a.name, size: a.size, contentType: a.content_type });

export function presentMessage(m: MessageView) {
  return {
    id: m.id,
    conversationId: m.conversation_id,
    sender: { id: m.sender_id, name: m.sender_name },
    text: m.text,
    attachments: m.attachments.map(presentAttachment),
    createdAt: m.created_at,
  };
}
