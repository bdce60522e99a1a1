/**
 * A message object as members are shown it, in replies and in their live events (which
 * conversations.ts writes, and so cannot import the presenter, which imports it).
 */
import type { MessageView } from './store.js';

export function presentMessage(m: MessageView) {
  return {
    id: m.id,
    conversationId: m.conversation_id,
    sender: { id: m.sender_id, name: m.sender_name },
    text: m.text,
    attachments: [],
    createdAt: m.created_at,
  };
}
