/** A clear human sentence for every refusal the API can give (codes from API.md). */
import { ApiError } from './api';
import { formatDateTime, STATUS_LABEL } from './format';
import type { InvitationStatus } from './types';

const when = (details: Record<string, unknown>): string | null => (typeof details.retryAt === 'string' ? formatDateTime(details.retryAt) : null);

const FIXED: Record<string, string> = {
  self_invitation: "You can't invite yourself.",
  invitation_pending: 'An invitation between you is already waiting for a response. If they invited you, accept theirs instead.',
  balance_exhausted: 'You have no invitations left in your balance. Contact support to ask for more.',
  recipient_opted_out: 'This address or number has asked not to receive invitations from Rapport.',
  email_required: 'Your invitations now need the e-mail address this person uses on Rapport. Type it in and send again.',
  recipient_unavailable: "This person isn't accepting invitations from you.",
  feature_unavailable: "This isn't available to your account yet.",
  invalid_credentials: 'The e-mail address or password is wrong.',
  email_taken: 'An account with this e-mail address already exists. Log in instead.',
  email_is_primary: 'This is your primary e-mail address: it is already on your account and cannot be removed.',
  email_already_added: 'This address is already verified on your account.',
  too_many_emails: 'You have as many e-mail addresses as an account can have. Remove one to add another.',
  verification_unavailable: 'This verification link is no longer valid. Ask for a new link from your settings.',
  unauthenticated: 'Your session has ended. Please log in again.',
  csrf_failed: 'Your session changed in another tab. Reload the page and try again.',
  forbidden: "Your account isn't allowed to do this.",
  not_found: "This doesn't exist any more, or it isn't yours to see.",
  not_pending: 'This invitation is no longer waiting for an answer.',
  invitation_unavailable: 'This invitation is no longer available.',
  idempotency_key_reused: 'This request was already sent with other details. Please try again.',
  idempotency_key_in_use: 'This request is still being processed. Try again in a moment.',
  payload_too_large: 'That file is too large (at most 5 MB).',
  too_many_contacts: 'That file has too many contacts (at most 10,000).',
  unsupported_media_type: 'Choose a CSV file or a vCard (.vcf) file.',
  not_connected: "You can't send messages to this person: you can only write to members you're connected with.",
  message_limit_reached: "You've sent as many messages as you can today. Try again tomorrow.",
  attachment_unavailable: 'An attachment is no longer available. Remove it, attach the file again and send.',
  internal_error: 'Something went wrong on our side. Please try again.',
  network: "Rapport can't be reached right now. Check your connection and try again.",
};

/** What to tell a person about `error`. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something unexpected happened. Please try again.';
  const { code, details, message } = error;
  switch (code) {
    case 'already_connected':
      return message.startsWith('You are already connected') ? `${message} No invitation is needed.` : "You're already connected.";
    case 'reinvite_cooldown': {
      const at = when(details);
      return at
        ? `You withdrew an invitation to this person recently. You can invite them again after ${at}.`
        : 'You withdrew an invitation to this person recently; you can invite them again once the waiting time has passed.';
    }
    case 'weekly_limit_reached': {
      const at = when(details);
      return at
        ? `You've reached the weekly limit of invitations. You can send more after ${at}.`
        : "You've reached the weekly limit of invitations. Try again in a few days.";
    }
    case 'not_withdrawable': {
      const status = details.status as InvitationStatus | undefined;
      return status && status in STATUS_LABEL
        ? `This invitation can no longer be withdrawn: ${STATUS_LABEL[status]}.`
        : 'This invitation can no longer be withdrawn: it was accepted or has expired.';
    }
    case 'rate_limited': {
      const seconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : null;
      return seconds ? `Too many attempts. Try again in ${seconds} seconds.` : 'Too many attempts. Wait a moment and try again.';
    }
    case 'validation_failed':
    case 'unreadable_contacts':
      return message ? `Please check this: ${message}` : 'Please check what you typed.';
    default:
      return FIXED[code] ?? (message || 'Something went wrong. Please try again.');
  }
}
