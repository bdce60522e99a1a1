/** The audit trail: one row for every state change, flag change, grant and support action. */
import type { Db, Trx } from '../db/database.js';
import type { ActionPath } from '../db/schema.js';

export interface AuditEntry {
  at: string;
  actorId: string | null;
  action: string;
  subjectMemberId: string | null;
  invitationId?: string | null;
  path: ActionPath;
  details?: Record<string, unknown>;
}

const toRow = (e: AuditEntry) => ({
  at: e.at,
  actor_id: e.actorId,
  action: e.action,
  subject_member_id: e.subjectMemberId,
  invitation_id: e.invitationId ?? null,
  path: e.path,
  details: JSON.stringify(e.details ?? {}),
});

/** Appends entries, in chunks small enough for either database's parameter limit. */
export async function recordAudit(trx: Trx, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  for (let i = 0; i < list.length; i += 500) {
    await trx
      .insertInto('audit_log')
      .values(list.slice(i, i + 500).map(toRow))
      .execute();
  }
}

export interface AuditQuery {
  memberId?: string;
  action?: string;
  before?: number;
  limit: number;
}

/** Newest first; `before` is the id of the last row of the previous page. */
export async function listAudit(db: Db, q: AuditQuery) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('members as actor', 'actor.id', 'audit_log.actor_id')
    .leftJoin('members as subject', 'subject.id', 'audit_log.subject_member_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_id',
      'actor.name as actor_name',
      'audit_log.action',
      'audit_log.subject_member_id',
      'subject.name as subject_name',
      'audit_log.invitation_id',
      'audit_log.path',
      'audit_log.details',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(q.limit + 1);
  if (q.memberId) {
    const id = q.memberId;
    query = query.where((eb) => eb.or([eb('audit_log.subject_member_id', '=', id), eb('audit_log.actor_id', '=', id)]));
  }
  if (q.action) query = query.where('audit_log.action', '=', q.action);
  if (q.before !== undefined) query = query.where('audit_log.id', '<', q.before);
  return query.execute();
}
