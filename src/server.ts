/** Starting Rapport: database, schema, HTTP server and (optionally) the delivery worker. */
import type { Config } from './config.js';
import { type DatabaseHandle, migrate, openDatabase } from './db/database.js';
import { startWorker } from './delivery/worker.js';
import { buildApp, type App, type Services } from './app.js';
import { registerWebApp } from './http/web.js';
import { systemClock, type Clock } from './shared/clock.js';

export interface RunningServer {
  app: App;
  services: Services;
  handle: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  worker?: boolean;
  clock?: Clock;
  logger?: boolean;
  /** Runs after migrations and before listening (the demo network is loaded here). */
  beforeListen?: (services: Services) => Promise<void>;
  /** Serve the web app (dist/web) beside the API; on by default. */
  web?: boolean;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const handle = openDatabase(config.databaseUrl);
  await migrate(handle.db);
  const clock = options.clock ?? systemClock;
  const { app, services } = await buildApp({
    db: handle.db,
    deps: { config, clock, dialect: handle.dialect },
    logger: options.logger === false ? false : { level: config.logLevel },
    extend: options.web === false ? undefined : (app) => registerWebApp(app),
  });
  if (options.beforeListen) await options.beforeListen(services);
  const address = await app.listen({ port: config.port, host: config.host });
  // The worker shares the API's database handle. On SQLite that means one connection whose
  // statements take turns, so a withdrawal waits (asynchronously) for a batch being sent, which is
  // what keeps withdrawals and reminders apart. A second connection would not do: better-sqlite3 is
  // synchronous, so its wait for the worker's write lock would stop the very event loop the worker
  // needs to finish its batch, and fail with "database is locked" after the busy timeout.
  const worker =
    options.worker === false
      ? undefined
      : startWorker(handle.db, services.deps, (msg, err) => app.log.error({ err }, msg), undefined, undefined, services.blobs);
  return {
    app,
    services,
    handle,
    url: address,
    async stop() {
      await worker?.stop();
      await app.close();
      await handle.destroy();
    },
  };
}
