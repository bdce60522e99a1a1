/** The `rapport` command: serve, worker, migrate, demo, and the operator and support actions. */
import { createLogger } from '../shared/logging.js';
import { Command, InvalidArgumentError } from 'commander';
import dotenv from 'dotenv';
import { revokeMemberCredentials, suspendMember, unsuspendMember } from '../auth/member-access.js';
import { ConfigError, type Config, loadConfig } from '../config.js';
import type { Deps } from '../context.js';
import { migrate, openDatabase } from '../db/database.js';
import { startWorker } from '../delivery/worker.js';
import { AppError } from '../errors.js';
import { isFlagKey, setFlag } from '../flags/flags.js';
import { attachWaitingInvitations } from '../invitations/attach.js';
import { createMember } from '../members/accounts.js';
import { startServer } from '../server.js';
import { systemClock } from '../shared/clock.js';
import { supportWithdrawAll } from '../support/support.js';
import { formatLogins, isEmpty, loadDemo } from './demo.js';

// The CLI acts as the system; audit rows name this path.
const CLI_ACTOR = { memberId: 'cli', role: 'admin' as const, path: 'cli' as const };

function config(): Config {
  dotenv.config({ quiet: true });
  return loadConfig(process.env);
}

async function withDatabase<T>(work: (deps: Deps, db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
  const cfg = config();
  const handle = openDatabase(cfg.databaseUrl);
  try {
    await migrate(handle.db);
    return await work({ config: cfg, clock: systemClock, dialect: handle.dialect }, handle.db);
  } finally {
    await handle.destroy();
  }
}

const ids = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const percent = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new InvalidArgumentError('must be a whole number from 0 to 100');
  return n;
};

