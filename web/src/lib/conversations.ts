/**
 * Conversations (the new messaging experience, and the classic inbox's message items): the list,
 * a thread a page at a time, sending, starting, read state, mute, archive, delete and report.
 * Every change refreshes the list, the thread and the unread counts of `/me`.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api, query, upload } from './api';
import { invalidate, keys } from './query';
import type { Conversation, ConversationMessage } from './types';

export type ConversationFolder = 'inbox' | 'archived';

export const conversationKeys = {
  all: ['conversations'],
  list: (folder: ConversationFolder) => ['conversations', 'list', folder],
  one: (id: string) => ['conversations', 'one', id],
  thread: (id: string) => ['conversations', 'thread', id],
};

export function useConversationList(folder: ConversationFolder) {
  return useInfiniteQuery({
    queryKey: conversationKeys.list(folder),
    queryFn: ({ pageParam, signal }) => api('get', '/conversations', { query: { folder, limit: 30, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: conversationKeys.one(id),
    queryFn: ({ signal }) => api('get', '/conversations/{id}', { params: { id }, signal }),
  });
}

/** A thread, newest page first; the messages are returned oldest first, for reading down. */
export function useThread(id: string) {
  const query = useInfiniteQuery({
    queryKey: conversationKeys.thread(id),
    queryFn: ({ pageParam, signal }) =>
      api('get', '/conversations/{id}/messages', { params: { id }, query: { limit: 50, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const messages: ConversationMessage[] | undefined = query.data?.pages.flatMap((p) => p.items).reverse();
  return { ...query, messages };
}

function useRefresh() {
  const client = useQueryClient();
  return useCallback(() => invalidate(client, conversationKeys.all, keys.me, keys.inbox), [client]);
}

/** What a composer sends: the text, and the uploads to attach (none: no `attachmentIds`). */
export interface Outgoing {
  text: string;
  attachmentIds?: string[];
}

const withAttachments = ({ text, attachmentIds }: Outgoing) => (attachmentIds && attachmentIds.length > 0 ? { text, attachmentIds } : { text });

export function useSendMessage(conversationId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (outgoing: Outgoing) =>
      api('post', '/conversations/{id}/messages', {
        params: { id: conversationId },
        body: withAttachments(outgoing),
        headers: { 'idempotency-key': crypto.randomUUID() },
      }),
    onSuccess: refresh,
  });
}

export function useStartConversation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ memberIds, subject, ...outgoing }: Outgoing & { memberIds: string[]; subject?: string }) =>
      api('post', '/conversations', { body: { memberIds, ...withAttachments(outgoing), ...(subject ? { subject } : {}) } }),
    onSuccess: refresh,
  });
}

/** The types an attachment may have (the server checks the bytes too). */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const isAttachmentType = (type: string): type is AttachmentType => (ATTACHMENT_TYPES as readonly string[]).includes(type);

export type Attachment = ConversationMessage['attachments'][number];

/** Uploads one file to attach to a message, telling `onProgress` how much is sent (0 to 1). */
export async function uploadAttachment(file: File, type: AttachmentType, onProgress: (sent: number) => void): Promise<Attachment> {
  return (await upload(`/attachments${query({ name: file.name })}`, file, type, onProgress)) as Attachment;
}

/** Where an attachment is downloaded (always as a file: the server sends it as an attachment). */
export const attachmentUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}`;

export function useMarkConversationRead() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api('post', '/conversations/{id}/read', { params: { id }, body: {} }),
    onSuccess: refresh,
  });
}

export function useMarkConversationUnread() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api('post', '/conversations/{id}/unread', { params: { id }, body: {} }),
    onSuccess: refresh,
  });
}

export function useChangeConversation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; muted?: boolean; archived?: boolean }) => api('patch', '/conversations/{id}', { params: { id }, body }),
    onSuccess: refresh,
  });
}

export function useDeleteConversation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api('delete', '/conversations/{id}', { params: { id } }),
    onSuccess: refresh,
  });
}

export type ReportReason = 'spam' | 'harassment' | 'other';

export function useReportConversation() {
  return useMutation({
    mutationFn: ({ id, reason, details }: { id: string; reason: ReportReason; details?: string }) =>
      api('post', '/conversations/{id}/report', { params: { id }, body: details ? { reason, details } : { reason } }),
  });
}

/** The names of a conversation's other participants, for its title. */
export function titleOf(conversation: Conversation, myId: string): string {
  const others = conversation.participants.filter((p) => p.id !== myId).map((p) => p.name);
  return conversation.subject || others.join(', ') || 'Only you';
}

const ENTER_KEY = 'rapport.enterToSend';

/** Whether Enter sends (Shift+Enter is a new line); kept in this browser. */
export function useEnterToSend(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    try {
      return localStorage.getItem(ENTER_KEY) !== 'false';
    } catch {
      return true;
    }
  });
  const set = useCallback((value: boolean) => {
    setOn(value);
    try {
      localStorage.setItem(ENTER_KEY, String(value));
    } catch {
      // storage unavailable: the setting lasts for this page only
    }
  }, []);
  return [on, set];
}
