/**
 * The text of every message Rapport sends, as plain text and as HTML. Member text (names, notes)
 * is inserted as text: escaped in HTML, never interpreted.
 */

export interface Rendered {
  subject: string;
  text: string;
  /** HTML body of e-mails; SMS have none. */
  html?: string;
  links: string[];
  /** The one-click opt-out endpoint, for List-Unsubscribe. */
  unsubscribeUrl?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function page(title: string, paragraphs: string[], button?: { href: string; label: string }, footer?: string): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${p}</p>`).join('');
  const cta = button
    ? `<p style="margin:24px 0"><a href="${escapeHtml(button.href)}" style="background:#0a66c2;color:#fff;padding:10px 18px;border-radius:20px;text-decoration:none;font-weight:600">${escapeHtml(button.label)}</a></p>`
    : '';
  const foot = footer ? `<p style="margin:32px 0 0;color:#666;font-size:12px">${footer}</p>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2226;max-width:560px;margin:0 auto;padding:24px">${body}${cta}${foot}</body></html>`;
}

export interface InvitationContext {
  senderName: string;
  message: string | null;
  acceptUrl: string;
  optOutUrl: string;
  unsubscribeUrl: string;
  /** 1, 2, … for reminders; absent for the invitation itself. */
  reminder?: number;
}

export function renderInvitationEmail(c: InvitationContext): Rendered {
  const subject = c.reminder ? `Reminder: ${c.senderName} is waiting for your response` : `${c.senderName} would like to connect on Rapport`;
  const opening = c.reminder
    ? `${c.senderName} invited you to connect on Rapport and is still waiting for your response.`
    : `${c.senderName} would like to connect with you on Rapport.`;
  const text = [
    opening,
    '',
    ...(c.message ? [`"${c.message}"`, ''] : []),
    `Accept the invitation: ${c.acceptUrl}`,
    '',
    `Don't want invitations or reminders from Rapport at this address? ${c.optOutUrl}`,
  ].join('\n');
  const html = page(
    subject,
    [escapeHtml(opening), ...(c.message ? [`<em>“${escapeHtml(c.message)}”</em>`] : [])],
    { href: c.acceptUrl, label: 'Accept invitation' },
    `Don't want invitations or reminders from Rapport at this address? <a href="${escapeHtml(c.optOutUrl)}">Stop them</a>.`,
  );
  return { subject, text, html, links: [c.acceptUrl, c.optOutUrl], unsubscribeUrl: c.unsubscribeUrl };
}

export function renderInvitationSms(c: InvitationContext): Rendered {
  const text = c.reminder
    ? `Reminder: ${c.senderName} invited you to connect on Rapport: ${c.acceptUrl} Stop texts: ${c.optOutUrl}`
    : `${c.senderName} invited you to connect on Rapport: ${c.acceptUrl} Stop texts: ${c.optOutUrl}`;
  return { subject: c.reminder ? 'Reminder' : 'Invitation', text, links: [c.acceptUrl, c.optOutUrl] };
}

export function renderAcceptedNotice(recipientName: string, profileUrl: string): Rendered {
  const subject = `${recipientName} accepted your invitation`;
  const line = `${recipientName} accepted your invitation to connect. You are now connected.`;
  return {
    subject,
    text: `${line}\n\n${profileUrl}`,
    html: page(subject, [escapeHtml(line)], { href: profileUrl, label: 'View profile' }),
    links: [profileUrl],
  };
}

export function renderSupportDone(withdrawn: number, sentUrl: string): Rendered {
  const subject = 'Your request to cancel your pending invitations is done';
  const line = `As you asked, we withdrew all ${withdrawn} invitations you had sent that were still waiting for a response. Their recipients were not notified.`;
  return {
    subject,
    text: `${line}\n\n${sentUrl}`,
    html: page(subject, [escapeHtml(line)], { href: sentUrl, label: 'Sent invitations' }),
    links: [sentUrl],
  };
}

/**
 * The link that proves an added address is the member's. It names no member: whoever typed the
 * address may not own it.
 */
export function renderEmailVerification(verifyUrl: string, expiresAt: string | undefined): Rendered {
  const subject = 'Confirm your e-mail address on Rapport';
  const ask = 'A Rapport member asked to add this e-mail address to their account.';
  const how = 'If that was you, open the link while signed in to that account to confirm the address.';
  const until = expiresAt ? `The link works until ${expiresAt.slice(0, 16).replace('T', ' ')} UTC.` : '';
  const ignore = "If it wasn't you, ignore this message: the address will not be added to anyone's account.";
  const text = [ask, how, '', `Confirm the address: ${verifyUrl}`, ...(until ? ['', until] : []), '', ignore].join('\n');
  const html = page(
    subject,
    [escapeHtml(ask), escapeHtml(how), ...(until ? [escapeHtml(until)] : [])],
    { href: verifyUrl, label: 'Confirm address' },
    escapeHtml(ignore),
  );
  return { subject, text, html, links: [verifyUrl] };
}

export interface MessageEmailContext {
  senderName: string;
  /** The start of the latest unread message. */
  excerpt: string;
  /** Unread messages in the conversation. */
  unreadCount: number;
  subject: string | null;
  conversationUrl: string;
  /** The page that turns these e-mails off, and the one-click endpoint for List-Unsubscribe. */
  stopUrl: string;
  unsubscribeUrl: string;
}

/** The start of a message for an e-mail: its first 200 characters, on one line. */
export function excerptOf(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}

/** Unread messages in a conversation: who wrote, the start of it, and the way to the conversation. */
export function renderMessageEmail(c: MessageEmailContext): Rendered {
  const more = c.unreadCount > 1 ? ` (${c.unreadCount} unread messages)` : '';
  const subject = c.subject ? `${c.senderName} wrote in “${c.subject}”${more}` : `${c.senderName} sent you a message${more}`;
  const opening =
    c.unreadCount > 1 ? `You have ${c.unreadCount} unread messages on Rapport. The latest, from ${c.senderName}:` : `${c.senderName} wrote to you on Rapport:`;
  const stop = "Don't want e-mails about new messages?";
  const text = [opening, '', `"${c.excerpt}"`, '', `Read and reply: ${c.conversationUrl}`, '', `${stop} ${c.stopUrl}`].join('\n');
  const html = page(
    subject,
    [escapeHtml(opening), `<em>“${escapeHtml(c.excerpt)}”</em>`],
    { href: c.conversationUrl, label: 'Read and reply' },
    `${escapeHtml(stop)} <a href="${escapeHtml(c.stopUrl)}">Turn them off</a>.`,
  );
  return { subject, text, html, links: [c.conversationUrl, c.stopUrl], unsubscribeUrl: c.unsubscribeUrl };
}
