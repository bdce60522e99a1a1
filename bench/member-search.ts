/**
 * The support console's member lookup (`searchMembers`) on 100,000 members: exact e-mail address,
 * exact id, name prefixes, a later page, and the "contains" fallback at its best (many matches) and
 * worst (one match or none: every name is read). Each case is timed with the name index
 * `members_name_search`, then again after dropping it, to show what it buys.
 *
 *   node --import tsx bench/member-search.ts [sqlite|postgres|both]
 *
 * Settings: SEARCH_MEMBERS (100,000), SEARCH_ROUNDS (50), BENCH_DATABASE_URL or TEST_DATABASE_URL
 * (the PostgreSQL server, on which the database rapport_bench_member_search is made and dropped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import type { Actor } from '../src/context.js';
import { type Db, type DialectName, migrate, openDatabase } from '../src/db/database.js';
import { searchMembers } from '../src/members/search.js';
import { seededRandom } from '../src/shared/random.js';

const env = process.env;
const MEMBERS = Number(env.SEARCH_MEMBERS ?? 100_000);
const ROUNDS = Number(env.SEARCH_ROUNDS ?? 50);
const SERVER_URL = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL;
const PG_NAME = 'rapport_bench_member_search';

const FIRST = [
  'Ada',
  'Ben',
  'Cara',
  'Dev',
  'Eli',
  'Fay',
  'Gus',
  'Hana',
  'Ivo',
  'Jin',
  'Kai',
  'Lea',
  'Mo',
  'Nia',
  'Oli',
  'Pia',
  'Quin',
  'Rae',
  'Sam',
  'Tia',
  'Uma',
  'Vic',
  'Wes',
  'Xia',
  'Yan',
  'Zoe',
  'Émile',
  'Åsa',
];
const LAST = [
  'Anders',
  'Baker',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'García',
  'Hughes',
  'Ito',
  'Jones',
  'Kim',
  'Lopez',
  'Müller',
  'Nguyen',
  'Olsen',
  'Patel',
  'Quinn',
  'Rossi',
  'Smith',
  'Tanaka',
  'Ueda',
  'Vogel',
  'Wong',
  'Xu',
  'Young',
  'Zhang',
];
const AGENT: Actor = { memberId: 'bench-agent', role: 'support', path: 'web' };

/** Member j is "<first> <last>[-<last>] j", with the address user<j>@example<j % 50>.test. */
async function fill(db: Db): Promise<{ ids: string[]; emails: string[] }> {
  // A fixed seed: every run searches the same names.
  const next = seededRandom(42);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const ids: string[] = [];
  const emails: string[] = [];
  for (let i = 0; i < MEMBERS; i += 1000) {
    const rows = [];
    for (let j = i; j < Math.min(MEMBERS, i + 1000); j++) {
      const id = `bench${j.toString(36).padStart(6, '0')}${Math.floor(next() * 1e9).toString(36)}`;
      const email = `user${j}@example${j % 50}.test`;
      ids.push(id);
      emails.push(email);
      rows.push({
        id,
        email,
        name: `${pick(FIRST)} ${pick(LAST)}${next() < 0.3 ? `-${pick(LAST)}` : ''} ${j}`,
        headline: '',
        phone: null,
        password_hash: 'not a hash',
        role: 'member' as const,
        invitation_balance: 3000,
        restricted_at: null,
        findable_by_email: 1,
        created_at: new Date(Date.UTC(2026, 0, 1) + j * 1000).toISOString(),
        // Support's look-up by address finds verified addresses only.
        email_verified_at: new Date(Date.UTC(2026, 0, 1) + j * 1000).toISOString(),
      });
    }
    await db.insertInto('members').values(rows).execute();
  }
  await sql`analyze`.execute(db);
  return { ids, emails };
}

async function time(label: string, run: () => Promise<{ members: unknown[] }>) {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  let found = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    found = (await run()).members.length;
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))]!.toFixed(2);
  console.log(`  ${label.padEnd(52)} median ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms   ${found} found`);
}

async function measure(db: Db, dialect: DialectName, ids: string[], emails: string[]) {
  const search = (q: string, cursor?: string, limit = 20) => searchMembers(db, dialect, AGENT, { q, cursor, limit });
  await time('e-mail address, exact, upper case', () => search(emails[Math.floor(MEMBERS * 0.77)]!.toUpperCase()));
  await time('id, exact', () => search(ids[Math.floor(MEMBERS * 0.55)]!));
  await time('name prefix "ada" (1 in 28 names)', () => search('ada'));
  await time('name prefix "zoe smith"', () => search('zoe smith'));
  let cursor = (await search('ada', undefined, 100)).nextCursor;
  for (let i = 0; i < 20 && cursor; i++) cursor = (await search('ada', cursor, 100)).nextCursor;
  await time('name prefix "ada", 22nd page of 100', () => search('ada', cursor ?? undefined, 100));
  await time('name contains "smith" (1 in 20 names)', () => search('smith'));
  await time('name contains "12345" (one name: reads all)', () => search('12345'));
  await time('no name contains "qqq" (reads all)', () => search('qqq'));
}

async function run(dialect: DialectName) {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-search-'));
    url = `file:${join(dir, 'bench.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!SERVER_URL) throw new Error('Set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server.');
    const admin = async (text: string) => {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      await client.query(text).finally(() => client.end());
    };
    await admin(`drop database if exists ${PG_NAME}`);
    await admin(`create database ${PG_NAME}`);
    const server = new URL(SERVER_URL);
    server.pathname = `/${PG_NAME}`;
    url = server.toString();
    cleanup = () => admin(`drop database if exists ${PG_NAME}`);
  }
  const handle = openDatabase(url);
  try {
    await migrate(handle.db);
    const start = performance.now();
    const { ids, emails } = await fill(handle.db);
    console.log(`${dialect}: ${MEMBERS.toLocaleString('en-US')} members in ${((performance.now() - start) / 1000).toFixed(1)} s; ${ROUNDS} rounds each`);
    console.log(' with members_name_search');
    await measure(handle.db, dialect, ids, emails);
    await sql`drop index members_name_search`.execute(handle.db);
    await sql`analyze`.execute(handle.db);
    console.log(' without it');
    await measure(handle.db, dialect, ids, emails);
  } finally {
    await handle.destroy();
    await cleanup();
  }
}

const which = process.argv[2] ?? 'sqlite';
for (const dialect of ['sqlite', 'postgres'] as const) {
  if (which === dialect || which === 'both') await run(dialect);
}
