/**
 * Feature flags with a rollout percentage and stable per-member buckets: a member's bucket depends
 * only on the flag and their id, so raising the percentage only ever adds members.
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import { type Db, transact } from '../db/database.js';
import { AppError } from '../errors.js';
import { iso } from '../shared/clock.js';
import { findFlagRow, listFlagRows, unknownMemberIds, upsertFlag } from './store.js';

export const FLAG_KEYS = ['bulk-withdraw', 'inbox-withdraw', 'new-messaging'] as const;
export type FlagKey = (typeof FLAG_KEYS)[number];

export interface Flag {
  key: FlagKey;
  rolloutPercent: number;
  allow: string[];
  deny: string[];
  updatedAt: string | null;
}

/** The member's bucket for a flag, in [0, 10000): hundredths of a percent. */
export function bucketOf(key: string, memberId: string): number {
  const digest = createHash('sha256').update(`${key}:${memberId}`).digest();
  return digest.readUInt32BE(0) % 10_000;
}

/** Whether `memberId` has the flag: deny wins, then allow, then the rollout percentage. */
export function isEnabled(flag: Pick<Flag, 'key' | 'rolloutPercent' | 'allow' | 'deny'>, memberId: string): boolean {
  if (flag.deny.includes(memberId)) return false;
  if (flag.allow.includes(memberId)) return true;
  return bucketOf(flag.key, memberId) < flag.rolloutPercent * 100;
}

export function isFlagKey(key: string): key is FlagKey {
  return (FLAG_KEYS as readonly string[]).includes(key);
}

function parseIds(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Every known flag; one never set is off for everybody. */
export async function listFlags(db: Db): Promise<Flag[]> {
  const rows = await listFlagRows(db);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return FLAG_KEYS.map((key) => {
    const row = byKey.get(key);
    return row
      ? { key, rolloutPercent: row.rollout_percent, allow: parseIds(row.allow_ids), deny: parseIds(row.deny_ids), updatedAt: row.updated_at }
      : { key, rolloutPercent: 0, allow: [], deny: [], updatedAt: null };
  });
}

export async function featuresFor(db: Db, memberId: string): Promise<Record<FlagKey, boolean>> {
  const flags = await listFlags(db);
  return Object.fromEntries(flags.map((f) => [f.key, isEnabled(f, memberId)])) as Record<FlagKey, boolean>;
}

export async function hasFeature(db: Db, memberId: string, key: FlagKey): Promise<boolean> {
  return (await featuresFor(db, memberId))[key];
}

export interface FlagChange {
  rolloutPercent: number;
  allow?: string[];
  deny?: string[];
}

/** Sets a flag (only admins reach this) and audits the change with its before and after. */
export async function setFlag(db: Db, deps: Deps, actor: Actor, key: string, change: FlagChange): Promise<Flag> {
  if (!isFlagKey(key)) throw new AppError('not_found', `There is no feature flag "${key}".`);
  if (!Number.isInteger(change.rolloutPercent) || change.rolloutPercent < 0 || change.rolloutPercent > 100) {
    throw new AppError('validation_failed', 'rolloutPercent: must be a whole number from 0 to 100.');
  }
  const now = iso(deps.clock.now());
  return transact(db, async (trx) => {
    const before = await findFlagRow(trx, key);
    // The lists given must name members; the lists kept as they were are not judged again.
    const unknown = await unknownMemberIds(trx, [...new Set([...(change.allow ?? []), ...(change.deny ?? [])])]);
    if (unknown.length > 0) {
      throw new AppError(
        'unknown_members',
        `${unknown.length === 1 ? 'This id is' : 'These ids are'} no member's: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}.`,
        { ids: unknown.slice(0, 100) },
      );
    }
    const allow = change.allow ?? (before ? parseIds(before.allow_ids) : []);
    const deny = change.deny ?? (before ? parseIds(before.deny_ids) : []);
    const values = {
      key,
      rollout_percent: change.rolloutPercent,
      allow_ids: JSON.stringify([...new Set(allow)]),
      deny_ids: JSON.stringify([...new Set(deny)]),
      updated_at: now,
    };
    await upsertFlag(trx, values);
    await recordAudit(trx, {
      at: now,
      actorId: actor.memberId,
      action: 'flag.changed',
      subjectMemberId: null,
      path: actor.path,
      details: {
        key,
        before: before ? { rolloutPercent: before.rollout_percent, allow: parseIds(before.allow_ids), deny: parseIds(before.deny_ids) } : null,
        after: { rolloutPercent: change.rolloutPercent, allow, deny },
      },
    });
    return { key, rolloutPercent: change.rolloutPercent, allow: [...new Set(allow)], deny: [...new Set(deny)], updatedAt: now };
  });
}
