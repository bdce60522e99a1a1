/**
 * A Rapport server for one browser suite: the real server (API, web app and delivery worker) on a
 * fresh SQLite file, and the members and invitations the suite needs, made through the domain
 * functions (invitations in the past through a manual clock, as the demo network does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import type { Actor, Deps } from '../../src/context.js';
import type { Db } from '../../src/db/database.js';
import type { Role } from '../../src/db/schema.js';
import { setFlag } from '../../src/flags/flags.js';
import { acceptInvitation } from '../../src/invitations/respond.js';
import { sendInvitation, type RecipientInput } from '../../src/invitations/send.js';
import { withdrawInvitation } from '../../src/invitations/withdraw.js';
import { hashPassword } from '../../src/members/passwords.js';
import { insertMember } from '../../src/members/store.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { ManualClock } from '../../src/shared/clock.js';
import { newId } from '../../src/shared/crypto.js';
import { freePort } from '../support/servers.js';

export const PASSWORD = 'browser-test-password';
export const DAY = 86_400_000;

export interface TestMember {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface E2eApp {
  url: string;
  server: RunningServer;
  db: Db;
  deps: Deps;
  /** Makes a member who can log in with PASSWORD. */
  member(name: string, options?: { email?: string; role?: Role; headline?: string }): Promise<TestMember>;
  /** Sends an invitation as `sender`, `daysAgo` days in the past (0: now). */
  invite(sender: TestMember, recipient: RecipientInput, options?: { daysAgo?: number; message?: string | null }): Promise<string>;
  accept(recipient: TestMember, invitationId: string): Promise<void>;
  withdraw(sender: TestMember, invitationId: string): Promise<void>;
  /** Gives `ids` both withdrawal features (and nobody else). */
  grantFeatures(ids: string[]): Promise<void>;
  /** The links the worker put into the dev mailbox for `to`, once it has sent something there. */
  linksFor(to: string, kind: '/i/' | '/opt-out/'): Promise<string[]>;
  stop(): Promise<void>;
}

const actor = (m: TestMember): Actor => ({ memberId: m.id, role: m.role, path: 'web' });

export async function startE2eApp(): Promise<E2eApp> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-e2e-'));
  const port = await freePort();
  const config = loadConfig({
    DATABASE_URL: `file:${join(dir, 'rapport.db')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKER_POLL_INTERVAL: '200ms',
    LOG_LEVEL: 'warn',
  });
  const server = await startServer(config, { logger: false });
  const { db, deps } = server.services;
  const passwordHash = await hashPassword(PASSWORD);
  let n = 0;

  return {
    url: `http://127.0.0.1:${port}`,
    server,
    db,
    deps,
    async member(name, options = {}) {
      n++;
      const email =
        options.email ??
        `${name
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]+/g, '.')}.${n}@example.test`;
      const role = options.role ?? 'member';
      const row = await insertMember(db, {
        id: newId(),
        email,
        name,
        headline: options.headline ?? 'Engineer at Example',
        passwordHash,
        role,
        balance: config.initialBalance,
        createdAt: new Date(Date.now() - 400 * DAY).toISOString(),
      });
      return { id: row.id, name, email: row.email, role };
    },
    async invite(sender, recipient, options = {}) {
      const clock = new ManualClock(Date.now() - (options.daysAgo ?? 0) * DAY);
      const inv = await sendInvitation(db, { ...deps, clock }, actor(sender), { recipient, message: options.message ?? null });
      return inv.id;
    },
    async accept(recipient, invitationId) {
      await acceptInvitation(db, deps, actor(recipient), invitationId);
    },
    async withdraw(sender, invitationId) {
      await withdrawInvitation(db, deps, actor(sender), invitationId);
    },
    async grantFeatures(ids) {
      const admin: Actor = { memberId: 'cli', role: 'admin', path: 'cli' };
      await setFlag(db, deps, admin, 'bulk-withdraw', { rolloutPercent: 0, allow: ids, deny: [] });
      await setFlag(db, deps, admin, 'inbox-withdraw', { rolloutPercent: 0, allow: ids, deny: [] });
    },
    async linksFor(to, kind) {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const rows = await db.selectFrom('dev_mailbox').select(['links']).where('to_address', '=', to).orderBy('id', 'desc').execute();
        const links = rows.flatMap((r) => JSON.parse(r.links) as string[]).filter((l) => l.includes(kind));
        if (links.length > 0) return links;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`nothing was delivered to ${to} within 15 s`);
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
