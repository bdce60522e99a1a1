/** Domain errors: a stable code from API.md, a human message, and nothing about HTTP. */

export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  feature_unavailable: 403,
  balance_exhausted: 403,
  not_connected: 403,
  not_found: 404,
  not_withdrawable: 409,
  not_pending: 409,
  already_connected: 409,
  invitation_pending: 409,
  email_taken: 409,
  email_is_primary: 409,
  email_already_added: 409,
  support_request_open: 409,
  invitation_unavailable: 410,
  verification_unavailable: 410,
  payload_too_large: 413,
  attachment_too_large: 413,
  too_many_contacts: 413,
  unsupported_media_type: 415,
  self_invitation: 422,
  self_block: 422,
  unreadable_contacts: 422,
  recipient_opted_out: 422,
  recipient_unavailable: 422,
  email_required: 422,
  too_many_emails: 422,
  idempotency_key_reused: 422,
  too_many_participants: 422,
  unknown_members: 422,
  attachment_unavailable: 422,
  idempotency_key_in_use: 409,
  reinvite_cooldown: 429,
  weekly_limit_reached: 429,
  message_limit_reached: 429,
  attachment_quota_reached: 429,
  too_many_streams: 429,
  rate_limited: 429,
  internal_error: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Whether `code` is one of the stable error codes (a stored reply's code, read back). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);
}

/**
 * A refusal replayed for an `Idempotency-Key` that was refused the first time: the same error again,
 * which the reply marks as a replay.
 */
export class ReplayedRefusal extends AppError {
  override name = 'ReplayedRefusal';
}

/** Seconds until `retryAt` (an ISO time in an error's details), at least 1: the Retry-After header. */
export function retryAfterSeconds(retryAt: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(retryAt) - now.getTime()) / 1000));
}

export const notFound = (what = 'That resource') => new AppError('not_found', `${what} does not exist.`);
