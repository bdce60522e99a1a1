/** The inbox's read state: opening a message reads it; everything can be read at once. */
import { api, query } from './api';
import type { InboxUnread } from './types';

export type Folder = 'received' | 'sent';

export interface MarkResult {
  id: string;
  read: boolean;
  unread: InboxUnread;
}

export const markMessageRead = (id: string) => api<MarkResult>('POST', `/inbox/${encodeURIComponent(id)}/read`);

export const markMessageUnread = (id: string) => api<MarkResult>('POST', `/inbox/${encodeURIComponent(id)}/unread`);

/** Marks every message of `folder` read, or of both folders without one. */
export const markAllRead = (folder?: Folder) => api<{ marked: number; unread: InboxUnread }>('POST', `/inbox/read-all${query({ folder })}`);
