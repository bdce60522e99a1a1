/**
 * Delivery worker processes for tests (`rapport worker`, or `rapport serve` with its worker; spawned
 * from source, stopped or killed by their own pid), and a bulk seed of e-mail invitations whose rows
 * are the ones sending writes: an invitation row and its outbox messages, enqueued by the outbox's
 * own function.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../../src/context.js';
import type { Db } from '../../src/db/database.js';
import { enqueueMessages, type OutgoingMessage } from '../../src/outbox/store.js';
import { insertMember } from '../../src/members/store.js';
import { addMs, iso } from '../../src/shared/clock.js';
import { newId } from '../../src/shared/crypto.js';
import { freePort } from './servers.js';
import { invitationRow } from './factories.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkerProcess {
  pid: number;
  /** What the process wrote so far (for failure messages). */
  output(): string;
  /** Ends the process at once (SIGKILL): no shutdown code runs, open transactions are cut off. */
  kill(): Promise<void>;
  /** Asks the process to finish its batch and exit (SIGTERM), killing it if it takes too long. */
  stop(): Promise<void>;
}

/** Children still running: killed if this process exits first (a test that timed out, say). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `rapport worker` on `databaseUrl` with `env` added; resolves once it says it started. */
export async function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}, { timeoutMs = 90_000 } = {}): Promise<WorkerProcess> {
  return startRapport(['worker'], databaseUrl, env, timeoutMs, async (log) => log.includes('delivery worker started'));
}

async function startRapport(
  args: string[],
  databaseUrl: string,
  env: Record<string, string>,
  timeoutMs: number,
  ready: (log: string) => Promise<boolean>,
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, WORKER_POLL_INTERVAL: '50ms', ...env, DATABASE_URL: databaseUrl, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const output = () => log;
  const kill = async () => {
    const done = exited(child);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await done;
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = exited(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await done;
    clearTimeout(timer);
  };
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await ready(log))) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`rapport ${args[0]} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${log}`);
      if (Date.now() > deadline) throw new Error(`rapport ${args[0]} was not ready within ${timeoutMs}ms:\n${log}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } catch (error) {
    await kill();
    throw error;
  }
  return { pid: child.pid!, output, kill, stop };
}

export interface ServeProcess extends WorkerProcess {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
}

/**
 * Starts `rapport serve` with its delivery worker (the embedded deployment: API and worker in one
 * process) on a free port; resolves once /healthz answers.
 */
export async function startServeProcess(databaseUrl: string, env: Record<string, string> = {}, { timeoutMs = 90_000 } = {}): Promise<ServeProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = await startRapport(['serve'], databaseUrl, { ...env, PORT: String(port), HOST: '127.0.0.1' }, timeoutMs, async (_log) => {
    try {
      return (await fetch(`${url}/healthz`)).ok;
    } catch {
      return false;
    }
  });
  return { ...started, url };
}

export interface SeededInvitation {
  invitationId: string;
  senderId: string;
  recipient: string;
}

export interface SeedOptions {
  count: number;
  senders: number;
  /** Makes addresses unique to the run, e.g. `crash`. */
  tag: string;
  /** When the (first) invitation was sent; its messages are due then. */
  sentAt: Date;
  /** Invitation i is sent this much after invitation i - 1 (default 0: all at `sentAt`). */
  staggerMs?: number;
  /** Reminders of each invitation, due this long after `sentAt` (may be in the past). */
  reminderOffsetsMs?: readonly number[];
  /** Whether the invitation message itself is enqueued (false: only the reminders are). */
  invitationMessage?: boolean;
}

/**
 * Writes `count` pending e-mail invitations from `senders` members, each with its outbox messages,
 * in a few large transactions (much faster than sending them one by one through the API).
 */
export async function seedEmailInvitations(db: Db, deps: Deps, options: SeedOptions): Promise<SeededInvitation[]> {
  const sentAt = (i: number) => addMs(options.sentAt, i * (options.staggerMs ?? 0));
  const now = iso(options.sentAt);
  const senderIds: string[] = [];
  for (let i = 0; i < options.senders; i++) {
    const id = newId();
    await insertMember(db, {
      id,
      email: `sender${i}.${options.tag}.${id.slice(0, 6).toLowerCase()}@example.test`,
      name: `Sender ${i} ${options.tag}`,
      passwordHash: 'not-a-password-hash',
      role: 'member',
      balance: 3000,
      createdAt: now,
    });
    senderIds.push(id);
  }
  const seeded: SeededInvitation[] = [];
  const CHUNK = 500;
  for (let start = 0; start < options.count; start += CHUNK) {
    await db.transaction().execute(async (trx) => {
      const batch: (SeededInvitation & { sentAt: Date })[] = [];
      for (let i = start; i < Math.min(start + CHUNK, options.count); i++) {
        batch.push({ invitationId: newId(), senderId: senderIds[i % senderIds.length]!, recipient: `r${i}.${options.tag}@example.org`, sentAt: sentAt(i) });
      }
      await trx
        .insertInto('invitations')
        .values(
          batch.map((b) =>
            invitationRow({
              id: b.invitationId,
              sender_id: b.senderId,
              recipient_email: b.recipient,
              message: `Hello from invitation ${b.invitationId}`,
              created_at: iso(b.sentAt),
              expires_at: iso(addMs(b.sentAt, deps.config.invitationTtlMs)),
            }),
          ),
        )
        .execute();
      const messages: OutgoingMessage[] = [];
      for (const b of batch) {
        if (options.invitationMessage !== false) {
          messages.push({ kind: 'invitation', channel: 'email', recipient: b.recipient, invitationId: b.invitationId, dueAt: iso(b.sentAt), payload: {} });
        }
        (options.reminderOffsetsMs ?? []).forEach((offset, index) => {
          messages.push({
            kind: 'reminder',
            channel: 'email',
            recipient: b.recipient,
            invitationId: b.invitationId,
            dueAt: iso(addMs(b.sentAt, offset)),
            payload: { reminder: index + 1 },
          });
        });
      }
      await enqueueMessages(trx, messages, now);
      seeded.push(...batch.map(({ invitationId, senderId, recipient }) => ({ invitationId, senderId, recipient })));
    });
  }
  return seeded;
}
