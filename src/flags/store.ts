/** Queries of the feature flags' settings. */
import type { Insertable, Selectable } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import type { FeatureFlagTable } from '../db/schema.js';

export type FlagRow = Selectable<FeatureFlagTable>;

export async function listFlagRows(db: Db): Promise<FlagRow[]> {
  return db.selectFrom('feature_flags').selectAll().execute();
}

export async function findFlagRow(trx: Trx, key: string): Promise<FlagRow | undefined> {
  return trx.selectFrom('feature_flags').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Sets the flag's row, made or replaced. */
export async function upsertFlag(trx: Trx, values: Insertable<FeatureFlagTable>): Promise<void> {
  await trx
    .insertInto('feature_flags')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ rollout_percent: values.rollout_percent, allow_ids: values.allow_ids, deny_ids: values.deny_ids, updated_at: values.updated_at }),
    )
    .execute();
}

/** Of `ids`, those that are no member's id: what an allow or deny list must not hold. */
export async function unknownMemberIds(trx: Trx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const known = new Set<string>();
  // In chunks, to stay within every database's limit on bound parameters.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('members')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) known.add(r.id);
  }
  return ids.filter((id) => !known.has(id));
}
