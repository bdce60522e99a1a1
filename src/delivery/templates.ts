/** The text of every message Rapport sends. Member text is inserted as text, never as markup. */

export interface Rendered {
  subject: string;
  text: string;
  links: string[];
}

export interface InvitationContext {
  senderName: string;
  message: string | null;
  acceptUrl: string;
  reminder?: number;
}

export function renderInvitationEmail(c: InvitationContext): Rendered {
  const subject = c.reminder
    ? `Reminder: ${c.senderName} is waiting for your response`
    : `${c.senderName} would like to connect on Rapport`;
  const lines = [
    c.reminder ? `${c.senderName} invited you to connect on Rapport and is waiting for your response.` : `${c.senderName} would like to connect with you on Rapport.`,
    '',
    ...(c.message ? [`"${c.message}"`, ''] : []),
    `Accept the invitation: ${c.acceptUrl}`,
  ];
  return { subject, text: lines.join('\n'), links: [c.acceptUrl] };
}

export function renderInvitationSms(c: InvitationContext): Rendered {
  const text = c.reminder
    ? `Reminder: ${c.senderName} invited you to connect on Rapport: ${c.acceptUrl} Reply STOP to opt out.`
    : `${c.senderName} invited you to connect on Rapport: ${c.acceptUrl} Reply STOP to opt out.`;
  return { subject: 'Invitation', text, links: [c.acceptUrl] };
}

export function renderAcceptedNotice(recipientName: string, profileUrl: string): Rendered {
  return {
    subject: `${recipientName} accepted your invitation`,
    text: `${recipientName} accepted your invitation to connect. You are now connected.\n\n${profileUrl}`,
    links: [profileUrl],
  };
}

export function renderSupportDone(withdrawn: number, sentUrl: string): Rendered {
  return {
    subject: 'Your request to cancel your pending invitations is done',
    text: `As you asked, we withdrew all ${withdrawn} invitations you had sent that were still waiting for a response. Their recipients were not notified.\n\n${sentUrl}`,
    links: [sentUrl],
  };
}
