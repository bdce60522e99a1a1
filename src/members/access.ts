/** Whether a member may authenticate: members/ decides it, auth/ and log-in ask. */
import type { MemberRow } from '../db/schema.js';

/**
 * Whether a member may hold working credentials at all. The one place a member's state (today:
 * suspended) is checked, both when a credential is presented and when one is asked for, so any
 * later state that must shut a member out (a deleted account) is added here and nowhere else.
 */
export function memberMayAuthenticate(member: MemberRow): boolean {
  return member.suspended_at === null;
}
