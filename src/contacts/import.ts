/**
 * Contacts import: finds which contacts are members (by any address that is theirs — the primary one
 * or a verified additional one — case-insensitively, only members who allow being found that way) and
 * which are not, so they can be invited. The file is not stored.
 */
import type { Deps } from '../context.js';
import type { Db } from '../db/database.js';
import { findFindableMembersByEmails } from '../members/email-store.js';
import { relationshipBetween, type Relationship } from '../me/profile.js';
import { type Contact, decodeText, parseCsvContacts, parseVcardContacts, type SkippedRow } from './parse.js';

export interface ImportResult {
  members: { member: { id: string; name: string; headline: string }; email: string; contactName: string; relationship: Relationship }[];
  others: { name: string; email: string }[];
  skipped: SkippedRow[];
}

export type ContactsFormat = 'csv' | 'vcard';

export async function importContacts(db: Db, deps: Deps, memberId: string, format: ContactsFormat, body: Buffer | string): Promise<ImportResult> {
  const text = decodeText(body);
  const { contacts, skipped } = format === 'csv' ? parseCsvContacts(text) : parseVcardContacts(text);
  const allEmails = [...new Set(contacts.flatMap((c) => c.emails))];
  const found = new Map<string, { id: string; name: string; headline: string }>();
  for (let i = 0; i < allEmails.length; i += 500) {
    const rows = await findFindableMembersByEmails(db, allEmails.slice(i, i + 500));
    for (const r of rows) found.set(r.email, { id: r.id, name: r.name, headline: r.headline });
  }
  const result: ImportResult = { members: [], others: [], skipped };
  const seenMembers = new Set<string>();
  const seenOthers = new Set<string>();
  for (const contact of contacts) {
    const hit = contact.emails.map((email) => ({ email, member: found.get(email) })).find((x) => x.member);
    if (hit?.member) {
      if (hit.member.id === memberId || seenMembers.has(hit.member.id)) continue;
      seenMembers.add(hit.member.id);
      result.members.push({
        member: hit.member,
        email: hit.email,
        contactName: contact.name,
        relationship: await relationshipBetween(db, deps, memberId, hit.member.id),
      });
      continue;
    }
    const email = contact.emails[0]!;
    if (seenOthers.has(email)) continue;
    seenOthers.add(email);
    result.others.push({ name: contact.name, email });
  }
  return result;
}

export type { Contact };