function onShutdown(stop: () => Promise<void>) {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

const program = new Command('rapport').description('Rapport: connections and invitations').showHelpAfterError();

program
  .command('serve')
  .description('API, web app and (unless --no-worker) the delivery worker in one process')
  .option('--no-worker', 'do not run the delivery worker in this process')
  .option('--demo', 'load the demo network first if the database is empty')
  .action(async (opts: { worker: boolean; demo?: boolean }) => {
    const cfg = config();
    let logins: string | undefined;
    const server = await startServer(cfg, {
      worker: opts.worker,
      beforeListen: async ({ db, deps }) => {
        if (opts.demo && (await isEmpty(db))) {
          console.log('Loading the demo network (first start only)…');
          logins = formatLogins(await loadDemo(db, cfg, deps.dialect));
        }
      },
    });
    console.log(`\nRapport is running at ${cfg.publicUrl}  (database: ${cfg.databaseUrl.startsWith('file:') ? cfg.databaseUrl : 'PostgreSQL'})`);
    if (opts.demo) {
      console.log(
        logins
          ? `\nDemo log-ins:\n${logins}\n`
          : `\nDemo log-ins (password rapport-demo): alice@northwind.example, bob@contoso.example, support@rapport.example, admin@rapport.example\n`,
      );
    }
    onShutdown(() => server.stop());
  });

program
  .command('worker')
  .description('only the delivery worker (run many of them against PostgreSQL)')
  .action(async () => {
    const cfg = config();
    const handle = openDatabase(cfg.databaseUrl);
    await migrate(handle.db);
    const log = createLogger(cfg.logLevel);
    const worker = startWorker(handle.db, { config: cfg, clock: systemClock, dialect: handle.dialect }, (msg, err) => log.error({ err }, msg));
    // Said whatever LOG_LEVEL is: supervisors (and the tests) wait for this line.
    console.log(JSON.stringify({ level: 'info', msg: 'delivery worker started', pollIntervalMs: cfg.workerPollIntervalMs }));
    onShutdown(async () => {
      await worker.stop();
      await handle.destroy();
    });
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    // Not withDatabase: it migrates first, and this command would then always report nothing applied.
    const handle = openDatabase(config().databaseUrl);
    const applied = await migrate(handle.db).finally(() => handle.destroy());
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
  });

program
  .command('demo')
  .description('fill the database with a demo network and print log-ins')
  .action(async () => {
    await withDatabase(async (deps, db) => {
      if (!(await isEmpty(db))) throw new AppError('validation_failed', 'The database already has members; the demo loads only into an empty one.');
      const logins = await loadDemo(db, deps.config, deps.dialect);
      console.log(`Demo network loaded. Log-ins:\n${formatLogins(logins)}`);
    });
  });

const admin = program.command('admin').description('accounts');
admin
  .command('create')
  .description('make an account')
  .requiredOption('--email <email>')
  .requiredOption('--password <password>')
  .requiredOption('--name <name>')
  .option('--role <role>', 'member, support or admin', 'member')
  .action(async (opts: { email: string; password: string; name: string; role: string }) => {
    if (!['member', 'support', 'admin'].includes(opts.role)) throw new InvalidArgumentError('--role must be member, support or admin');
    const member = await withDatabase((deps, db) =>
      createMember(
        db,
        deps,
        { email: opts.email, password: opts.password, name: opts.name, role: opts.role as 'member' },
        { actorId: CLI_ACTOR.memberId, verified: true, onAddressOwned: attachWaitingInvitations },
      ),
    );
    console.log(`Created ${member.role} ${member.email} (id ${member.id}).`);
  });

admin
  .command('revoke-credentials')
  .description('end every session and bearer token of a member at once')
  .requiredOption('--member <id>')
  .option('--reason <text>', 'why, for the audit trail')
  .action(async (opts: { member: string; reason?: string }) => {
    const { revoked } = await withDatabase((deps, db) => revokeMemberCredentials(db, deps, CLI_ACTOR, opts.member, opts.reason));
    console.log(`Revoked ${revoked} credentials of member ${opts.member}.`);
  });
admin
  .command('suspend')
  .description('suspend a member: none of their credentials works, and they cannot log in or get a token')
  .requiredOption('--member <id>')
  .requiredOption('--reason <text>', 'why, for the audit trail')
  .action(async (opts: { member: string; reason: string }) => {
    const { suspendedAt } = await withDatabase((deps, db) => suspendMember(db, deps, CLI_ACTOR, opts.member, opts.reason));
    console.log(`Member ${opts.member} is suspended (since ${suspendedAt}).`);
  });
admin
  .command('unsuspend')
  .description("lift a member's suspension")
  .requiredOption('--member <id>')
  .option('--reason <text>', 'why, for the audit trail')
  .action(async (opts: { member: string; reason?: string }) => {
    await withDatabase((deps, db) => unsuspendMember(db, deps, CLI_ACTOR, opts.member, opts.reason));
    console.log(`Member ${opts.member} is not suspended.`);
  });

const flags = program.command('flags').description('feature flags');
flags
  .command('set <key>')
  .description('roll a feature out')
  .requiredOption('--percent <n>', 'rollout percentage, 0 to 100', percent)
  .option('--allow <ids>', 'member ids who always have it, comma-separated', ids)
  .option('--deny <ids>', 'member ids who never have it, comma-separated', ids)
  .action(async (key: string, opts: { percent: number; allow?: string[]; deny?: string[] }) => {
    if (!isFlagKey(key)) throw new InvalidArgumentError(`unknown flag "${key}" (bulk-withdraw, inbox-withdraw, new-messaging)`);
    const flag = await withDatabase((deps, db) => setFlag(db, deps, CLI_ACTOR, key, { rolloutPercent: opts.percent, allow: opts.allow, deny: opts.deny }));
    console.log(`${flag.key}: ${flag.rolloutPercent}% (allow ${flag.allow.length}, deny ${flag.deny.length})`);
  });

const support = program.command('support').description('support actions');
support
  .command('withdraw-all')
  .description("withdraw every pending invitation a member sent, on the member's behalf")
  .requiredOption('--member <id>')
  .requiredOption('--reason <text>')
  .option('--dry-run', 'only count what would be withdrawn')
  .option('--request <id>', 'the support request this answers')
  .action(async (opts: { member: string; reason: string; dryRun?: boolean; request?: string }) => {
    const result = await withDatabase((deps, db) =>
      supportWithdrawAll(
        db,
        deps,
        { memberId: CLI_ACTOR.memberId, role: 'support', path: 'cli' },
        { memberId: opts.member, reason: opts.reason, dryRun: opts.dryRun, requestId: opts.request },
      ),
    );
    console.log(opts.dryRun ? `Would withdraw ${result.count} invitations.` : `Withdrew ${result.count} invitations.`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else if (error instanceof AppError || error instanceof InvalidArgumentError) console.error(`Error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
