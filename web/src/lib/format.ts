/** Dates, counts and names as people read them. */
import type { Channel, Invitation, InvitationStatus } from './types';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
export const formatDate = (iso: string): string => dateOnly.format(new Date(iso));

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days ago", "in 5 months", "now". */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relativeFormat.format(Math.round(diff / ms), unit);
  }
  return 'just now';
}

/** "1 request", "3 requests", with the number grouped. */
export function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** The recipient as the sender knows them: name, else address, else number. */
export function recipientLabel(inv: Invitation): string {
  return inv.recipient.name ?? inv.recipient.email ?? inv.recipient.phone ?? 'Unknown recipient';
}

export const CHANNEL_LABEL: Record<Channel, string> = { member: 'Member', email: 'E-mail', sms: 'Text message' };

/** One word for where an invitation stands, as its viewer sees it. */
export const STATUS_LABEL: Record<InvitationStatus, string> = {
  pending: 'Awaiting response',
  accepted: 'Accepted',
  ignored: 'Ignored',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

/** Initials for an avatar: "Alice Martin" → "AM". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts;
  return letters.map((p) => Array.from(p)[0]?.toUpperCase() ?? '').join('') || '?';
}

/** A file's size: "812 bytes", "14 KB", "2.5 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString()} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString()} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;
}

/**
 * The date until which a withdrawn invitation's recipient cannot be invited again, if it were
 * withdrawn now: what a withdrawal costs, said before it happens.
 */
export function reinviteBlockedUntil(cooldownSeconds: number, now: number = Date.now()): string {
  return formatDate(new Date(now + cooldownSeconds * 1000).toISOString());
}
