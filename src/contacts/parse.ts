/**
 * Reading address-book exports: CSV from Google, Outlook, Apple and the like (columns found by their
 * headers) and vCard 3.0/4.0. Parsing is left to csv-parse and ical.js; this file only maps columns.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { AppError } from '../errors.js';

const MAX_CONTACTS = 10_000;
export const MAX_BYTES = 5 * 1024 * 1024;
/** Rows of notes an export may put above its header. */
const PREAMBLE_ROWS = 10;

export interface Contact {
  name: string;
  emails: string[];
}

export interface SkippedRow {
  row: number;
  reason: 'no_email' | 'invalid_email' | 'unreadable';
}

export interface ParsedContacts {
  contacts: Contact[];
  skipped: SkippedRow[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function unreadable(what: string): AppError {
  return new AppError('unreadable_contacts', `The file could not be read as ${what}.`);
}

/** Rejects what is not text: NUL bytes or bytes that are not UTF-8. */
export function decodeText(body: Buffer | string): string {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (buffer.length > MAX_BYTES) throw new AppError('payload_too_large', 'Contacts files may be at most 5 MB.');
  // Excel's "Unicode text" is UTF-16 with a byte-order mark (and NUL bytes in every ASCII character).
  const utf16 = buffer[0] === 0xff && buffer[1] === 0xfe ? 'utf-16le' : buffer[0] === 0xfe && buffer[1] === 0xff ? 'utf-16be' : null;
  if (!utf16 && buffer.includes(0)) throw unreadable('text');
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(buffer);
  } catch {
    if (utf16) throw unreadable('text');
    // Outlook on Windows exports in the ANSI code page, not UTF-8.
    text = new TextDecoder('windows-1252').decode(buffer);
  }
  // Text has few control characters besides tabs and line ends; binary is full of them.
  // eslint-disable-next-line no-control-regex
  const controls = (text.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g) ?? []).length;
  if (controls > 16 && controls > text.length / 100) throw unreadable('text');
  return text.replace(/^\uFEFF/, '');
}

function cleanEmail(value: string): string | null {
  const email = value
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? email : null;
}

interface Columns {
  emails: number[];
  name?: number;
  first?: number;
  middle?: number;
  last?: number;
}

/** Finds the e-mail and name columns of the usual exports by their headers. */
function detectColumns(header: string[]): Columns {
  const norm = header.map((h) => h.trim().toLowerCase());
  const emails = norm
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => h.length <= 64 && /e-?mail/.test(h) && !/(type|label|display|sensitivity|subject)/.test(h))
    .map(({ i }) => i);
  const find = (re: RegExp) => {
    const i = norm.findIndex((h) => re.test(h));
    return i === -1 ? undefined : i;
  };
  return {
    emails,
    name: find(/^(name|full name|display name|contact name|formatted name)$/),
    first: find(/^(first name|given name|first)$/),
    middle: find(/^(middle name|additional name)$/),
    last: find(/^(last name|family name|surname|last)$/),
  };
}

export function parseCsvContacts(text: string): ParsedContacts {
  let records: string[][];
  try {
    // Reading stops just past the limit: a 5 MB file of tiny rows is refused without parsing it all.
    records = parseCsv(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: false,
      to: MAX_CONTACTS + PREAMBLE_ROWS + 2,
    }) as string[][];
  } catch {
    throw unreadable('CSV');
  }
  if (records.length === 0) return { contacts: [], skipped: [] };
  // Some exports (LinkedIn's) put notes above the header: the header is the first row naming an e-mail column.
  const start = records.slice(0, PREAMBLE_ROWS + 1).findIndex((record) => detectColumns(record).emails.length > 0);
  if (start === -1) throw new AppError('unreadable_contacts', 'The CSV file has no e-mail column (looked for a header with "E-mail" in it).');
  const columns = detectColumns(records[start]!);
  const rows = records.slice(start + 1);
  if (rows.length > MAX_CONTACTS) throw new AppError('too_many_contacts', `A file may hold at most ${MAX_CONTACTS} contacts.`);
  const contacts: Contact[] = [];
  const skipped: SkippedRow[] = [];
  rows.forEach((cells, index) => {
    const row = start + index + 2;
    const at = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
    const raw = columns.emails.flatMap((i) => at(i).split(/\s*:::\s*|[;,]\s*/)).filter(Boolean);
    const emails = [...new Set(raw.map(cleanEmail).filter((e): e is string => e !== null))];
    if (raw.length === 0) return void skipped.push({ row, reason: 'no_email' });
    if (emails.length === 0) return void skipped.push({ row, reason: 'invalid_email' });
    const name = at(columns.name) || [at(columns.first), at(columns.middle), at(columns.last)].filter(Boolean).join(' ');
    contacts.push({ name: name.slice(0, 200), emails });
  });
  return { contacts, skipped };
}

export function parseVcardContacts(text: string): ParsedContacts {
  // Counted before parsing, so a 5 MB file of tiny cards is refused without parsing it all.
  if ((text.match(/^BEGIN:VCARD\s*$/gim) ?? []).length > MAX_CONTACTS)
    throw new AppError('too_many_contacts', `A file may hold at most ${MAX_CONTACTS} contacts.`);
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch {
    throw unreadable('vCard');
  }
  const cards = (Array.isArray(parsed) && parsed[0] === 'vcard' ? [parsed] : (parsed as unknown[])) as unknown[];
  if (!Array.isArray(cards) || cards.some((c) => !Array.isArray(c) || c[0] !== 'vcard')) throw unreadable('vCard');
  if (cards.length > MAX_CONTACTS) throw new AppError('too_many_contacts', `A file may hold at most ${MAX_CONTACTS} contacts.`);
  const contacts: Contact[] = [];
  const skipped: SkippedRow[] = [];
  cards.forEach((card, index) => {
    const component = new ICAL.Component(card as unknown[]);
    const values = (prop: string) => component.getAllProperties(prop).map((p) => p.getFirstValue());
    const raw = values('email')
      .map((v) => String(v ?? ''))
      .filter(Boolean);
    const emails = [...new Set(raw.map(cleanEmail).filter((e): e is string => e !== null))];
    if (raw.length === 0) return void skipped.push({ row: index + 1, reason: 'no_email' });
    if (emails.length === 0) return void skipped.push({ row: index + 1, reason: 'invalid_email' });
    const fn = values('fn')[0];
    const n = values('n')[0] as unknown;
    const structured = Array.isArray(n)
      ? [n[1], n[2], n[0]]
          .flat()
          .filter((p) => typeof p === 'string' && p)
          .join(' ')
      : '';
    contacts.push({
      name:
        String(fn ?? structured ?? '')
          .trim()
          .slice(0, 200) || structured,
      emails,
    });
  });
  return { contacts, skipped };
}
