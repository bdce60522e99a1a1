/**
 * The two servers under test, each in a process of its own so the load generator does not share
 * its core: Rapport as `buildApp` makes it, and the bare-Fastify baseline. Started by run.ts with
 * `fork`; the child answers `{ port }` once it listens, and stops when told or when its parent goes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../src/config.js';
import { type DialectName, openDatabase } from '../src/db/database.js';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/shared/clock.js';
import { BALANCE } from './dataset.js';
import { buildBaseline } from './baseline.js';

export type ServerKind = 'rapport' | 'baseline';

/** Rapport's configuration for the benchmark: limits high enough that no send is refused. */
export function benchConfig(databaseUrl: string): Config {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    WEEKLY_INVITATION_LIMIT: '1000000',
    MESSAGE_DAILY_LIMIT: '1000000',
    INITIAL_BALANCE: String(BALANCE),
    LOG_LEVEL: 'silent',
  });
}

export interface RunningServer {
  kind: ServerKind;
  url: string;
  pid: number;
  /** CPU time the server process has used so far (user and system), in microseconds. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts a server process; `cpuProfileDir` turns on V8's CPU profiler in it. */
export async function startServer(kind: ServerKind, dialect: DialectName, databaseUrl: string, cpuProfileDir?: string): Promise<RunningServer> {
  const execArgv = ['--import', 'tsx', ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [])];
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [kind, dialect, databaseUrl], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with code ${code} before listening`)));
  });
  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    cpu: () =>
      new Promise<number>((resolve) => {
        child.once('message', (m) => resolve((m as { cpu: number }).cpu));
        child.send('cpu');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

async function serve(kind: ServerKind, dialect: DialectName, databaseUrl: string) {
  const config = benchConfig(databaseUrl);
  let app: { listen(o: { port: number; host: string }): Promise<string>; close(): Promise<unknown>; server: { address(): unknown } };
  let closeDb = async () => {};
  if (kind === 'rapport') {
    const handle = openDatabase(databaseUrl);
    closeDb = () => handle.destroy();
    app = (await buildApp({ db: handle.db, deps: { config, clock: systemClock, dialect }, logger: false })).app;
  } else {
    app = await buildBaseline({ dialect, url: databaseUrl, config });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const stop = async () => {
    await app.close();
    await closeDb();
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void stop();
    if (m === 'cpu') {
      const usage = process.cpuUsage();
      process.send!({ cpu: usage.user + usage.system });
    }
  });
  process.on('disconnect', () => void stop());
  process.send!({ port: (app.server.address() as { port: number }).port });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [kind, dialect, url] = process.argv.slice(2) as [ServerKind, DialectName, string];
  await serve(kind, dialect, url);
}
