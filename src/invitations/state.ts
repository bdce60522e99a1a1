/** The invitation state machine, as data: every write restates its move's source states. */
import type { InvitationStatus } from '../db/schema.js';

export type Move = 'accept' | 'ignore' | 'withdraw' | 'expire';

export interface Transition {
  readonly from: readonly InvitationStatus[];
  readonly to: InvitationStatus;
  /** Whether the move needs the invitation to be still within its lifetime (`expires_at > now`). */
  readonly live: boolean;
}

export const TRANSITIONS: Readonly<Record<Move, Transition>> = {
  accept: { from: ['pending'], to: 'accepted', live: true },
  ignore: { from: ['pending'], to: 'ignored', live: true },
  // The sender is never told of an ignore, so an ignored invitation can still be withdrawn, and expires.
  withdraw: { from: ['pending', 'ignored'], to: 'withdrawn', live: true },
  expire: { from: ['pending', 'ignored'], to: 'expired', live: false },
};

export const FINAL_STATES: readonly InvitationStatus[] = ['accepted', 'withdrawn', 'expired'];
export const OPEN_STATES: readonly InvitationStatus[] = ['pending', 'ignored'];

/** True when `move` is allowed from `status` by the table. */
export function canMove(status: InvitationStatus, move: Move): boolean {
  return TRANSITIONS[move].from.includes(status);
}
